from odoo import fields, models


class AttaBeneficiaryCategory(models.Model):
    _inherit = "atta.beneficiary.category"

    zakat_eligible = fields.Boolean(
        string="Zakat-Eligible",
        help="Set on the ruling of the association's Sharia board: families of this category belong to one of "
        "the eight categories of Zakat and may receive money from a Zakat fund.",
    )
