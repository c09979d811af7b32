from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    atta_renewal_months = fields.Integer(
        string="Beneficiary File Renewal (months)",
        default=12,
        help="A registered file is updated this often; the beneficiary is reached before it falls due.",
    )
