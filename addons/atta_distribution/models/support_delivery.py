from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AttaSupportDelivery(models.Model):
    _inherit = "atta.support.delivery"

    fund_id = fields.Many2one(
        "atta.fund",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The fund this one-off support was paid from: it then appears in the fund's figures.",
    )

    @api.constrains("fund_id", "request_id")
    def _check_fund_pays_support_type(self):
        """A fund pays a one-off support only where it may pay a round: a restricted donation only the support types
        its donor named, Zakat only a family in its eligible categories."""
        for delivery in self.filtered("fund_id"):
            problem = delivery._fund_problem()
            if problem:
                raise ValidationError(problem)

    def _check_deliverable(self):
        """Checked again at the hand-over: the family's categories may have changed since the delivery was recorded."""
        result = super()._check_deliverable()
        for delivery in self.filtered("fund_id"):
            problem = delivery._fund_problem()
            if problem:
                raise ValidationError(problem)
        return result

    def _fund_problem(self):
        """Why the delivery's fund may not pay it, or None."""
        self.ensure_one()
        # Superuser mode: the fund's allowed types and the family's categories are read to explain a refusal,
        # whoever records the delivery; nothing is written.
        fund = self.fund_id.sudo()
        request = self.request_id.sudo()
        return fund._programme_problem(support_type=request.support_type_id) or fund._payment_problem(
            request.beneficiary_id
        )
