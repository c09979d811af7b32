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
        """A restricted donation pays only the support types its donor named, one-off deliveries included."""
        for delivery in self.filtered("fund_id"):
            # Superuser mode: the fund's allowed types are read to explain a refusal, whoever records the delivery.
            fund = delivery.fund_id.sudo()
            problem = fund._programme_problem(support_type=delivery.request_id.sudo().support_type_id)
            if problem:
                raise ValidationError(problem)
