from odoo import models
from odoo.exceptions import UserError

# What a finance approver signs for on the draft payment of an aid batch.
SIGNED_FIELDS = frozenset(
    {
        "amount",
        "partner_id",
        "partner_bank_id",
        "journal_id",
        "currency_id",
        "destination_account_id",
        "payment_type",
        "memo",
        "date",
        "payment_method_line_id",
    }
)
# A paid aid payment is never taken back to one of these states by hand.
UNDONE_STATES = ("draft", "canceled", "rejected")


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _atta_aid_lines(self):
        """The distribution lines these payments pay (superuser mode: looked up whoever edits the payment)."""
        return self.env["atta.distribution.line"].sudo().search([("payment_id", "in", self.ids)])

    def write(self, vals):
        touched = SIGNED_FIELDS & set(vals)
        undone = vals.get("state") in UNDONE_STATES
        if self.env.su or not (touched or undone) or not self.ids:
            return super().write(vals)
        lines = self._atta_aid_lines()
        paid = lines.filtered(lambda line: line.state == "done")
        if paid:
            raise UserError(
                self.env._(
                    "The aid paid to %(name)s in %(batch)s stays as it was paid and signed for.",
                    name=paid[:1].beneficiary_id.name,
                    batch=paid[:1].batch_id.name,
                )
            )
        result = super().write(vals)
        signed = lines.filtered(lambda line: line.state == "pending" and line.batch_id.state == "first_approved")
        for batch, batch_lines in signed.grouped("batch_id").items():
            batch._void_first_signature(
                self.env._(
                    "%(user)s changed the draft payment of %(names)s after the first signature.",
                    user=self.env.user.name,
                    names=", ".join(batch_lines.beneficiary_id.mapped("name")),
                )
            )
        return result
