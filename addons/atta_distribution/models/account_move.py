from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def _check_draftable(self):
        """The entry of aid paid under two signatures is never reset to draft by hand (it would open it to edits)."""
        super()._check_draftable()
        if self.env.su:
            return
        payments = self.origin_payment_id
        paid = payments and payments._atta_aid_lines().filtered(lambda line: line.state == "done")
        if paid:
            raise UserError(
                self.env._(
                    "%(entry)s pays the aid of %(name)s signed by two approvers in %(batch)s: it stays posted. A "
                    "correction is a new entry.",
                    entry=paid[:1].payment_id.move_id.name,
                    name=paid[:1].beneficiary_id.name,
                    batch=paid[:1].batch_id.name,
                )
            )
