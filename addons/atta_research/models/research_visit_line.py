from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import set_type_display_names
from odoo.addons.atta_beneficiary.tools.household import EXPENSE_TYPES, INCOME_TYPES


class AttaResearchVisitLine(models.Model):
    """One income or expense of the household as the researcher found it."""

    _name = "atta.research.visit.line"
    _description = "Researched Income or Expense"
    _order = "visit_id, kind desc, amount desc"

    visit_id = fields.Many2one("atta.research.visit", required=True, ondelete="cascade", index=True)
    kind = fields.Selection([("income", "Income"), ("expense", "Expense")], required=True, default="income")
    # The file's own kinds, with "other" income folded into "other" below and a family member's income added.
    line_type = fields.Selection(
        [kind for kind in INCOME_TYPES if kind[0] != "other"] + [("member", "Family member's income")] + EXPENSE_TYPES,
        string="Type",
        required=True,
    )
    description = fields.Char()
    amount = fields.Monetary(string="Monthly Amount", required=True)
    currency_id = fields.Many2one(related="visit_id.currency_id")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "Amounts cannot be negative.")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_report_open()
        return lines

    def write(self, vals):
        if "visit_id" in vals and not self.env.su:
            raise UserError(self.env._("A line of a research report cannot be moved to another report."))
        self._check_report_open()
        return super().write(vals)

    def unlink(self):
        self._check_report_open()
        return super().unlink()

    def _check_report_open(self):
        """The household as found changes only while its report is planned, by whom writes that report."""
        if self.env.su:
            return
        for visit in self.visit_id:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "The research report of %(number)s is completed or cancelled: its income and expenses are "
                        "final.",
                        number=visit.request_id.name,
                    )
                )
            visit._check_may_research(visit.request_id)

    @api.depends("line_type", "description")
    def _compute_display_name(self):
        set_type_display_names(self, "line_type")
