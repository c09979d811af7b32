from odoo import api, fields, models

# Kinds of household income, also what a researcher finds on a visit.
INCOME_TYPES = [
    ("salary", "Salary"),
    ("pension", "Retirement pension"),
    ("social_security", "Social security (Al-Daman)"),
    ("citizen_account", "Citizen Account"),
    ("disability_allowance", "Disability allowance"),
    ("other_charity", "Support from other associations"),
    ("other", "Other"),
]


class AttaIncomeLine(models.Model):
    _name = "atta.income.line"
    _inherit = ["atta.sensitive.line.mixin"]
    _description = "Monthly Income Source"
    _order = "beneficiary_id, amount desc"

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True)
    income_type = fields.Selection(INCOME_TYPES, required=True)
    description = fields.Char()
    amount = fields.Monetary(string="Monthly Amount", required=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "An income amount cannot be negative.")

    @api.depends("income_type", "description")
    def _compute_display_name(self):
        labels = dict(self._fields["income_type"]._description_selection(self.env))
        for line in self:
            line.display_name = " — ".join(filter(None, (labels.get(line.income_type), line.description)))
