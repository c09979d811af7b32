from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.atta_beneficiary.tools import check_roles
from odoo.addons.atta_beneficiary.tools.roles import FINANCE

# What a finance approver relies on when signing a transfer.
SIGNED_FIELDS = ("acc_number", "acc_holder_name", "partner_id", "allow_out_payment", "active", "bank_id")
# What stays as paid once a transfer to the account is posted.
PAID_FIELDS = ("acc_number", "acc_holder_name", "partner_id")
# What the trust was given for: a change of any of them is another account, to be trusted again.
TRUSTED_FIELDS = ("acc_number", "acc_holder_name", "partner_id", "bank_id")


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    atta_beneficiary_id = fields.Many2one(
        "atta.beneficiary",
        string="Beneficiary",
        compute="_compute_atta_beneficiary_id",
        search="_search_atta_beneficiary_id",
        compute_sudo=True,
    )
    # The payments to this account: a finance approver reads the accounts of the batches they sign.
    atta_line_ids = fields.One2many("atta.distribution.line", "bank_account_id", string="Aid Payments")

    def _compute_atta_beneficiary_id(self):
        for bank in self:
            bank.atta_beneficiary_id = bank.partner_id.atta_beneficiary_ids[:1]

    def _search_atta_beneficiary_id(self, operator, value):
        # The holder's contact is looked up past its record rules: a finance approver, who trusts the accounts, holds
        # no right on the files' contacts. Which accounts they see stays the business of their rule on accounts.
        return [("partner_id", "any!", [("atta_beneficiary_ids", operator, value)])]

    def _atta_certificates(self):
        """The verified, unexpired IBAN certificates of the holder's own file that name this account's IBAN."""
        self.ensure_one()
        certificate = self.env.ref("atta_beneficiary.document_type_iban_certificate", raise_if_not_found=False)
        if not certificate or not self.sanitized_acc_number:
            return self.env["atta.beneficiary.document"]
        return self.partner_id.atta_beneficiary_ids.document_ids.filtered(
            lambda doc: doc.document_type_id == certificate and doc.is_valid and doc.iban == self.sanitized_acc_number
        )

    def _check_allow_out_payment(self):
        """A beneficiary's account is trusted only against a verified, unexpired IBAN certificate of the holder's
        own file that names this very IBAN: a certificate of another person or of another IBAN trusts nothing."""
        result = super()._check_allow_out_payment()
        # Superuser mode to read the certificates the trust relies on; nothing of them is shown.
        for bank in self.filtered("allow_out_payment").sudo():
            beneficiary = bank.partner_id.atta_beneficiary_ids[:1]
            if not beneficiary:
                continue
            if not bank._atta_certificates():
                raise ValidationError(
                    self.env._(
                        "%(name)s has no verified, unexpired IBAN certificate naming %(iban)s: record the IBAN read on "
                        "the certificate and verify it against the original before trusting this account for "
                        "payments.",
                        name=beneficiary.name,
                        iban=bank.acc_number,
                    )
                )
        return result

    def write(self, vals):
        if self.env.context.get("atta_contact_renamed") and set(vals) == {"acc_holder_name"}:
            # A name corrected on the file: an account already paid keeps the holder it was paid to.
            # Only skips: the others go through every check below (a client may send this context too).
            paid = self._atta_paid()
            if paid:
                return (self - paid).with_context(atta_contact_renamed=False).write(vals)
        watched = [name for name in SIGNED_FIELDS if name in vals]
        if not watched:
            return super().write(vals)
        before = {bank.id: {name: bank[name] for name in watched} for bank in self.with_context(active_test=False)}

        def moved(bank, names):
            return any(bank[name] != before[bank.id][name] for name in watched if name in names)

        result = super().write(vals)
        changed = self.filtered(lambda bank: moved(bank, watched))
        if changed:
            changed._atta_after_change([name for name in watched if name in PAID_FIELDS])
        # Another number, holder, bank or owner is not what was trusted: it is trusted again once checked against the
        # certificate. Superuser mode for the flag only (Odoo keeps it to accountants).
        untrusted = self.filtered(lambda bank: bank.allow_out_payment and moved(bank, TRUSTED_FIELDS))
        if untrusted and "allow_out_payment" not in vals:
            untrusted.sudo().write({"allow_out_payment": False})
        return result

    def _atta_paid(self):
        """The accounts among these that received aid."""
        # Superuser mode: who may rename a contact is Odoo's rule; here the payments made are looked up.
        lines = (
            self.env["atta.distribution.line"]
            .sudo()
            .search([("bank_account_id", "in", self.ids), ("state", "=", "done")])
        )
        return self & lines.bank_account_id

    def _atta_after_change(self, paid_fields):
        """A change voids a first signature that relied on the account; an account already paid stays as paid."""
        # Superuser mode: who may change a bank account is Odoo's rule; here the batches it touches are looked up.
        Line = self.env["atta.distribution.line"].sudo()
        if paid_fields:
            paid = Line.search([("bank_account_id", "in", self.ids), ("state", "=", "done")], limit=1)
            if paid:
                raise UserError(
                    self.env._(
                        "The account %(iban)s received aid in %(batch)s: it is kept as it was paid. Record the new "
                        "IBAN as a new bank account of %(name)s; a finance approver trusts it against the "
                        "certificate.",
                        iban=paid.iban or paid.bank_account_id.acc_number,
                        batch=paid.batch_id.name,
                        name=paid.beneficiary_id.name,
                    )
                )
        lines = Line.search(
            [
                ("bank_account_id", "in", self.ids),
                ("state", "=", "pending"),
                ("batch_id.state", "=", "first_approved"),
            ]
        )
        for batch, batch_lines in lines.grouped("batch_id").items():
            batch._void_first_signature(
                self.env._(
                    "%(user)s changed the bank account of %(names)s after the first signature.",
                    user=self.env.user.name,
                    names=", ".join(batch_lines.beneficiary_id.mapped("name")),
                )
            )

    def action_trust_for_aid(self):
        """A finance approver trusts a beneficiary's IBAN for payments, once its certificate is verified."""
        check_roles(self, (FINANCE,), self.env._("trust an IBAN for aid payments"))
        self.check_access("read")
        untrusted = self.filtered(lambda bank: not bank.allow_out_payment)
        # Superuser mode for the trust flag only: Odoo keeps it to accountants, and the finance approver's role was
        # checked above; the certificate is checked by _check_allow_out_payment on the write.
        untrusted.sudo().write({"allow_out_payment": True})
        return True
