import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, single_email_re

from odoo.addons.atta_beneficiary.tools import (
    bad_characters,
    check_roles,
    form_text,
    hijri_date_string,
    identity_number_problem,
    in_lang_of,
    normalize_digits,
    normalize_identity,
    number_new_records,
    person_name,
    phone_to_e164,
    refuse_step_fields,
    watch_deadlines,
)
from odoo.addons.atta_beneficiary.tools.roles import MANAGER, OFFICER

COMPLAINT_KINDS = [("complaint", "Complaint"), ("suggestion", "Suggestion")]
COMPLAINT_STATES = [("new", "Received"), ("in_progress", "Being handled"), ("answered", "Answered")]
COMPLAINT_SOURCES = [
    ("desk", "At the desk"),
    ("tracking", "Tracking link of a request"),
    ("website", "Public form"),
]
# Written only by the steps (numbering, deadline, answer, escalation) and by the public routes.
STEP_FIELDS = {
    "name",
    "state",
    "deadline",
    "reminded",
    "escalated",
    "answered_on",
    "answered_by_id",
    "source",
    "ip_address",
}


class AttaComplaint(models.Model):
    """A complaint or a suggestion, answered within a promised period by its owner [S3.3, S4].

    Anyone may file one without an account: from the tracking link of a request, or from the public
    form at /complaint with a mobile or an e-mail to be answered on. The person's name, identity number, mobile
    and e-mail are personal data: reading, exporting or looking a person up by them leaves a row in the audit
    trail, as for a file [PDPL].
    """

    _name = "atta.complaint"
    _description = "Complaint or Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin", "atta.audit.mixin", "atta.notify.mixin"]
    # A search on these looks a person up (a probe by identity number, mobile or e-mail): it leaves an entry.
    _atta_audit_search_fields = ("identity_number", "mobile", "email", "contact_name")
    _order = "id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="btree")
    kind = fields.Selection(COMPLAINT_KINDS, required=True, default="complaint", tracking=True)
    category_id = fields.Many2one("atta.complaint.category", required=True, tracking=True, index=True)
    subject = fields.Char(required=True, tracking=True)
    description = fields.Text(string="What Happened", required=True)
    source = fields.Selection(COMPLAINT_SOURCES, default="desk", required=True, readonly=True)
    request_id = fields.Many2one("atta.support.request", string="Support Request", index=True, tracking=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", index=True, tracking=True, ondelete="restrict")
    contact_name = fields.Char(string="Name of the Person")
    identity_number = fields.Char(help="Optional: the identity number the person gave.")
    mobile = fields.Char(help="The answer is sent here by SMS.")
    email = fields.Char(help="The answer is sent here by e-mail.")
    lang = fields.Selection(
        selection="_lang_get", string="Language", default=lambda self: self.env.lang, help="Language of the answer."
    )
    channel_id = fields.Many2one(
        "atta.channel",
        default=lambda self: self.env.ref("atta_beneficiary.channel_interview", raise_if_not_found=False),
    )
    user_id = fields.Many2one("res.users", string="Owner", tracking=True, index=True, domain=[("share", "=", False)])
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(COMPLAINT_STATES, default="new", required=True, tracking=True, index=True, copy=False)
    deadline = fields.Date(
        string="Answer Due",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Counted in working days on the association's calendar from the day it was received.",
    )
    deadline_hijri = fields.Char(compute="_compute_deadline_hijri")
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    reminded = fields.Boolean(readonly=True, copy=False)
    escalated = fields.Boolean(readonly=True, copy=False, tracking=True)
    answer = fields.Text(tracking=True, copy=False, help="Sent to the person by their channel when answered.")
    answered_on = fields.Datetime(readonly=True, copy=False)
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    ip_address = fields.Char(readonly=True, copy=False, groups=MANAGER)

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("deadline")
    @api.depends_context("lang")
    def _compute_deadline_hijri(self):
        for complaint in self:
            complaint.deadline_hijri = hijri_date_string(complaint.deadline, self.env.lang or "en_US")

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.state != "answered" and complaint.deadline and complaint.deadline < today
            )

    @api.constrains("beneficiary_id", "mobile", "email")
    def _check_reachable(self):
        for complaint in self:
            if not (complaint.beneficiary_id or complaint.mobile or complaint.email):
                raise ValidationError(
                    self.env._(
                        "Give a mobile number or an e-mail address for the answer, or choose the beneficiary's file."
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
            self._normalize_contact(vals)
        number_new_records(self, vals_list, "atta.complaint", "CMP")
        complaints = super().create(vals_list)
        today = fields.Date.context_today(self)
        for complaint in complaints:
            category = complaint.category_id
            values = {
                "deadline": self.env["atta.support.request"]
                .with_company(complaint.company_id)
                ._add_working_days(today, category.answer_days or 5)
            }
            if not complaint.user_id:
                values["user_id"] = category._default_owner().id
            beneficiary = complaint.beneficiary_id
            if beneficiary:
                values.update(
                    {
                        "contact_name": complaint.contact_name or beneficiary.name,
                        # The file's own addresses, when they are valid ones.
                        "mobile": complaint.mobile or phone_to_e164(beneficiary.phone or "") or False,
                        "email": complaint.email or email_normalize(beneficiary.email or "") or False,
                        "lang": beneficiary.lang or complaint.lang,
                    }
                )
            # Superuser mode: the deadline is a step field, and the default owner is set whoever files it
            # (a visitor from the public form holds no right on complaints).
            complaint.sudo().write(values)
            if complaint.user_id:
                complaint.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=complaint.user_id.id,
                    date_deadline=complaint.deadline,
                    summary=self.env._("Answer %(number)s", number=complaint.name),
                )
        complaints._atta_tell(
            "atta_research.mail_template_complaint_received",
            "atta_research.sms_template_complaint_received",
            unverified_mail_xmlid="atta_research.mail_template_complaint_received_unverified",
        )
        return complaints

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            if any(c.state == "answered" for c in self) and set(vals) - {"message_main_attachment_id"}:
                raise UserError(
                    self.env._(
                        "%(number)s was answered: what was sent to the person stays as it is. Record a new "
                        "complaint if they come back.",
                        number=self.filtered(lambda c: c.state == "answered")[0].name,
                    )
                )
            if not self.env.user.has_group(OFFICER) and set(vals) - {"answer", "message_main_attachment_id"}:
                raise AccessError(self.env._("As the owner of a complaint you may write its answer only."))
        self._normalize_contact(vals)
        return super().write(vals)

    @api.model
    def _normalize_contact(self, vals):
        """A mobile is stored in E.164 and an e-mail normalised, an identity number in ASCII digits (a national ID
        or an Iqama, checked as on the public form), or refused with a clear message."""
        if vals.get("identity_number"):
            number = normalize_identity(vals["identity_number"])
            problems = [identity_number_problem(kind, number) for kind in ("national_id", "iqama")]
            if all(problems):
                # The national ID's reason, unless the number is a wrong Iqama (it starts with 2).
                problem = problems[1] if number.startswith("2") else problems[0]
                raise ValidationError(self.env["atta.beneficiary"]._identity_problem_message(problem, number))
            vals["identity_number"] = number
        if vals.get("mobile"):
            e164 = phone_to_e164(vals["mobile"])
            if not e164:
                raise ValidationError(
                    self.env._("%(mobile)s is not a mobile number. Type one such as 0501234567.", mobile=vals["mobile"])
                )
            vals["mobile"] = e164
        if vals.get("email"):
            if not single_email_re.match(vals["email"]):
                raise ValidationError(
                    self.env._("%(email)s is not an e-mail address such as name@example.com.", email=vals["email"])
                )
            vals["email"] = email_normalize(vals["email"])

    def _atta_audit_reference(self):
        return self.name

    @api.ondelete(at_uninstall=False)
    def _unlink_never_answered(self):
        if any(c.state == "answered" for c in self):
            raise UserError(self.env._("An answered complaint is a record of what the person was told: keep it."))

    # ---------------------------------------------------------------- steps
    def _check_owner_or_officer(self, step):
        """Relations officers handle any complaint; anyone else only the complaints they own."""
        if self.env.su or self.env.user.has_group(OFFICER):
            self.check_access("write")
            return
        if any(c.user_id != self.env.user for c in self):
            check_roles(self, (OFFICER,), step)
        self.check_access("write")

    def action_start(self):
        self._check_owner_or_officer(self.env._("take up a complaint"))
        if any(c.state != "new" for c in self):
            raise UserError(self.env._("Only a complaint just received can be taken up."))
        # Superuser mode for the step's own field, once the caller was checked above.
        self.sudo().write({"state": "in_progress"})
        return True

    def action_answer(self):
        """Send the written answer to the person by their channel; the complaint is then closed."""
        self._check_owner_or_officer(self.env._("answer a complaint"))
        for complaint in self:
            if complaint.state == "answered":
                raise UserError(self.env._("%(number)s was already answered.", number=complaint.name))
            if not (complaint.answer or "").strip():
                raise UserError(
                    self.env._("Write the answer to %(number)s first: it is sent to the person.", number=complaint.name)
                )
        # Superuser mode for the step's own fields, once the caller was checked above.
        self.sudo().write({"state": "answered", "answered_on": fields.Datetime.now(), "answered_by_id": self.env.uid})
        # The owner's to-do is done, whoever answered (another's activity needs superuser mode to close).
        self.activity_ids.sudo().action_feedback(feedback=self.env._("Answered"))
        self._atta_tell(
            "atta_research.mail_template_complaint_answered", "atta_research.sms_template_complaint_answered"
        )
        return True

    # ---------------------------------------------------------------- telling the person
    def _atta_tell(self, mail_xmlid, sms_xmlid, unverified_mail_xmlid=None):
        """Tell the person by their channel, in their language.

        A person with a file is told through the file's preferences and consent (the notifier shared by
        every Atta message); a person without one, on the mobile (SMS) and the e-mail they gave. Such an
        address is nobody's verified address: anyone may type a stranger's there, so the mail sent to it
        is `unverified_mail_xmlid` when given, which carries the number and no word the sender typed.
        """
        for complaint in self:
            if complaint.beneficiary_id:
                complaint._atta_notify(mail_xmlid, sms_xmlid)
                continue
            sent = []
            if complaint.mobile and sms_xmlid:
                template = self.env.ref(sms_xmlid, raise_if_not_found=False)
                if template:
                    body = template._render_field("body", complaint.ids, compute_lang=True)[complaint.id]
                    # Superuser mode: a visitor filing a complaint posts this one SMS to the number they gave.
                    complaint.sudo()._message_sms(
                        body, sms_numbers=[complaint.mobile], partner_ids=[], put_in_queue=True
                    )
                    sent.append(self.env._("SMS to %(mobile)s", mobile=complaint.mobile))
            if complaint.email and mail_xmlid:
                template = self.env.ref(unverified_mail_xmlid or mail_xmlid, raise_if_not_found=False)
                if template:
                    # Superuser mode: the association's mail to the address the person gave, for this complaint.
                    template.sudo().send_mail(complaint.id, email_layout_xmlid="mail.mail_notification_light")
                    sent.append(self.env._("e-mail to %(email)s", email=complaint.email))
            if sent:
                # Superuser mode: the log of what was sent, also when a visitor files the complaint.
                complaint.sudo().message_post(
                    body=self.env._("Sent to the person: %(channels)s.", channels=", ".join(sent)),
                    subtype_xmlid="mail.mt_note",
                )
            else:
                complaint._log_not_sent(self.env._("no mobile or e-mail to answer on"))

    def _log_not_sent(self, why):
        # Superuser mode: the log of why nothing was sent, also when a visitor files the complaint.
        self.sudo().message_post(
            body=self.env._("Nothing was sent to the person: %(why)s.", why=why), subtype_xmlid="mail.mt_note"
        )

    # ---------------------------------------------------------------- the public form
    @api.model
    def _limits(self):
        # Superuser mode: a visitor reads the limits the form applies to them.
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "per_ip_hour": int(param("atta_research.complaint_limit_per_ip_hour", 5)),
            # All connections together: many addresses cannot make the association mail strangers in bulk.
            "per_hour": int(param("atta_research.complaint_limit_per_hour", 30)),
        }

    @api.model
    def _rate_problem(self, ip_address, source=None):
        """Too many complaints from this connection within the hour or, from the public form, from everyone."""
        since = fields.Datetime.now() - timedelta(hours=1)
        limits = self._limits()
        # Superuser mode: only counts of complaints, for a visitor without rights.
        Complaint = self.sudo()
        if ip_address and (
            Complaint.search_count([("ip_address", "=", ip_address), ("create_date", ">=", since)])
            >= limits["per_ip_hour"]
        ):
            return self.env._(
                "Too many messages were sent from this connection. Please try again in an hour, or call the "
                "association."
            )
        if (
            source
            and Complaint.search_count([("source", "=", source), ("create_date", ">=", since)]) >= limits["per_hour"]
        ):
            return self.env._(
                "The form received many messages in the last hour and takes no more for now. Please try again "
                "later, or call the association."
            )
        return None

    @api.model
    def _read_public_form(self, raw, with_contact=True):
        """Check every answer of the public form; return (values, errors), errors keyed by field.

        `raw` is what the browser sent: strings, or anything a forged post puts there. Nothing is saved
        here; the route saves only when there is no error.
        """
        values, errors = {}, {}
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in dict(COMPLAINT_KINDS):
            errors["kind"] = self.env._("Choose whether this is a complaint or a suggestion.")
        else:
            values["kind"] = kind
        category_id = raw.get("category_id")
        category = self.env["atta.complaint.category"]
        if isinstance(category_id, str) and re.fullmatch(r"[0-9]{1,9}", category_id.strip()):
            # Superuser mode: a visitor chooses among the published categories only.
            category = category.sudo().browse(int(category_id)).exists().filtered("website_published")
        if not category:
            errors["category_id"] = self.env._("Choose what your message is about.")
        else:
            values["category_id"] = category.id
        subject = form_text(raw, "subject", 120)
        if not subject or len(subject) < 3:
            errors["subject"] = self.env._("Give your message a short title (3 to 120 characters).")
        else:
            values["subject"] = subject
        description = form_text(raw, "description", 4000, newlines=True)
        if not description or len(description) < 10:
            errors["description"] = self.env._(
                "Tell us what happened or what you suggest, in plain text (10 to 4,000 characters)."
            )
        else:
            values["description"] = description
        if with_contact:
            self._read_public_contact(raw, values, errors)
        return values, errors

    @api.model
    def _read_public_contact(self, raw, values, errors):
        name = person_name(form_text(raw, "contact_name", 128))
        if not name:
            errors["contact_name"] = self.env._("Type your name in letters (up to 128 characters).")
        else:
            values["contact_name"] = name
        number = form_text(raw, "identity_number", 32)
        number = normalize_digits(number).upper() if number else number
        if number is None or (
            number and identity_number_problem("national_id", number) and identity_number_problem("iqama", number)
        ):
            errors["identity_number"] = self.env._(
                "Type the 10 digits of your national ID or Iqama, or leave the field empty: it is optional."
            )
        elif number:
            values["identity_number"] = number
        mobile = form_text(raw, "mobile", 32)
        e164 = phone_to_e164(mobile) if mobile else None
        if mobile is None or (mobile and not e164):
            errors["mobile"] = self.env._("Type a mobile number such as 0501234567, or leave it empty.")
        elif e164:
            values["mobile"] = e164
        email = form_text(raw, "email", 254)
        if email is None or (email and (bad_characters(email) or not single_email_re.match(email))):
            errors["email"] = self.env._("Type an e-mail address such as name@example.com, or leave it empty.")
        elif email:
            values["email"] = email_normalize(email)
        if not ({"mobile", "email"} & set(values)) and not ({"mobile", "email"} & set(errors)):
            errors["mobile"] = self.env._("Give a mobile number or an e-mail address: we send the answer there.")

    @api.model
    def _submit_public(self, values, source, ip_address, lang, support_request=None):
        """Save a checked complaint from a public route (superuser mode: the visitor has no rights)."""
        values = dict(values, lang=lang if lang in dict(self._lang_get()) else False)
        if support_request:
            values.update({"request_id": support_request.id, "beneficiary_id": support_request.beneficiary_id.id})
        channel = self.env.ref("atta_beneficiary.channel_website", raise_if_not_found=False)
        # Superuser mode: a visitor creates exactly this one complaint, after every answer was checked.
        complaint = self.sudo().create(dict(values, channel_id=channel.id if channel else False))
        complaint.sudo().write({"source": source, "ip_address": ip_address})
        return complaint

    # ---------------------------------------------------------------- cron
    @api.model
    def _cron_watch_deadlines(self, batch_size=200):
        """Remind the owner before the answer is due; escalate once to the manager when it is late."""
        today = fields.Date.context_today(self)
        Request = self.env["atta.support.request"]
        remind_until = Request._add_working_days(today, self.env.company.atta_reminder_days or 2)
        return watch_deadlines(
            self, [("state", "in", ("new", "in_progress"))], ("reminded", "escalated"), remind_until, batch_size
        )

    def _remind_deadline(self):
        self.ensure_one()
        user = self.user_id or self.env["res.users"]._atta_manager()
        mine = in_lang_of(self, user)
        mine.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            date_deadline=self.deadline,
            summary=mine.env._("Answer due on %(date)s: %(number)s", date=self.deadline, number=self.name),
        )
        self.reminded = True

    def _escalate_overdue(self):
        self.ensure_one()
        manager = self.env["res.users"]._atta_manager() or self.user_id
        theirs = in_lang_of(self, manager)
        theirs.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=manager.id,
            summary=theirs.env._("Late: %(number)s was not answered by its due date", number=self.name),
            note=theirs.env._(
                "The person was promised an answer by %(date)s. Owner: %(owner)s.",
                date=self.deadline,
                owner=self.user_id.name or "-",
            ),
        )
        # The note on the complaint is read first by its owner.
        owners = in_lang_of(self, self.user_id or manager)
        owners.message_post(
            body=owners.env._(
                "Escalated to %(manager)s: the answer was due on %(hijri)s (%(date)s).",
                manager=manager.name,
                hijri=owners.deadline_hijri,
                date=self.deadline,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.escalated = True
