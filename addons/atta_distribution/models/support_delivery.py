from odoo import fields, models


class AttaSupportDelivery(models.Model):
    _inherit = "atta.support.delivery"

    fund_id = fields.Many2one(
        "atta.fund",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The fund this one-off support was paid from: it then appears in the fund's figures.",
    )
