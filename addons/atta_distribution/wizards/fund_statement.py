from datetime import timedelta

from hijridate import Gregorian

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.atta_beneficiary.tools import check_roles
from odoo.addons.atta_beneficiary.tools.hijri import HIJRI_FIRST, HIJRI_LAST, HijriDateError, hijri_to_gregorian

FINANCE = "atta_distribution.group_finance_approver"
MANAGER = "atta_beneficiary.group_manager"
HIJRI_MONTHS = [
    ("1", "Muharram"),
    ("2", "Safar"),
    ("3", "Rabi al-Awwal"),
    ("4", "Rabi al-Thani"),
    ("5", "Jumada al-Ula"),
    ("6", "Jumada al-Akhirah"),
    ("7", "Rajab"),
    ("8", "Shaban"),
    ("9", "Ramadan"),
    ("10", "Shawwal"),
    ("11", "Dhu al-Qadah"),
    ("12", "Dhu al-Hijjah"),
]
FIGURES = ("opening", "received", "committed", "reserved_in_kind", "paid", "in_kind", "one_off", "closing")


def _today_hijri(record):
    return Gregorian.fromdate(fields.Date.context_today(record)).to_hijri()


class AttaFundStatement(models.TransientModel):
    """The statement of one fund for one Hijri month, as the auditor signs it off: shown, then printed."""

    _name = "atta.fund.statement"
    _description = "Fund Statement"

    fund_id = fields.Many2one("atta.fund", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="fund_id.company_id")
    currency_id = fields.Many2one(related="fund_id.currency_id")
    hijri_year = fields.Integer(required=True, default=lambda self: _today_hijri(self).year)
    hijri_month = fields.Selection(HIJRI_MONTHS, required=True, default=lambda self: str(_today_hijri(self).month))
    # Related fields read as superuser: a finance approver sees which journal and analytic account the figures come
    # from without accounting rights; only their names.
    journal_name = fields.Char(related="fund_id.journal_id.name", string="Bank Journal")
    analytic_name = fields.Char(related="fund_id.analytic_account_id.name", string="Analytic Account")
    date_from = fields.Date(compute="_compute_period", string="From")
    date_to = fields.Date(compute="_compute_period", string="To", help="The last day of the Hijri month.")
    period_code = fields.Char(compute="_compute_period", help="Hijri year and month, e.g. 1447-09 for Ramadan 1447.")
    period_hijri = fields.Char(compute="_compute_period", string="Period")
    opening = fields.Monetary(compute="_compute_figures", string="Opening Balance")
    received = fields.Monetary(compute="_compute_figures", help="Donations received into the fund's bank journal.")
    committed = fields.Monetary(
        compute="_compute_figures",
        help="Cash of approved rounds dated up to the end of the month whose payment batches are not yet signed twice.",
    )
    reserved_in_kind = fields.Monetary(
        compute="_compute_figures",
        string="Reserved in Kind",
        help="Kits of approved rounds reserved in the warehouse, not yet handed over, at their stock cost.",
    )
    paid = fields.Monetary(compute="_compute_figures", string="Paid in Cash")
    in_kind = fields.Monetary(compute="_compute_figures", string="Delivered in Kind at Cost")
    one_off = fields.Monetary(compute="_compute_figures", string="One-off Support Handed Over")
    closing = fields.Monetary(compute="_compute_figures", string="Closing Balance")
    families = fields.Integer(compute="_compute_figures", string="Families Reached")

    @api.depends("hijri_year", "hijri_month")
    @api.depends_context("lang")
    def _compute_period(self):
        for statement in self:
            start, end = statement._period()
            statement.date_from = start
            statement.date_to = end and end - timedelta(days=1)
            statement.period_code = start and f"{statement.hijri_year}-{int(statement.hijri_month):02d}"
            months = dict(statement._fields["hijri_month"]._description_selection(self.env))
            statement.period_hijri = start and self.env._(
                "%(month)s %(year)s AH", month=months[statement.hijri_month], year=statement.hijri_year
            )

    @api.depends("fund_id", "hijri_year", "hijri_month")
    def _compute_figures(self):
        for statement in self:
            if statement.fund_id and not self.env.su:
                statement.fund_id.check_access("read")
            start, end = statement._period()
            figures = statement.fund_id._statement_figures(start, end) if start and statement.fund_id else {}
            for name in FIGURES:
                statement[name] = figures.get(name, 0.0)
            statement.families = figures.get("families", 0)

    @api.constrains("hijri_year", "hijri_month")
    def _check_period(self):
        for statement in self:
            if not statement._period()[0]:
                raise ValidationError(
                    self.env._(
                        "Choose a Hijri year between %(first)s and %(last)s: the Umm al-Qura calendar is known "
                        "only for those years.",
                        first=HIJRI_FIRST[0],
                        last=HIJRI_LAST[0],
                    )
                )

    def _period(self):
        """(first day, first day of the following month) in Gregorian dates, or (False, False) out of the table."""
        self.ensure_one()
        if not self.hijri_month:
            return False, False
        year, month = self.hijri_year, int(self.hijri_month)
        try:
            start = hijri_to_gregorian(1, month, year)
            end = hijri_to_gregorian(1, month % 12 + 1, year + (month == 12))
        except HijriDateError:
            return False, False
        return start, end

    def action_print(self):
        """The statement as a PDF paper, for a manager or finance approver who may read the fund."""
        self.ensure_one()
        check_roles(self, (MANAGER, FINANCE), self.env._("print a fund's statement"))
        self.fund_id.check_access("read")
        return self.env.ref("atta_distribution.action_report_fund_statement").report_action(self)
