from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from odoo.addons.mail.tools.parser import parse_res_ids

from ..tools import hijri_date_string

# Fields of the file whose change is written to the audit trail [PDPL]; its family, income and
# expense lines are audited by atta.sensitive.line.mixin, where every change to them passes.
SENSITIVE_FIELDS = ("identity_type", "identity_number", "name", "birth_date", "marital_status")
PARTNER_PERSONAL_FIELDS = ("email", "phone", "street", "street2", "city", "zip", "state_id", "comment", "vat",
                           "ref", "function", "website", "image_1920")


class AttaBeneficiary(models.Model):
    """The data-subject rights on a beneficiary file: what Atta holds, erasure, consent, audit."""

    _name = "atta.beneficiary"
    _inherit = ["atta.beneficiary", "atta.audit.mixin"]

    legal_hold = fields.Boolean(tracking=True, help="While set, the file cannot be erased (a dispute, an audit).")
    legal_hold_reason = fields.Char(tracking=True)
    erased_on = fields.Datetime(string="Personal Data Erased On", readonly=True, copy=False)
    consent_withdrawn = fields.Boolean(
        compute="_compute_consent_withdrawn", store=True, index=True,
        help="The beneficiary withdrew consent: no survey, reminder or outreach is sent to them.")

    data_request_count = fields.Integer(compute="_compute_data_request_count")

    def _compute_data_request_count(self):
        counts = dict(self.env["atta.data.request"]._read_group(
            [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]))
        for beneficiary in self:
            beneficiary.data_request_count = counts.get(beneficiary, 0)

    def action_view_data_requests(self):
        action = self._related_action("atta_beneficiary.data_request_action")
        action["context"] = dict(action["context"], default_requester_name=self.name,
                                 default_identity_number=self.identity_number)
        return action

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
        return set(self.sudo().with_context(active_test=False).search([
            ("partner_id", "in", list(partner_ids)),
            "|", ("consent_withdrawn", "=", True), ("erased_on", "!=", False),
        ]).partner_id.ids)

    def _atta_may_contact(self):
        """Outreach (surveys, reminders, notices) only to a person who has not withdrawn consent."""
        self.ensure_one()
        return not self.erased_on and not self.consent_withdrawn

    # ------------------------------------------------------------------ audit of sensitive changes
    def write(self, vals):
        changed = [name for name in SENSITIVE_FIELDS if name in vals]
        result = super().write(vals)
        if changed and not self.env.context.get("atta_erasing"):
            self._atta_log_sensitive_change(changed)
        return result

    def _atta_log_sensitive_change(self, field_names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in field_names)
        self.env["atta.audit.log"]._log("change", self, detail=labels)

    @api.model
    def _normalize_vals(self, vals):
        if self.env.context.get("atta_erasing"):
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
        housing = ", ".join(filter(None, [sel(self, "housing_type"), sel(self, "housing_tenure"),
                                          sel(self, "housing_condition")]))
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
        sections = [{"title": self.env._("Beneficiary File"),
                     "columns": [self.env._("Item"), self.env._("Value")], "rows": file_rows}]
        sections.append({
            "title": self.env._("Family Members"),
            "columns": [self.env._("Name"), self.env._("Relation"), self.env._("Identity Number"),
                        self.env._("Birth Date"), self.env._("Health"),
                        self.env._("Health Notes"), self.env._("Monthly Income")],
            "rows": [(m.name, sel(m, "relation"), m.identity_number or "", self._atta_date(m.birth_date),
                      sel(m, "health_status"), m.health_notes or "", m.monthly_income)
                     for m in self.family_member_ids]})
        sections.append({
            "title": self.env._("Income and Expenses"),
            "columns": [self.env._("Kind"), self.env._("Type"), self.env._("Description"),
                        self.env._("Monthly Amount")],
            "rows": [(self.env._("Income"), sel(line, "income_type"), line.description or "", line.amount)
                     for line in self.income_line_ids]
            + [(self.env._("Expense"), sel(line, "expense_type"), line.description or "", line.amount)
               for line in self.expense_line_ids]})
        sections.append({
            "title": self.env._("Documents"),
            "columns": [self.env._("Document"), self.env._("Type"), self.env._("Issued"), self.env._("Expires"),
                        self.env._("Status")],
            "rows": [(d.name or "", d.document_type_id.name, self._atta_date(d.issue_date),
                      self._atta_date(d.expiry_date), sel(d, "status")) for d in self.document_ids]})
        sections.append({
            "title": self.env._("Contacts with the Association"),
            "columns": [self.env._("Date"), self.env._("Channel"), self.env._("Type"), self.env._("Subject"),
                        self.env._("What Was Asked"), self.env._("Answer Given")],
            "rows": [(self._atta_date(i.date), i.channel_id.name, sel(i, "interaction_type"), i.name,
                      i.description or "", i.answer or "")
                     for i in self.env["atta.interaction"].sudo().search([("beneficiary_id", "=", self.id)])]})
        sections.append({
            "title": self.env._("Declarations and Consents"),
            "columns": [self.env._("Text"), self.env._("Version"), self.env._("Accepted On"),
                        self.env._("Signed By"), self.env._("Withdrawn On")],
            "rows": [(c.text_id.name, c.version, self._atta_date(c.accepted_on), c.accepted_by_name,
                      self._atta_date(c.withdrawn_on)) for c in self.consent_ids]})
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

    def _atta_personal_terms(self):
        """Strings that identify the person, scrubbed from shared texts such as committee minutes."""
        self.ensure_one()
        terms = [self.name, self.identity_number, self.phone, self.email]
        terms += self.family_member_ids.mapped("name") + self.family_member_ids.mapped("identity_number")
        return [term for term in terms if term and len(term) >= 3]

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
        erasing._atta_erase_records(erasing._atta_personal_terms())

    def _atta_erase_records(self, terms):
        """Blank what identifies the person here; modules extend for their records."""
        label = self.env._("Erased file %(reference)s", reference=self.reference)
        interactions = self.env["atta.interaction"].search([("beneficiary_id", "=", self.id)])
        documents = self.document_ids
        letters = self.env["atta.letter"].search([("beneficiary_id", "=", self.id)])
        self._atta_wipe_traces(self, self.partner_id, interactions, self.consent_ids, self.family_member_ids,
                               documents, letters)
        for letter in letters:
            letter.write({"subject": self._atta_scrub(letter.subject, terms), "correspondent": False,
                          "body": False, "attachment": False, "attachment_name": False})
        documents.unlink()
        self.income_line_ids.write({"description": False})
        self.expense_line_ids.write({"description": False})
        self.family_member_ids.write({"name": label, "identity_number": False, "birth_date": False,
                                      "health_notes": False})
        self.consent_ids.write({"accepted_by_name": label, "ip_address": False, "signature": False})
        interactions.write({"name": label, "caller_name": False, "caller_phone": False, "description": False,
                            "answer": False, "referral_reason": False})
        users = self.partner_id.with_context(active_test=False).user_ids.filtered("share")
        for user in users:
            user.write({"login": f"erased-{user.id}", "password": False, "active": False})
        self.write(dict(
            dict.fromkeys(PARTNER_PERSONAL_FIELDS, False), name=label, identity_number=f"ERASED-{self.id}",
            birth_date=False, notes=False, housing_notes=False, status_reason=False, legal_hold_reason=False,
            state="archived", active=False, erased_on=fields.Datetime.now()))

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
            self.env["ir.attachment"].sudo().search([("res_model", "=", model), ("res_id", "in", ids), "|",
                                                     ("res_field", "=", False), ("res_field", "!=", False)]).unlink()
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
        messages.write({"body": self.env._("<p>Erased at the person's request.</p>"), "subject": False,
                        "email_from": False, "author_id": False})

    @api.model
    def _atta_scrub(self, text, terms):
        """The text with each identifying term replaced; for texts that concern several people."""
        if not text:
            return text
        for term in sorted(terms, key=len, reverse=True):
            text = text.replace(term, self.env._("[erased]"))
        return text
