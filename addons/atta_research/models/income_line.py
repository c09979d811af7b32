from odoo import fields, models


class AttaIncomeLine(models.Model):
    _inherit = "atta.income.line"

    # What the applicant declared on the online form, kept apart from the sources the officer checked.
    income_type = fields.Selection(
        selection_add=[("declared", "Declared by the applicant online (not verified)")],
        ondelete={"declared": lambda lines: lines.write({"income_type": "other"})},
    )
