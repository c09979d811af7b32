from odoo import fields, models


class AttaEligibilityRule(models.Model):
    """One line of the eligibility score, with its weight: the committee sees why a score is what it is."""

    _name = "atta.eligibility.rule"
    _description = "Eligibility Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    rule_type = fields.Selection(
        [
            ("income", "Per-capita net income below the sufficiency line"),
            ("category", "Beneficiary category"),
            ("no_income", "No income at all"),
            ("disability", "Each household member with a disability or chronic illness"),
            ("housing", "Poor or unfit housing"),
        ],
        required=True,
    )
    category_id = fields.Many2one("atta.beneficiary.category")
    points = fields.Float(
        required=True,
        default=10,
        help="Points this rule adds. For the income rule, the most points, given when the "
        "per-capita net income is zero, shrinking to none at the sufficiency line.",
    )
    max_count = fields.Integer(default=3, help="For the disability rule: at most this many members count.")
    active = fields.Boolean(default=True)

    _points_positive = models.Constraint("CHECK(points >= 0)", "Points cannot be negative.")
