from odoo import fields, models


class AttaResearchVisitLine(models.Model):
    """One income or expense of the household as the researcher found it."""

    _name = "atta.research.visit.line"
    _description = "Researched Income or Expense"
    _order = "visit_id, kind desc, amount desc"

    visit_id = fields.Many2one("atta.research.visit", required=True, ondelete="cascade", index=True)
    kind = fields.Selection([("income", "Income"), ("expense", "Expense")], required=True, default="income")
    line_type = fields.Selection(
        [("salary", "Salary"), ("pension", "Retirement pension"),
         ("social_security", "Social security (Al-Daman)"), ("citizen_account", "Citizen Account"),
         ("disability_allowance", "Disability allowance"), ("other_charity", "Support from other associations"),
         ("member", "Family member's income"),
         ("rent", "Rent"), ("electricity", "Electricity"), ("water", "Water"), ("telecom", "Phone and internet"),
         ("medical", "Medical"), ("transport", "Transport"), ("debt", "Debt instalments"),
         ("education", "Education"), ("other", "Other")],
        string="Type", required=True)
    description = fields.Char()
    amount = fields.Monetary(string="Monthly Amount", required=True)
    currency_id = fields.Many2one(related="visit_id.currency_id")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "Amounts cannot be negative.")
