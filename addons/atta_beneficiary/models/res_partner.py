from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The beneficiary file behind a contact: its record rules follow the file's [S1].
    atta_beneficiary_ids = fields.One2many(
        "atta.beneficiary", "partner_id", string="Beneficiary Files", context={"active_test": False}
    )
