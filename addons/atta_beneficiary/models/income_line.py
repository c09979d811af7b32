from odoo import fields, models

from ..tools.household import INCOME_TYPES


class AttaIncomeLine(models.Model):
    _name = "atta.income.line"
    _inherit = ["atta.money.line.mixin"]
    _description = "Monthly Income Source"
    _atta_type_field = "income_type"

    income_type = fields.Selection(INCOME_TYPES, required=True)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "An income amount cannot be negative.")
