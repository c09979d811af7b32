import base64
import binascii

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.misc import format_date

from ..tools import (
    check_roles,
    check_upload,
    field_labels,
    hijri_date_string,
    in_lang_of,
    refuse_step_fields,
    run_batches,
)
from ..tools.roles import OFFICER

# Written only by the verify and reject steps and the expiry cron, never by a plain write or create.
VERIFICATION_FIELDS = {"verified", "verified_by_id", "verified_on", "expiry_notified"}
# A change to any of these is a different document: it must be checked against the original again.
CONTENT_FIELDS = {"attachment", "issue_date", "expiry_date", "document_type_id", "beneficiary_id"}
UNVERIFIED = dict.fromkeys(VERIFICATION_FIELDS, False)


class AttaBeneficiaryDocument(models.Model):
    """A document on the file, checked by an officer against the original [S7.2]."""

    _name = "atta.beneficiary.document"
    _description = "Beneficiary Document"
    # Scans of identity cards and papers: opening, listing and downloading them is audited.
    _inherit = ["mail.thread", "mail.activity.mixin", "atta.audit.mixin"]
    _order = "beneficiary_id, document_type_id, issue_date desc"
    # The scan is inspected when uploaded on the document (see _atta_inspected), never written as a file directly.
    _atta_inspected_fields = ("attachment",)
    # A verified document shows the one scan that was checked: no other file is attached to it (see ir.attachment).
    _atta_sealed_keeps_one_file = True

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True, tracking=True)
    document_type_id = fields.Many2one("atta.document.type", required=True, tracking=True)
    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    attachment = fields.Binary(attachment=True, required=True)
    attachment_name = fields.Char(string="File Name")
    issue_date = fields.Date(tracking=True)
    issue_date_hijri = fields.Char(compute="_compute_dates")
    expiry_date = fields.Date(tracking=True, index=True)
    expiry_date_hijri = fields.Char(compute="_compute_dates")
    effective_expiry_date = fields.Date(
        compute="_compute_dates",
        string="Valid Until",
        help="The expiry date, or the issue date plus the validity of the document type.",
    )
    verified = fields.Boolean(tracking=True, copy=False, readonly=True)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    verified_on = fields.Datetime(readonly=True, copy=False)
    rejection_reason = fields.Char(tracking=True, copy=False)
    expiry_notified = fields.Boolean(
        readonly=True, copy=False, help="The officer and the beneficiary were told it expires soon."
    )
    is_expired = fields.Boolean(compute="_compute_validity", search="_search_is_expired")
    is_valid = fields.Boolean(compute="_compute_validity", help="Verified and not expired: counts for the file.")
    status = fields.Selection(
        [("to_verify", "To verify"), ("verified", "Verified"), ("rejected", "Rejected"), ("expired", "Expired")],
        compute="_compute_validity",
    )
    notes = fields.Text()

    def _atta_audit_reference(self):
        return self.beneficiary_id.reference

    @api.depends("document_type_id", "beneficiary_id")
    def _compute_name(self):
        for document in self:
            if document.document_type_id and document.beneficiary_id:
                document.name = f"{document.document_type_id.name} — {document.beneficiary_id.name}"
            else:
                document.name = document.document_type_id.name or False

    @api.depends("issue_date", "expiry_date", "document_type_id.validity_months")
    @api.depends_context("lang")
    def _compute_dates(self):
        lang = self.env.lang or "en_US"
        for document in self:
            document.issue_date_hijri = hijri_date_string(document.issue_date, lang)
            document.expiry_date_hijri = hijri_date_string(document.expiry_date, lang)
            document.effective_expiry_date = document._effective_expiry()

    def _effective_expiry(self):
        months = self.document_type_id.validity_months
        limits = [self.expiry_date] if self.expiry_date else []
        if months and self.issue_date:
            limits.append(self.issue_date + relativedelta(months=months))
        return min(limits) if limits else False

    @api.depends("verified", "rejection_reason", "issue_date", "expiry_date", "document_type_id.validity_months")
    def _compute_validity(self):
        today = fields.Date.context_today(self)
        for document in self:
            expiry = document._effective_expiry()
            document.is_expired = bool(expiry and expiry < today)
            document.is_valid = document.verified and not document.is_expired
            if document.is_expired:
                document.status = "expired"
            elif document.verified:
                document.status = "verified"
            elif document.rejection_reason:
                document.status = "rejected"
            else:
                document.status = "to_verify"

    def _search_is_expired(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        expired = self._expires_before_domain(fields.Date.context_today(self))
        wants_expired = (True in value) == (operator == "in")
        return expired if wants_expired else ~expired

    @api.model
    def _expires_before_domain(self, day):
        """Documents whose effective expiry date is before `day`, as a domain the database can run."""
        domain = Domain("expiry_date", "<", day)
        # Documents whose type has a validity period expire from their issue date too.
        types = self.env["atta.document.type"].search([("validity_months", ">", 0)])
        for months in set(types.mapped("validity_months")):
            domain |= Domain("document_type_id.validity_months", "=", months) & Domain(
                "issue_date", "<", day - relativedelta(months=months)
            )
        return domain

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for document in self:
            if document.issue_date and document.expiry_date and document.expiry_date < document.issue_date:
                raise ValidationError(
                    self.env._(
                        "The expiry date of “%(name)s” is before its issue date. Check both dates on the document.",
                        name=document.document_type_id.name,
                    )
                )
            if document.issue_date and document.issue_date > today:
                raise ValidationError(
                    self.env._("The issue date of “%(name)s” is in the future.", name=document.document_type_id.name)
                )

    @api.model
    def _atta_upload_limits(self):
        """The size limits of a scan kept on a file (the website's limits once Social Research is installed)."""
        return {"max_upload_mb": 10, "max_megapixels": 40}

    def _atta_inspected(self, vals):
        """`vals` with the scan a member of staff uploads checked like a document sent from the website [S7.2].

        A PDF that runs scripts or actions, carries files or does not parse, or a file that is no PDF, JPEG or PNG,
        is refused with the reason; an image is kept as it was written again, without what was glued to it.
        """
        if self.env.su or not vals.get("attachment"):
            return vals
        value = vals["attachment"]
        try:
            data = base64.b64decode(value)
        except (binascii.Error, ValueError, TypeError):
            data = b""
        name = vals.get("attachment_name") or (len(self) == 1 and self.attachment_name) or ""
        upload, problem = check_upload(self.env, data or b"\0", name, self._atta_upload_limits())
        if problem:
            raise UserError(problem)
        return dict(vals, attachment=base64.b64encode(upload["raw"]))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, VERIFICATION_FIELDS, creating=True)
        return super().create([self._atta_inspected(vals) for vals in vals_list])

    def write(self, vals):
        refuse_step_fields(self, vals, VERIFICATION_FIELDS)
        vals = self._atta_inspected(vals)
        # A new scan, new dates or another file must be checked again by an officer, whoever writes it.
        changed = CONTENT_FIELDS & set(vals)
        if changed:
            vals = dict(vals, **UNVERIFIED)
        result = super().write(vals)
        if changed and not self._atta_erasing():
            # A new version of the document: in the trail, with what changed (never the values).
            self.env["atta.audit.log"]._log("change", self, detail=field_labels(self, changed))
        return result

    def unlink(self):
        # The deletion is in the trail (an erasure logs its own destruction); a refusal takes the entry with it.
        if not self._atta_erasing():
            self.env["atta.audit.log"]._log("delete", self, detail=self._description)
        return super().unlink()

    def _atta_erasing(self):
        return self.env.su and self.env.context.get("atta_erasing")

    def _atta_files_sealed(self):
        """The documents whose scan can no longer be replaced or removed as a file: the verified ones.

        A new scan goes through the document (a new version, to be verified again), never through its attachment.
        """
        return self.filtered("verified")

    def _atta_write_verification(self, step, vals):
        """Write the verification once the caller's role and right to edit these documents are checked."""
        check_roles(self, (OFFICER,), step)
        self.check_access("write")
        # Superuser mode for the verification fields only: a plain write of them is refused.
        self.sudo().write(vals)

    def action_verify(self):
        """The officer matched the document with the original and found it valid [S7.2]."""
        for document in self:
            if document.is_expired:
                raise UserError(
                    self.env._(
                        "“%(name)s” has expired on %(date)s and cannot be verified. Ask the applicant for a "
                        "current document.",
                        name=document.name,
                        date=document._effective_expiry(),
                    )
                )
        self._atta_write_verification(
            self.env._("verify a document"),
            {
                "verified": True,
                "verified_by_id": self.env.user.id,
                "verified_on": fields.Datetime.now(),
                "rejection_reason": False,
            },
        )
        return True

    def action_reject(self):
        self.ensure_one()
        reason = self.env.context.get("rejection_reason") or self.env._("Does not match the original")
        self._atta_write_verification(self.env._("reject a document"), dict(UNVERIFIED, rejection_reason=reason))
        return True

    @api.model
    def _cron_watch_expiry(self, notice_days=30, batch_size=500):
        """Before a verified document expires, the officer gets a to-do and the beneficiary a message."""
        today = fields.Date.context_today(self)
        documents = self.search(
            Domain("verified", "=", True)
            & Domain("expiry_notified", "=", False)
            & self._expires_before_domain(today + relativedelta(days=notice_days + 1)),
            limit=batch_size,
        )
        return run_batches(documents, "_notify_expiry")[0]

    @api.model
    def _both_calendars(self, env, day):
        """The day as its reader writes it, with the Hijri date beside it (a cron writes in the reader's language)."""
        return f"{format_date(env, day)} ({hijri_date_string(day, env.lang or 'en_US')})"

    def _notify_expiry(self):
        self.ensure_one()
        beneficiary = self.beneficiary_id
        expiry = self._effective_expiry()
        officer = beneficiary.user_id or self.env.user
        officers = in_lang_of(self, officer)
        beneficiary.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=officer.id,
            date_deadline=expiry,
            summary=officers.env._(
                "%(document)s expires on %(date)s",
                document=officers.document_type_id.name,
                date=self._both_calendars(officers.env, expiry),
            ),
        )
        # Written to the beneficiary, in their language, unless they withdrew consent to be contacted.
        if beneficiary._atta_may_contact():
            localized = beneficiary.with_context(lang=beneficiary.lang)
            localized.message_post(
                body=localized.env._(
                    "Your document “%(document)s” on file with the association expires on %(date)s. Please bring "
                    "or send a current copy so that your file stays complete.",
                    document=self.document_type_id.with_context(lang=beneficiary.lang).name,
                    date=self._both_calendars(localized.env, expiry),
                ),
                partner_ids=beneficiary.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        # Superuser mode for the flag only: the expiry cron's step, refused to a plain write.
        self.sudo().expiry_notified = True
