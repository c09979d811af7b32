from hijridate import Hijri

from odoo import fields, models, tools
from odoo.tools import SQL

# The Hijri months the report can name, as Gregorian date ranges (Umm al-Qura): 1440 AH (2018) to 1480 AH.
HIJRI_YEARS = range(1440, 1481)


def hijri_month_ranges():
    months = []
    for year in HIJRI_YEARS:
        for month in range(1, 13):
            start = Hijri(year, month, 1).to_gregorian()
            following = Hijri(year + (month == 12), month % 12 + 1, 1).to_gregorian()
            months.append((start.isoformat(), following.isoformat(), f"{year}-{month:02d}"))
    return months


class AttaDistributionReport(models.Model):
    """Per fund and programme, by month: committed, paid, received, in kind at stock cost, families reached.

    Money paid and received is read from the posted items of each fund's bank journal, so the figures
    reconcile with the accounting reports; one-off deliveries of the support requests appear beside the rounds.
    """

    _name = "atta.distribution.report"
    _description = "Distribution Report"
    _rec_name = "beneficiary_id"
    _auto = False
    _order = "date desc"
    # Pending writes of these fields are flushed before the view is read.
    _depends = {
        "atta.distribution.line": [
            "date",
            "fund_id",
            "programme_id",
            "beneficiary_id",
            "company_id",
            "state",
            "amount",
            "in_kind_value",
            "round_id",
            "payment_id",
        ],
        "atta.distribution.round": ["state"],
        "atta.support.delivery": ["date", "fund_id", "beneficiary_id", "company_id", "amount", "state"],
        "atta.fund": ["journal_id", "company_id", "liquidity_account_ids"],
        "account.payment": ["move_id"],
        "account.move.line": ["date", "balance", "journal_id", "account_id", "move_id", "parent_state"],
    }

    date = fields.Date(readonly=True)
    month = fields.Date(string="Gregorian Month", readonly=True)
    hijri_month = fields.Char(readonly=True, help="Umm al-Qura year and month, e.g. 1447-09 for Ramadan 1447.")
    source = fields.Selection(
        [("round", "Programme round"), ("one_off", "One-off delivery"), ("journal", "Fund's bank journal")],
        readonly=True,
    )
    fund_id = fields.Many2one("atta.fund", readonly=True)
    programme_id = fields.Many2one("atta.programme", readonly=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", readonly=True)
    reached_beneficiary_id = fields.Many2one(
        "atta.beneficiary", string="Families Reached", readonly=True, aggregator="count_distinct"
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    committed = fields.Monetary(readonly=True, help="Cash entitlements of approved rounds.")
    paid = fields.Monetary(readonly=True, help="Posted payments out of the fund's bank journal.")
    received = fields.Monetary(readonly=True, help="Posted receipts into the fund's bank journal (donations).")
    in_kind_value = fields.Monetary(
        string="Delivered in Kind", readonly=True, help="Products handed over, at their stock cost on the day."
    )
    one_off_amount = fields.Monetary(
        string="One-off Deliveries", readonly=True, help="Amounts handed over on one-off support requests."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        months = SQL(", ").join(SQL("(%s::date, %s::date, %s)", *row) for row in hijri_month_ranges())
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
            WITH hijri(date_from, date_to, hijri_month) AS (VALUES %(months)s),
            rows AS (
                SELECT 'round' AS source, l.date, l.fund_id, l.programme_id, l.beneficiary_id,
                       CASE WHEN l.state = 'done' THEN l.beneficiary_id END AS reached_beneficiary_id,
                       l.company_id, COALESCE(l.amount, 0) AS committed, 0 AS paid, 0 AS received,
                       COALESCE(l.in_kind_value, 0) AS in_kind_value, 0 AS one_off_amount
                  FROM atta_distribution_line l
                  JOIN atta_distribution_round r ON r.id = l.round_id
                 WHERE r.state IN ('approved', 'done') AND l.state IN ('pending', 'done')
                UNION ALL
                SELECT 'one_off', d.date, d.fund_id, NULL, d.beneficiary_id, d.beneficiary_id, d.company_id,
                       0, 0, 0, 0, COALESCE(d.amount, 0)
                  FROM atta_support_delivery d
                 WHERE d.state = 'done'
                UNION ALL
                SELECT 'journal', aml.date, f.id, l.programme_id, l.beneficiary_id, NULL, f.company_id,
                       0, GREATEST(-aml.balance, 0), GREATEST(aml.balance, 0), 0, 0
                  FROM account_move_line aml
                  JOIN atta_fund f ON f.journal_id = aml.journal_id
                  JOIN atta_fund_liquidity_account_rel rel ON rel.fund_id = f.id AND rel.account_id = aml.account_id
             LEFT JOIN account_payment p ON p.move_id = aml.move_id
             LEFT JOIN atta_distribution_line l ON l.payment_id = p.id
                 WHERE aml.parent_state = 'posted'
            )
            SELECT row_number() OVER (ORDER BY rows.date, rows.source) AS id, rows.*,
                   date_trunc('month', rows.date)::date AS month, hijri.hijri_month
              FROM rows
         LEFT JOIN hijri ON rows.date >= hijri.date_from AND rows.date < hijri.date_to
            )""",
                table=SQL.identifier(self._table),
                months=months,
            )
        )
