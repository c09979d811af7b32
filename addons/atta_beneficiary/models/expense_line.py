from odoo import api, fields, models

# Kinds of monthly expense, also what a researcher finds on a visit.
EXPENSE_TYPES = [
    ("rent", "Rent"),
    ("electricity", "Electricity"),
    ("water", "Water"),
    ("telecom", "Phone and internet"),
    ("medical", "Medical"),
    ("transport", "Transport"),
    ("debt", "Debt instalments"),
    ("education", "Education"),
    ("other", "Other"),
]


class AttaExpenseLine(models.Model):
    _name = "atta.expense.line"
    _inherit = ["atta.sensitive.line.mixin"]
    _description = "Monthly Expense"
    _order = "beneficiary_id, amount desc"

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True)
    expense_type = fields.Selection(EXPENSE_TYPES, required=True)
    description = fields.Char()
    amount = fields.Monetary(string="Monthly Amount", required=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "An expense amount cannot be negative.")

    @api.depends("expense_type", "description")
    def _compute_display_name(self):
        labels = dict(self._fields["expense_type"]._description_selection(self.env))
        for line in self:
            line.display_name = " — ".join(filter(None, (labels.get(line.expense_type), line.description)))
