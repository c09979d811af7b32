from odoo import fields, models


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    # Households sharing an IBAN are found through this index, not by reading every account.
    sanitized_acc_number = fields.Char(index=True)
