from contextvars import ContextVar

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

from ..tools import (
    hijri_date_string,
    identity_number_problem,
    normalize_identity,
    number_new_records,
    phone_to_e164,
    run_batches,
)
from ..tools.roles import MANAGER

IDENTITY_TYPES = [
    ("national_id", "Saudi National ID"),
    ("iqama", "Iqama (Resident ID)"),
    ("border_number", "Border Number"),
    ("gcc_id", "GCC National ID"),
    ("passport", "Passport"),
]
GENDERS = [("male", "Male"), ("female", "Female")]
MARITAL_STATUSES = [
    ("single", "Single"),
    ("married", "Married"),
    ("divorced", "Divorced"),
    ("widowed", "Widowed"),
    ("abandoned", "Abandoned (Muallaqa)"),
]
HOUSING_TYPES = [
    ("apartment", "Apartment"),
    ("house", "House"),
    ("villa", "Villa"),
    ("room", "Room"),
    ("traditional", "Traditional (popular) house"),
    ("tent", "Tent or caravan"),
    ("other", "Other"),
]
HOUSING_TENURES = [
    ("owned", "Owned"),
    ("rented", "Rented"),
    ("charity", "Charity housing"),
    ("relatives", "With relatives"),
    ("other", "Other"),
]
HOUSING_CONDITIONS = [("good", "Good"), ("fair", "Fair"), ("poor", "Poor"), ("unfit", "Unfit to live in")]
MESSAGE_CHANNELS = [("sms", "SMS"), ("email", "E-mail"), ("both", "SMS and e-mail")]
# Set while a file writes its own contact (the partner behind it): res.partner lets that write through, and
# sends any other write of a beneficiary's contact through the file. Not a context key: no client can set it.
WRITING_THROUGH_FILE = ContextVar("atta_writing_through_file", default=False)
# Written only by the steps of the file (register, suspend, archive, reopen), never by a plain edit.
STATUS_FIELDS = ("state", "registration_date", "active", "identity_unverified")


