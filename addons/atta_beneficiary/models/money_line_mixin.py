from odoo import api, fields, models

from ..tools import set_type_display_names


class AttaMoneyLineMixin(models.AbstractModel):
    """A monthly amount of a household on its file (an income or an expense), named by its type."""

    _name = "atta.money.line.mixin"
    _inherit = ["atta.sensitive.line.mixin"]
    _description = "Monthly Amount of a Beneficiary File"
    _order = "beneficiary_id, amount desc"
    # The Selection field that says what the amount is (its kind of income or expense).
    _atta_type_field = None

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True)
    description = fields.Char()
    amount = fields.Monetary(string="Monthly Amount", required=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")

    @api.depends(lambda self: (self._atta_type_field, "description") if self._atta_type_field else ("description",))
    def _compute_display_name(self):
        set_type_display_names(self, self._atta_type_field)
