from odoo import fields, models


class AttaEligibilityScoreLine(models.Model):
    """One line of a score: which rule gave how many points, and why."""

    _name = "atta.eligibility.score.line"
    _description = "Eligibility Score Line"
    _order = "visit_id, points desc"

    visit_id = fields.Many2one("atta.research.visit", required=True, ondelete="cascade", index=True)
    rule_id = fields.Many2one("atta.eligibility.rule", ondelete="set null")
    name = fields.Char(string="Criterion", required=True)
    detail = fields.Char(string="Why")
    points = fields.Float()