class AttaBeneficiary(models.Model):
    """A beneficiary file. The contact lives on res.partner; the sensitive file stays here."""

    _name = "atta.beneficiary"
    _description = "Beneficiary"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_names_search = ["name", "reference", "identity_number", "phone"]

    partner_id = fields.Many2one("res.partner", required=True, ondelete="restrict", index=True)
    # The contact fields live on the partner; declared here so that their changes are tracked on the file.
    name = fields.Char(related="partner_id.name", inherited=True, readonly=False, tracking=True)
    phone = fields.Char(related="partner_id.phone", inherited=True, readonly=False, tracking=True)
    email = fields.Char(related="partner_id.email", inherited=True, readonly=False, tracking=True)
    message_channel = fields.Selection(
        MESSAGE_CHANNELS,
        string="Messages By",
        compute="_compute_message_channel",
        store=True,
        readonly=False,
        tracking=True,
        help="How the person is told about their requests: SMS to their mobile, e-mail, or both. Set from what "
        "the file holds (an e-mail address: e-mail; a mobile and no e-mail: SMS) and kept while it still reaches "
        "them.",
    )
    reference = fields.Char(string="File Number", readonly=True, copy=False, default="/", index="btree")
    user_id = fields.Many2one(
        "res.users",
        string="Relations Officer",
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("registered", "Registered"), ("suspended", "Suspended"), ("archived", "Archived")],
        string="File Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    status_reason = fields.Text(tracking=True, copy=False)
    registration_date = fields.Date(readonly=True, copy=False, tracking=True)
    registration_date_hijri = fields.Char(compute="_compute_hijri_dates")
    renewal_due_date = fields.Date(
        compute="_compute_renewal_due_date",
        store=True,
        index=True,
        help="The yearly update of a registered file: documents, income and family are checked again.",
    )
    renewal_reminded = fields.Boolean(readonly=True, copy=False)

    identity_type = fields.Selection(IDENTITY_TYPES, required=True, default="national_id", tracking=True)
    identity_number = fields.Char(required=True, tracking=True, copy=False, index="btree")
    identity_unverified = fields.Boolean(
        string="Identity Not Verified",
        readonly=True,
        copy=False,
        tracking=True,
        help="Opened from the website: not yet checked against the original identity document.",
    )
    nationality_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.sa", raise_if_not_found=False)
    )
    gender = fields.Selection(GENDERS, tracking=True)
    birth_date = fields.Date(tracking=True)
    birth_date_hijri = fields.Char(compute="_compute_hijri_dates")
    age = fields.Integer(compute="_compute_age")
    marital_status = fields.Selection(MARITAL_STATUSES, tracking=True)

    family_member_ids = fields.One2many("atta.family.member", "beneficiary_id", string="Family Members")
    household_size = fields.Integer(
        compute="_compute_household_size", store=True, help="The beneficiary and the family members who live with them."
    )

    income_line_ids = fields.One2many("atta.income.line", "beneficiary_id", string="Income Sources")
    expense_line_ids = fields.One2many("atta.expense.line", "beneficiary_id", string="Expenses")
    monthly_income = fields.Monetary(
        compute="_compute_money",
        store=True,
        tracking=True,
        help="Income of the household per month: the lines above plus family members' income.",
    )
    monthly_expenses = fields.Monetary(compute="_compute_money", store=True)
    per_capita_income = fields.Monetary(
        compute="_compute_money", store=True, aggregator="avg", help="Monthly income divided by the household size."
    )

    housing_type = fields.Selection(HOUSING_TYPES, tracking=True)
    housing_tenure = fields.Selection(HOUSING_TENURES, tracking=True)
    housing_condition = fields.Selection(HOUSING_CONDITIONS, tracking=True)
    housing_notes = fields.Text()

    category_ids = fields.Many2many("atta.beneficiary.category", string="Categories", tracking=True)
    document_ids = fields.One2many("atta.beneficiary.document", "beneficiary_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    # As superuser: committee members read no document, but may know which kinds are still missing.
    missing_document_type_ids = fields.Many2many(
        "atta.document.type",
        compute="_compute_missing_document_types",
        compute_sudo=True,
        string="Missing Documents",
        help="Document types required for registration with no verified, unexpired document.",
    )
    consent_ids = fields.One2many("atta.beneficiary.consent", "beneficiary_id", string="Declarations and Consents")
    declaration_signed = fields.Boolean(compute="_compute_consent_flags")
    consent_given = fields.Boolean(compute="_compute_consent_flags")
    interaction_ids = fields.One2many("atta.interaction", "beneficiary_id")
    interaction_count = fields.Integer(compute="_compute_interaction_count")
    notes = fields.Html(string="File Notes")

    _identity_unique = models.UniqueIndex(
        "(identity_type, identity_number) WHERE active IS TRUE",
        "Another active beneficiary already has this identity number. Search for the existing "
        "file instead of creating a new one.",
    )
    _household_positive = models.Constraint("CHECK(household_size >= 1)", "The household has at least the beneficiary.")

    @api.depends("birth_date", "registration_date")
    @api.depends_context("lang")
    def _compute_hijri_dates(self):
        lang = self.env.lang or "en_US"
        for beneficiary in self:
            beneficiary.birth_date_hijri = hijri_date_string(beneficiary.birth_date, lang)
            beneficiary.registration_date_hijri = hijri_date_string(beneficiary.registration_date, lang)

    @api.depends("phone", "email")
    def _compute_message_channel(self):
        for beneficiary in self:
            if beneficiary.message_channel and beneficiary._atta_reaches_by(beneficiary.message_channel):
                continue  # the person's choice stands while it still reaches them
            # An e-mail address given is the person's way of being written to, as before SMS; else their mobile.
            if beneficiary.email:
                beneficiary.message_channel = "email"
            else:
                beneficiary.message_channel = "sms" if beneficiary._atta_mobile() else False

    @api.depends("registration_date", "company_id.atta_renewal_months")
    def _compute_renewal_due_date(self):
        for beneficiary in self:
            months = beneficiary.company_id.atta_renewal_months
            beneficiary.renewal_due_date = (
                beneficiary.registration_date + relativedelta(months=months)
                if beneficiary.registration_date and months
                else False
            )

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            born = beneficiary.birth_date
            beneficiary.age = (
                today.year - born.year - ((today.month, today.day) < (born.month, born.day)) if born else 0
            )

    @api.depends("family_member_ids.lives_with_beneficiary")
    def _compute_household_size(self):
        for beneficiary in self:
            beneficiary.household_size = 1 + len(beneficiary.family_member_ids.filtered("lives_with_beneficiary"))

    @api.depends(
        "income_line_ids.amount",
        "expense_line_ids.amount",
        "household_size",
        "family_member_ids.monthly_income",
        "family_member_ids.lives_with_beneficiary",
    )
    def _compute_money(self):
        for beneficiary in self:
            members = beneficiary.family_member_ids.filtered("lives_with_beneficiary")
            income = sum(beneficiary.income_line_ids.mapped("amount")) + sum(members.mapped("monthly_income"))
            beneficiary.monthly_income = income
            beneficiary.monthly_expenses = sum(beneficiary.expense_line_ids.mapped("amount"))
            beneficiary.per_capita_income = income / (beneficiary.household_size or 1)

    def _compute_document_count(self):
        counts = dict(
            self.env["atta.beneficiary.document"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.document_count = counts.get(beneficiary, 0)

    @api.depends("document_ids.is_valid", "document_ids.document_type_id")
    def _compute_missing_document_types(self):
        required = self.env["atta.document.type"].search([("required_for_registration", "=", True)])
        for beneficiary in self:
            present = beneficiary.document_ids.filtered("is_valid").document_type_id
            beneficiary.missing_document_type_ids = required - present

    @api.depends("consent_ids.text_id", "consent_ids.withdrawn")
    def _compute_consent_flags(self):
        for beneficiary in self:
            accepted = beneficiary.consent_ids.filtered(lambda c: not c.withdrawn).text_id
            beneficiary.declaration_signed = any(t.kind == "declaration" for t in accepted)
            beneficiary.consent_given = any(t.kind == "consent" for t in accepted)

    def _compute_interaction_count(self):
        counts = dict(
            self.env["atta.interaction"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.interaction_count = counts.get(beneficiary, 0)

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        for beneficiary in self:
            problem = identity_number_problem(beneficiary.identity_type, beneficiary.identity_number or "")
            if problem:
                raise ValidationError(self._identity_problem_message(problem, beneficiary.identity_number))

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            if beneficiary.birth_date and beneficiary.birth_date > today:
                raise ValidationError(
                    self.env._(
                        "The birth date %(date)s is in the future. Check the date on the identity card.",
                        date=beneficiary.birth_date,
                    )
                )

    def _identity_problem_message(self, problem, number):
        messages = {
            "script": self.env._(
                "The identity number %(number)s has characters that are not Latin letters or digits. Type it "
                "again as printed on the card, with the digits 0-9 or ٠-٩.",
                number=number,
            ),
            "length": self.env._(
                "The identity number %(number)s must have exactly 10 digits. Copy it again from the identity card.",
                number=number,
            ),
            "prefix": self.env._(
                "The identity number %(number)s does not match its type: a Saudi national ID "
                "starts with 1 and an Iqama starts with 2. Correct the number or the identity type.",
                number=number,
            ),
            "checksum": self.env._(
                "The identity number %(number)s is not a valid number (its check digit is wrong). "
                "One digit was probably typed wrong: copy it again from the identity card.",
                number=number,
            ),
            "border": self.env._("The border number %(number)s must have exactly 10 digits.", number=number),
            "document": self.env._(
                "The document number %(number)s is not valid: use 5 to 20 letters and digits, "
                "without spaces or symbols.",
                number=number,
            ),
        }
        return messages[problem]

    @api.model
    def _normalize_vals(self, vals):
        """Bring typed values to their stored form before anything is written."""
        vals = dict(vals)
        if vals.get("identity_number"):
            vals["identity_number"] = normalize_identity(vals["identity_number"])
            # Refuse before anything is inserted; the constraint covers later type changes.
            identity_type = vals.get("identity_type") or (self[:1].identity_type if self else "national_id")
            problem = identity_number_problem(identity_type, vals["identity_number"])
            if problem:
                raise ValidationError(self._identity_problem_message(problem, vals["identity_number"]))
        if vals.get("phone"):
            e164 = phone_to_e164(vals["phone"])
            if not e164:
                raise ValidationError(
                    self.env._(
                        "%(phone)s is not a phone number. Type a Saudi mobile such as 0501234567, "
                        "or an international number starting with +.",
                        phone=vals["phone"],
                    )
                )
            vals["phone"] = e164
        if vals.get("email") and not email_normalize(vals["email"]):
            raise ValidationError(
                self.env._(
                    "%(email)s is not an e-mail address. Type one address such as name@example.com, or leave it empty.",
                    email=vals["email"],
                )
            )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(vals) for vals in vals_list]
        # A file archived in this transaction must free its identity number before the insert.
        self.flush_model(["active", "identity_type", "identity_number"])
        for vals in vals_list:
            if not self.env.su and (vals.get("state", "draft") != "draft" or vals.get("registration_date")):
                raise UserError(
                    self.env._(
                        "A new file starts as a draft. Register it with the Register File button once it is complete."
                    )
                )
        number_new_records(self, vals_list, "atta.beneficiary", field="reference")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(name in vals for name in STATUS_FIELDS):
            changed = [
                name
                for name in STATUS_FIELDS
                if name in vals
                and any(
                    (b[name] or False) != (self._fields[name].convert_to_cache(vals[name], b) or False) for b in self
                )
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "The status of a file changes only through its buttons (Register File, Suspend, Archive, "
                        "Reopen as Draft), which check that the file is complete and who may do it."
                    )
                )
        if not self.env.su and "partner_id" in vals and any(b.partner_id.id != vals["partner_id"] for b in self):
            # The file's contact is the person: re-pointed, the file would send its codes and letters to someone else.
            raise UserError(
                self.env._(
                    "A file stays with the contact it was opened for. Correct the person's name, mobile or address on "
                    "the file itself."
                )
            )
        vals = self._normalize_vals(vals)
        token = WRITING_THROUGH_FILE.set(True)
        try:
            return super().write(vals)
        finally:
            WRITING_THROUGH_FILE.reset(token)

    def _atta_unlink_blockers(self):
        """What keeps this file from being deleted; modules add theirs (support requests, ...)."""
        self.ensure_one()
        reasons = []
        if self.consent_ids:
            reasons.append(self.env._("the applicant signed declarations or consents on it"))
        return reasons

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        is_manager = self.env.su or self.env.user.has_group(MANAGER)
        for beneficiary in self:
            if beneficiary.state != "draft" and not is_manager:
                raise AccessError(
                    self.env._(
                        "The file %(reference)s is registered, suspended or archived: it is part of the association's "
                        "records and only a manager may remove it. Archive it instead.",
                        reference=beneficiary.reference,
                    )
                )
            reasons = beneficiary._atta_unlink_blockers()
            if reasons:
                raise UserError(
                    self.env._(
                        "The file %(reference)s cannot be deleted: %(reasons)s. The association keeps these records. "
                        "Archive it instead.",
                        reference=beneficiary.reference,
                        reasons="; ".join(reasons),
                    )
                )

    def unlink(self):
        # The deletion itself is in the trail (if the checks refuse it, the entry goes with the refusal).
        self.env["atta.audit.log"]._log("delete", self)
        return super().unlink()

    def action_register(self):
        """Register the file once it is complete [S7.4, S7.6]."""
        for beneficiary in self:
            problems = beneficiary._registration_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The file of %(name)s cannot be registered yet:\n%(problems)s",
                        name=beneficiary.name,
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )
        self.check_access("write")
        # Superuser mode for the status fields only, once the file was checked and the caller may edit it.
        self.sudo().write(
            {
                "state": "registered",
                "status_reason": False,
                "active": True,
                "registration_date": fields.Date.context_today(self),
                "renewal_reminded": False,
            }
        )
        return True

    def action_renew(self):
        """The yearly update: the same checks as registration, and a new registration date."""
        return self.action_register()

    def _registration_problems(self):
        self.ensure_one()
        problems = [
            self.env._("the document “%(type)s” is missing, unverified or expired", type=doc_type.name)
            for doc_type in self.missing_document_type_ids
        ]
        if not self.declaration_signed:
            problems.append(self.env._("the applicant has not signed the declaration"))
        return problems

    def action_open_status_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change File Status"),
            "res_model": "atta.beneficiary.status.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_beneficiary_id": self.id,
                "default_new_state": self.env.context.get("atta_new_state", "suspended"),
            },
        }

    def _atta_check_manager(self, step):
        if not (self.env.su or self.env.user.has_group(MANAGER)):
            raise AccessError(self.env._("Only a manager may %(step)s. Ask a manager of the association.", step=step))

    def action_reset_to_draft(self):
        """Reopen a file as draft: a registered, suspended or archived file only by a manager."""
        if any(b.state != "draft" for b in self):
            self._atta_check_manager(self.env._("reopen a registered, suspended or archived file as draft"))
        self.check_access("write")
        self.sudo().write({"state": "draft", "active": True, "status_reason": False})
        return True

    def _set_status(self, state, reason):
        """Suspend (an officer may) or archive (a manager only) with the reason given."""
        if state not in ("suspended", "archived"):
            raise UserError(self.env._("A file is suspended or archived here; it is registered with Register File."))
        if not (reason or "").strip():
            raise UserError(self.env._("Write the reason for this change of status."))
        if state == "archived":
            self._atta_check_manager(self.env._("archive a file"))
        self.check_access("write")
        self.sudo().write({"state": state, "status_reason": reason, "active": state != "archived"})

    def action_open_file(self):
        """After receiving a visitor in the dialog, the officer goes on in the full file."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_documents(self):
        return self._related_action("atta_beneficiary.beneficiary_document_action")

    def action_view_interactions(self):
        return self._related_action("atta_beneficiary.interaction_action")

    def _related_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        return action

    def action_print_file(self):
        self.ensure_one()
        return self.env.ref("atta_beneficiary.action_report_beneficiary_file").report_action(self)

    def _atta_mobile(self):
        """The number an SMS reaches (E.164, +9665...), or False: a landline receives no SMS."""
        self.ensure_one()
        import phonenumbers  # noqa: PLC0415 - external dependency declared in the manifest

        if not self.phone:
            return False
        try:
            number = phonenumbers.parse(self.phone, "SA")
        except phonenumbers.NumberParseException:
            return False
        mobile_types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if phonenumbers.number_type(number) not in mobile_types:
            return False
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def _atta_reaches_by(self, channel):
        """Whether the file holds the address(es) the message channel needs."""
        self.ensure_one()
        has_mobile, has_email = bool(self._atta_mobile()), bool(self.email)
        return {"sms": has_mobile, "email": has_email, "both": has_mobile and has_email}.get(channel, False)

    def _hijri_today(self):
        return hijri_date_string(fields.Date.context_today(self), self.env.lang or "en_US")

    @api.model
    def _cron_follow_up_renewals(self, notice_days=30, batch_size=500):
        """Reach registered beneficiaries before their yearly renewal, without them having to ask [S2]."""
        limit = fields.Date.context_today(self) + relativedelta(days=notice_days)
        due = self.search(
            [("state", "=", "registered"), ("renewal_reminded", "=", False), ("renewal_due_date", "<=", limit)],
            limit=batch_size,
        )
        return run_batches(due, "_remind_renewal")[0]

    def _remind_renewal(self):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(self.user_id or self.env.user).id,
            date_deadline=self.renewal_due_date,
            summary=self.env._("Yearly renewal of %(name)s", name=self.name),
        )
        self.renewal_reminded = True
        if not self._atta_may_contact():
            return  # consent withdrawn: the officer's activity stays, nothing goes to the person
        # Written to the beneficiary, in their language.
        localized = self.with_context(lang=self.lang)
        localized.message_post(
            body=localized.env._(
                "Your file with the association is due for its yearly update on %(date)s. Please visit us or "
                "send your current documents so that we can keep serving you without interruption.",
                date=self.renewal_due_date,
            ),
            partner_ids=self.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
