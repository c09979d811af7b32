import html
import re
from datetime import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import email_normalize, html2plaintext

from odoo.addons.mail.tools.parser import parse_res_ids

from ..tools import field_labels, hijri_date_string, values_with_context_defaults
from ..tools.roles import MANAGER
from .res_partner import SEARCHED_CONTACT_FIELDS

# Fields of the file whose change is written to the audit trail [PDPL]; its family, income and
# expense lines are audited by atta.sensitive.line.mixin, where every change to them passes.
SENSITIVE_FIELDS = ("identity_type", "identity_number", "name", "birth_date", "marital_status", "phone", "email")
PARTNER_PERSONAL_FIELDS = (
    "email",
    "phone",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "comment",
    "vat",
    "ref",
    "function",
    "website",
    "image_1920",
)
# What a beneficiary changes of their own contact from the portal; their name and tax number are corrected by the
# association, on a request from the privacy page.
PORTAL_CONTACT_FIELDS = frozenset({"phone", "email", "street", "street2", "city", "zip", "state_id", "country_id"})
# Only a manager places or lifts a legal hold; only erasure marks a file erased.
HOLD_FIELDS = ("legal_hold", "legal_hold_reason")


class AttaBeneficiary(models.Model):
    """The data-subject rights on a beneficiary file: what Atta holds, erasure, consent, audit."""

    _name = "atta.beneficiary"
    _inherit = ["atta.beneficiary", "atta.audit.mixin"]
    # The contact fields a file inherits from its partner are probes on the file too (phone_sanitized ...).
    _atta_audit_search_fields = ("identity_number", *SEARCHED_CONTACT_FIELDS)

    legal_hold = fields.Boolean(tracking=True, help="While set, the file cannot be erased (a dispute, an audit).")
    legal_hold_reason = fields.Char(tracking=True)
    erased_on = fields.Datetime(string="Personal Data Erased On", readonly=True, copy=False)
    consent_withdrawn = fields.Boolean(
        compute="_compute_consent_withdrawn",
        store=True,
        index=True,
        help="The beneficiary withdrew consent: no survey, reminder or outreach is sent to them.",
    )

    data_request_count = fields.Integer(compute="_compute_data_request_count")

    def _compute_data_request_count(self):
        counts = dict(
            self.env["atta.data.request"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.data_request_count = counts.get(beneficiary, 0)

    def action_view_data_requests(self):
        action = self._related_action("atta_beneficiary.data_request_action")
        action["context"] = dict(
            action["context"],
            default_requester_name=self.name,
            default_identity_type=self.identity_type,
            default_identity_number=self.identity_number,
        )
        return action

    def _atta_same_person(self):
        """Every file of this person, by identity type and number: archived ones too, never erased ones."""
        self.ensure_one()
        return self.with_context(active_test=False).search(
            [
                ("identity_type", "=", self.identity_type),
                ("identity_number", "=", self.identity_number),
                ("erased_on", "=", False),
            ]
        )

    def _atta_unlink_blockers(self):
        reasons = super()._atta_unlink_blockers()
        if self.env["atta.data.request"].sudo().search_count([("beneficiary_id", "=", self.id)], limit=1):
            reasons.append(self.env._("the person made a data request about it"))
        return reasons

    @api.depends("consent_ids.withdrawn", "consent_ids.kind")
    def _compute_consent_withdrawn(self):
        for beneficiary in self:
            consents = beneficiary.consent_ids.filtered(lambda c: c.kind == "consent")
            beneficiary.consent_withdrawn = bool(consents) and all(consents.mapped("withdrawn"))

    def _atta_audit_reference(self):
        return self.reference

    @api.model
    def _atta_uncontactable_partner_ids(self, partner_ids):
        """Of these contacts, those whose beneficiary withdrew consent or had their data erased."""
        if not partner_ids:
            return set()
        return set(
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "in", list(partner_ids)),
                    "|",
                    ("consent_withdrawn", "=", True),
                    ("erased_on", "!=", False),
                ]
            )
            .partner_id.ids
        )

    @api.model
    def _atta_uncontactable_emails(self, emails):
        """Of these normalised addresses, those of a beneficiary who withdrew consent."""
        if not emails:
            return set()
        return set(
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("email_normalized", "in", list(emails)),
                    ("consent_withdrawn", "=", True),
                ]
            )
            .mapped("email_normalized")
        )

    def _atta_may_contact(self):
        """Outreach (surveys, reminders, notices) only to a person who has not withdrawn consent."""
        self.ensure_one()
        return not self.erased_on and not self.consent_withdrawn

    # ------------------------------------------------------------------ legal hold, audit of sensitive changes
    def _atta_check_hold_fields(self, vals, records=None):
        """A legal hold stops erasure: only a manager places or lifts it, whatever the client sends."""
        if self.env.su:
            return
        if "erased_on" in vals:
            raise UserError(self.env._("A file is marked erased only by carrying out a destruction request."))
        if self.env.user.has_group(MANAGER):
            return
        touched = [
            name
            for name in HOLD_FIELDS
            if name in vals
            and (
                any((b[name] or False) != (vals[name] or False) for b in records) if records is not None else vals[name]
            )
        ]
        if touched:
            raise AccessError(
                self.env._("Only a manager may place or lift a legal hold on a file. Ask a manager of the association.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # A default sent in the context is stored like a value: checked as one.
            self._atta_check_hold_fields(dict(vals, **values_with_context_defaults(self, vals, HOLD_FIELDS)))
        return super().create(vals_list)

    def write(self, vals):
        self._atta_check_hold_fields(vals, self)
        changed = [name for name in SENSITIVE_FIELDS if name in vals]
        result = super().write(vals)
        if changed and not self._atta_erasing():
            self._atta_log_sensitive_change(changed)
        return result

    def _atta_write_contact_from_portal(self, vals):
        """The beneficiary's own change of their contact from the portal, written by their file [S1, PDPL].

        The same step as at the desk: the mobile in E.164, the e-mail checked, the change tracked on the file and in
        the audit trail under the person's own account. Only their own file, and only what the portal may change.
        """
        self.ensure_one()
        partner = self.partner_id
        if partner != self.env.user.partner_id:
            raise AccessError(self.env._("You can change only your own contact details."))
        # In the file's own form first (the mobile in E.164): the same mobile typed another way is no change.
        changed = {
            name: value
            for name, value in self._normalize_vals(dict(vals)).items()
            if (partner._fields[name].convert_to_write(partner[name], partner) or False) != (value or False)
        }
        refused = set(changed) - PORTAL_CONTACT_FIELDS
        if refused:
            raise UserError(
                self.env._(
                    "Your %(fields)s is part of your file and is corrected by the association. Ask for the correction "
                    "on your privacy page.",
                    fields=field_labels(partner, refused),
                )
            )
        if changed:
            # Superuser mode for this one file, the caller's own (checked above): a portal account writes no file.
            self.sudo().write(changed)
        return True

    def _atta_log_sensitive_change(self, field_names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in field_names)
        self.env["atta.audit.log"]._log("change", self, detail=labels)

    @api.model
    def _atta_erasing(self):
        """Inside an erasure, which runs in superuser mode: a context key alone, which any client can send,
        never skips a check or the audit trail."""
        return self.env.su and self.env.context.get("atta_erasing")

    @api.model
    def _normalize_vals(self, vals):
        if self._atta_erasing():
            return dict(vals)
        return super()._normalize_vals(vals)

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        return super(AttaBeneficiary, self.filtered(lambda b: not b.erased_on))._check_identity_number()

    # ------------------------------------------------------------------ what Atta holds [right of access]
    def _atta_personal_data(self):
        """Everything Atta holds about this person, as sections of (title, columns, rows).

        Modules add their sections by extending this method; nothing of another person is included.
        """
        self.ensure_one()
        sel = self._atta_selection_label
        address = ", ".join(filter(None, [self.street, self.street2, self.city, self.zip]))
        housing = ", ".join(
            filter(None, [sel(self, "housing_type"), sel(self, "housing_tenure"), sel(self, "housing_condition")])
        )
        file_rows = [
            (self.env._("File Number"), self.reference),
            (self.env._("Name"), self.name),
            (self.env._("Identity Type"), sel(self, "identity_type")),
            (self.env._("Identity Number"), self.identity_number),
            (self.env._("Nationality"), self.nationality_id.name or ""),
            (self.env._("Gender"), sel(self, "gender")),
            (self.env._("Birth Date"), self._atta_date(self.birth_date)),
            (self.env._("Marital Status"), sel(self, "marital_status")),
            (self.env._("Mobile"), self.phone or ""),
            (self.env._("Email"), self.email or ""),
            (self.env._("Address"), address),
            (self.env._("File Status"), sel(self, "state")),
            (self.env._("Registered On"), self._atta_date(self.registration_date)),
            (self.env._("Categories"), ", ".join(self.category_ids.mapped("name"))),
            (self.env._("Housing"), housing),
            (self.env._("Housing Notes"), self.housing_notes or ""),
            (self.env._("Monthly Income"), self.monthly_income),
            (self.env._("Monthly Expenses"), self.monthly_expenses),
            (self.env._("File Notes"), html2plaintext(self.notes or "")),
        ]
        sections = [
            {
                "title": self.env._("Beneficiary File"),
                "columns": [self.env._("Item"), self.env._("Value")],
                "rows": file_rows,
            }
        ]
        sections.append(
            {
                "title": self.env._("Family Members"),
                "columns": [
                    self.env._("Name"),
                    self.env._("Relation"),
                    self.env._("Identity Number"),
                    self.env._("Birth Date"),
                    self.env._("Health"),
                    self.env._("Health Notes"),
                    self.env._("Monthly Income"),
                ],
                "rows": [
                    (
                        m.name,
                        sel(m, "relation"),
                        m.identity_number or "",
                        self._atta_date(m.birth_date),
                        sel(m, "health_status"),
                        m.health_notes or "",
                        m.monthly_income,
                    )
                    for m in self.family_member_ids
                ],
            }
        )
        sections.append(
            {
                "title": self.env._("Income and Expenses"),
                "columns": [
                    self.env._("Kind"),
                    self.env._("Type"),
                    self.env._("Description"),
                    self.env._("Monthly Amount"),
                ],
                "rows": [
                    (self.env._("Income"), sel(line, "income_type"), line.description or "", line.amount)
                    for line in self.income_line_ids
                ]
                + [
                    (self.env._("Expense"), sel(line, "expense_type"), line.description or "", line.amount)
                    for line in self.expense_line_ids
                ],
            }
        )
        sections.append(
            {
                "title": self.env._("Documents"),
                "columns": [
                    self.env._("Document"),
                    self.env._("Type"),
                    self.env._("Issued"),
                    self.env._("Expires"),
                    self.env._("Status"),
                ],
                "rows": [
                    (
                        d.name or "",
                        d.document_type_id.name,
                        self._atta_date(d.issue_date),
                        self._atta_date(d.expiry_date),
                        sel(d, "status"),
                    )
                    for d in self.document_ids
                ],
            }
        )
        sections.append(
            {
                "title": self.env._("Contacts with the Association"),
                "columns": [
                    self.env._("Date"),
                    self.env._("Channel"),
                    self.env._("Type"),
                    self.env._("Subject"),
                    self.env._("What Was Asked"),
                    self.env._("Answer Given"),
                ],
                "rows": [
                    (
                        self._atta_date(i.date),
                        i.channel_id.name,
                        sel(i, "interaction_type"),
                        i.name,
                        i.description or "",
                        i.answer or "",
                    )
                    for i in self.env["atta.interaction"].sudo().search([("beneficiary_id", "=", self.id)])
                ],
            }
        )
        sections.append(
            {
                "title": self.env._("Declarations and Consents"),
                "columns": [
                    self.env._("Text"),
                    self.env._("Version"),
                    self.env._("Accepted On"),
                    self.env._("Signed By"),
                    self.env._("Withdrawn On"),
                ],
                "rows": [
                    (
                        c.text_id.name,
                        c.version,
                        self._atta_date(c.accepted_on),
                        c.accepted_by_name,
                        self._atta_date(c.withdrawn_on),
                    )
                    for c in self.consent_ids
                ],
            }
        )
        return sections

    @api.model
    def _atta_selection_label(self, record, field_name):
        value = record[field_name]
        return dict(record._fields[field_name]._description_selection(self.env)).get(value, "") if value else ""

    def _atta_date(self, value):
        """A date for a person to read: Hijri beside Gregorian."""
        if not value:
            return ""
        day = value.date() if isinstance(value, datetime) else value
        return f"{hijri_date_string(day, self.env.lang or 'en_US')} ({fields.Date.to_string(day)})"

    # ------------------------------------------------------------------ erasure [right to destruction]
    def _atta_erase_blockers(self):
        """Reasons this file may not be erased now; modules add theirs (an open request, ...)."""
        self.ensure_one()
        reasons = []
        if self.legal_hold:
            reasons.append(self.env._("A legal hold applies: %(reason)s", reason=self.legal_hold_reason or "-"))
        return reasons

    def _atta_personal_values(self):
        """The person's own values that identify them on their own, replaced exactly in shared texts.

        Full names (two words or more), identity numbers, phone and email, of the person and their
        family. A single word such as "محمد" identifies no one and is part of other people's names:
        it is never replaced.
        """
        self.ensure_one()
        names = [self.name or ""] + self.family_member_ids.mapped("name")
        values = [" ".join(name.split()) for name in names if len(name.split()) >= 2]
        values += [self.identity_number, self.email, self.phone]
        values += self.family_member_ids.mapped("identity_number")
        if self.phone and self.phone.startswith("+966"):
            values.append("0" + self.phone[4:])  # as the officer types it
        return list(dict.fromkeys(value for value in values if value and len(value) >= 5))

    def _atta_names_to_keep(self, values):
        """Other people's names that contain one of the person's names: they stay whole in shared texts.

        "محمد عبدالله" is erased; "محمد عبدالله السالم", another applicant, keeps his name.
        """
        self.ensure_one()
        names = [value for value in values if " " in value]
        if not names:
            return []
        matching = Domain.OR(Domain("name", "ilike", name) for name in names)
        others = (
            self.env["atta.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search(matching & Domain("id", "!=", self.id))
            .mapped("name")
        )
        others += (
            self.env["atta.family.member"]
            .sudo()
            .search(matching & Domain("beneficiary_id", "!=", self.id))
            .mapped("name")
        )
        return sorted({name for name in others if name not in values}, key=len, reverse=True)

    def _atta_own_numbers(self):
        """Numbers of the records about this person (file, data requests); modules add theirs.

        Files named after one of them, or after the person, are about the person wherever they hang.
        """
        self.ensure_one()
        return [self.reference] + self._atta_data_requests().mapped("name")

    def _atta_data_requests(self):
        """The person's data requests: on this file, or made under the same identity type and number."""
        self.ensure_one()
        return self.env["atta.data.request"].search(
            [
                "|",
                ("beneficiary_id", "=", self.id),
                "&",
                ("identity_type", "=", self.identity_type),
                ("identity_number", "=", self.identity_number),
            ]
        )

    def _atta_letters(self):
        """Letters to or about the person; modules add those filed on their records."""
        self.ensure_one()
        return self.env["atta.letter"].search([("beneficiary_id", "=", self.id)])

    def _atta_erase(self, reason):
        """Erase the person's data for good, keeping amounts, dates and decisions [PDPL].

        All or nothing for this person: a failure half way leaves the file as it was.
        """
        self.ensure_one()
        blockers = self._atta_erase_blockers()
        if blockers:
            raise UserError(self.env._("This file cannot be erased now:\n%(reasons)s", reasons="\n".join(blockers)))
        with self.env.cr.savepoint():
            self._atta_erase_unchecked()
            self.env["atta.audit.log"]._log("destruction", self, detail=reason)
        return True

    def _atta_erase_unchecked(self):
        """The erasure itself, once the blockers were looked at: no tracking, no mail, as superuser."""
        erasing = self.sudo().with_context(atta_erasing=True, tracking_disable=True, mail_notrack=True)
        erasing._atta_erase_records(erasing._atta_personal_values())

    def _atta_erase_records(self, values):
        """Blank what identifies the person here; modules extend for their records.

        `values` are the person's own values (`_atta_personal_values`), for the texts they share with
        other people, where only those exact values are replaced.
        """
        label = self.env._("Erased file %(reference)s", reference=self.reference)
        interactions = self.env["atta.interaction"].search([("beneficiary_id", "=", self.id)])
        documents = self.document_ids
        letters = self._atta_letters()
        data_requests = self._atta_data_requests()
        # Exports given earlier (the PDF and XLSX of a copy) and any file named after the person or one
        # of their records, wherever it is attached.
        keep = self._atta_names_to_keep(values)
        self._atta_remove_files_named(self._atta_own_numbers() + values, keep)
        self._atta_stop_queued_mail()
        self._atta_wipe_traces(
            self,
            self.partner_id,
            interactions,
            self.consent_ids,
            self.family_member_ids,
            documents,
            letters,
            data_requests,
        )
        for letter in letters:
            letter.write(
                {
                    "subject": self._atta_scrub(letter.subject, values, keep) or label,
                    "correspondent": False,
                    "body": False,
                    "attachment": False,
                    "attachment_name": False,
                }
            )
        documents.unlink()
        data_requests.change_ids.write({"proposed_value": self.env._("[erased]")})
        data_requests.write(
            {"requester_name": label, "identity_number": False, "description": False, "refusal_reason": False}
        )
        self.income_line_ids.write({"description": False})
        self.expense_line_ids.write({"description": False})
        self.family_member_ids.write(
            {"name": label, "identity_number": False, "birth_date": False, "health_notes": False}
        )
        self.consent_ids.write({"accepted_by_name": label, "ip_address": False, "signature": False})
        interactions.write(
            {
                "name": label,
                "caller_name": False,
                "caller_phone": False,
                "description": False,
                "answer": False,
                "referral_reason": False,
            }
        )
        users = self.partner_id.with_context(active_test=False).user_ids.filtered("share")
        for user in users:
            user.write({"login": f"erased-{user.id}", "password": False, "active": False})
        self.write(
            dict(
                dict.fromkeys(PARTNER_PERSONAL_FIELDS, False),
                name=label,
                identity_number=f"ERASED-{self.id}",
                birth_date=False,
                notes=False,
                housing_notes=False,
                status_reason=False,
                legal_hold_reason=False,
                state="archived",
                active=False,
                erased_on=fields.Datetime.now(),
            )
        )

    def _atta_remove_files_named(self, names, keep=()):
        """Delete every attachment whose name holds one of these names or numbers as a whole.

        A file named after another person whose name contains the person's (`keep`) stays.
        """
        names = [name for name in names if name and len(name) >= 5]
        if not names:
            return
        Attachment = self.env["ir.attachment"].sudo()
        candidates = Attachment.search(
            Domain.OR(Domain("name", "ilike", name) for name in names)
            & (Domain("res_field", "=", False) | Domain("res_field", "!=", False))
        )
        candidates.filtered(
            lambda attachment: self._atta_scrub(attachment.name, names, keep) != attachment.name
        ).unlink()

    def _atta_stop_queued_mail(self):
        """Mails still waiting for the person's address (typed, not through their contact) are not sent."""
        email = email_normalize(self.email or "")
        if not email:
            return
        waiting = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("state", "in", ("outgoing", "exception")),
                    "|",
                    ("email_to", "ilike", email),
                    ("email_cc", "ilike", email),
                ]
            )
        )
        waiting.filtered(lambda mail: email in mail._atta_addresses()).unlink()

    @api.model
    def _atta_wipe_traces(self, *recordsets):
        """Chatter, tracked old values, attachments, activities and mails of these records, gone."""
        Message = self.env["mail.message"].sudo()
        partners = self.env["res.partner"]
        messages = Message.browse()
        for records in recordsets:
            if not records:
                continue
            model, ids = records._name, records.ids
            if model == "res.partner":
                partners |= records
            messages |= Message.search([("model", "=", model), ("res_id", "in", ids)])
            # Both kinds of attachment: in the chatter and behind binary fields (res_field set).
            self.env["ir.attachment"].sudo().search(
                [
                    ("res_model", "=", model),
                    ("res_id", "in", ids),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ]
            ).unlink()
            self.env["mail.activity"].sudo().search([("res_model", "=", model), ("res_id", "in", ids)]).unlink()
            self.env["mail.mail"].sudo().search([("model", "=", model), ("res_id", "in", ids)]).unlink()
            # Composer wizards keep a rendered body until the vacuum: remove them now.
            composers = self.env["mail.compose.message"].sudo().search([("model", "=", model)])
            composers.filtered(lambda c, ids=set(ids): ids & set(parse_res_ids(c.res_ids, self.env) or [])).unlink()
        if partners:
            messages |= Message.search([("author_id", "in", partners.ids)])
            self.env["mail.compose.message"].sudo().search([("partner_ids", "in", partners.ids)]).unlink()
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", partners.ids)]).unlink()
            self.env["mail.notification"].sudo().search([("res_partner_id", "in", partners.ids)]).unlink()
        self._atta_wipe_messages(messages)

    @api.model
    def _atta_wipe_messages(self, messages):
        if not messages:
            return
        messages.tracking_value_ids.unlink()
        messages.attachment_ids.unlink()
        messages.write(
            {
                "body": self.env._("<p>Erased at the person's request.</p>"),
                "subject": False,
                "email_from": False,
                "author_id": False,
            }
        )

    @api.model
    def _atta_scrub(self, text, values, keep=()):
        """The text with each of the person's own values replaced where it stands as a whole.

        For texts that concern several people: a value inside a longer word stays, and so does a
        value inside one of `keep` (another person's name that contains it, e.g. "محمد علي" inside
        "محمد علي الحربي"). Nothing is replaced by a fragment: other people's text is left as it was.
        """
        if not text or not values:
            return text
        pattern = self._atta_exact_pattern(set(values) | {html.escape(value, quote=False) for value in values})
        kept = [
            (found.start(), found.end())
            for other in keep
            if other
            for found in re.finditer(re.escape(other), text, re.IGNORECASE)
        ]
        erased = self.env._("[erased]")

        def replace(match):
            inside_kept = any(start <= match.start() and match.end() <= end for start, end in kept)
            return match.group(0) if inside_kept else erased

        scrubbed = pattern.sub(replace, text)
        # An HTML text (minutes, notes) stays HTML: only plain words were replaced in it.
        return Markup(scrubbed) if isinstance(text, Markup) else scrubbed

    @api.model
    def _atta_exact_pattern(self, values):
        """One regular expression matching any of `values` as a whole: not preceded or followed by a letter or digit."""
        alternatives = sorted({value for value in values if value}, key=len, reverse=True)
        return re.compile("|".join(rf"(?<!\w){re.escape(value)}(?!\w)" for value in alternatives), re.IGNORECASE)
