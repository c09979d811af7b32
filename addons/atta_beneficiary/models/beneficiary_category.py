from odoo import fields, models


class AttaBeneficiaryCategory(models.Model):
    _name = "atta.beneficiary.category"
    _description = "Beneficiary Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable code used by eligibility rules and reports.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    beneficiary_count = fields.Integer(compute="_compute_beneficiary_count")

    _code_unique = models.Constraint("UNIQUE(code)", "Another category already uses this code.")

    def _compute_beneficiary_count(self):
        counts = dict(
            self.env["atta.beneficiary"]._read_group([("category_ids", "in", self.ids)], ["category_ids"], ["__count"])
        )
        for category in self:
            category.beneficiary_count = counts.get(category, 0)
