from odoo import fields, models

from ..tools.household import EXPENSE_TYPES


class AttaExpenseLine(models.Model):
    _name = "atta.expense.line"
    _inherit = ["atta.money.line.mixin"]
    _description = "Monthly Expense"
    _atta_type_field = "expense_type"

    expense_type = fields.Selection(EXPENSE_TYPES, required=True)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "An expense amount cannot be negative.")
