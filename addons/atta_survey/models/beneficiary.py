from odoo import fields, models


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    survey_opt_out = fields.Boolean(
        string="No Satisfaction Surveys", tracking=True,
        help="The beneficiary asked not to receive satisfaction surveys.")
