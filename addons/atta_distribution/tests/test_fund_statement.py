"""The monthly statement of a fund, as the auditor signs it off: its figures are the journal's."""

from datetime import timedelta

from freezegun import freeze_time
from hijridate import Gregorian

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.atta_beneficiary.tools.hijri import hijri_to_gregorian
from odoo.addons.atta_research.tests import test_paper_layout as layout

from .common import AttaDistributionCase
from .test_in_kind import SIGNATURE

STATEMENT = "atta_distribution.action_report_fund_statement"
FIGURES = ["opening", "received", "paid", "closing", "committed", "reserved_in_kind", "in_kind", "families"]


def following_month(year, month):
    return year + (month == 12), month % 12 + 1


def first_day(year, month):
    return hijri_to_gregorian(1, month, year)


@tagged("post_install", "-at_install")
class TestFundStatement(HttpCase, AttaDistributionCase):
    chart_template = "sa"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        # The paper's words in Arabic, as a database installed in Arabic has them.
        cls.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research", "atta_distribution"], ["ar_001"], overwrite=True
        )
        journal = cls.env["account.journal"].create({"name": "Sadaqa Bank", "type": "bank", "code": "SDQ"})
        cls.analytic = cls.env["account.analytic.account"].create(
            {"name": "Sadaqa", "plan_id": cls.general_analytic.plan_id.id}
        )
        cls.fund = (
            cls.env["atta.fund"]
            .with_user(cls.manager)
            .create(
                {"name": "Sadaqa", "kind": "general", "journal_id": journal.id, "analytic_account_id": cls.analytic.id}
            )
            .with_user(cls.env.user)
        )
        cls.families = cls._families(3, categories=cls.students)
        cls.allowance = cls._allowance(fund=cls.fund, amount=1000, name="Family allowance")
        cls._enrol_in_bulk(cls.allowance, cls.families, fields.Date.today())
        (cls.rice | cls.oil).write({"categ_id": cls.env.ref("atta_distribution.product_category_aid_kit").id})
        cls.basket = cls._basket(fund_id=cls.fund.id)
        cls._enrol_in_bulk(cls.basket, cls.families[:2], fields.Date.today())
        cls._stock(cls.rice, 10)
        cls._stock(cls.oil, 10)
        # Two Hijri months after today's: every step is dated after the records of the set-up.
        today = Gregorian.fromdate(fields.Date.today()).to_hijri()
        cls.month_1 = following_month(today.year, today.month)
        cls.month_2 = following_month(*cls.month_1)

    def _donate_as(self, user, amount):
        self.env["atta.fund.donation"].with_user(user).create(
            {"fund_id": self.fund.id, "donor_id": self.donor.id, "amount": amount}
        ).action_confirm()

    def _statement(self, month, user=None):
        """The statement wizard as the finance approver opens it: created, then read as the form reads it."""
        year, number = month
        statement = (
            self.env["atta.fund.statement"]
            .with_user(user or self.finance_a)
            .create({"fund_id": self.fund.id, "hijri_year": year, "hijri_month": str(number)})
        )
        (values,) = statement.web_read({name: {} for name in FIGURES + ["date_from", "date_to", "period_hijri"]})
        return statement, values

    def _books(self, month):
        """The same figures read from the books: the fund's bank journal, its aid accounts under its analytic
        account, and the analytic report."""
        date_from, date_to = first_day(*month), first_day(*following_month(*month))
        period = [("date", ">=", date_from), ("date", "<", date_to)]
        Item = self.env["account.move.line"]
        liquidity = [
            ("journal_id", "=", self.fund.journal_id.id),
            ("parent_state", "=", "posted"),
            ("account_id", "in", self.fund.liquidity_account_ids.ids),
        ]
        in_month = Item.search(liquidity + period)
        tagged_items = [("parent_state", "=", "posted"), ("analytic_distribution", "in", self.analytic.ids), *period]
        column = self.analytic.plan_id._column_name()
        Analytic = self.env["account.analytic.line"]

        def analytic(account):
            lines = Analytic.search([(column, "=", self.analytic.id), ("general_account_id", "=", account.id), *period])
            return -sum(lines.mapped("amount"))

        return {
            "opening": sum(Item.search([*liquidity, ("date", "<", date_from)]).mapped("balance")),
            "received": sum(b for b in in_month.mapped("balance") if b > 0),
            "paid": -sum(b for b in in_month.mapped("balance") if b < 0),
            "closing": sum(Item.search([*liquidity, ("date", "<", date_to)]).mapped("balance")),
            "aid_booked": sum(
                Item.search([("account_id", "=", self.fund.aid_account_id.id), *tagged_items]).mapped("balance")
            ),
            "aid_analytic": analytic(self.fund.aid_account_id),
            "in_kind_booked": sum(
                Item.search([("account_id", "=", self.fund.in_kind_account_id.id), *tagged_items]).mapped("balance")
            ),
            "in_kind_analytic": analytic(self.fund.in_kind_account_id),
            "donations_analytic": -analytic(self.company.atta_donation_account_id),
        }

    def test_the_statement_equals_the_journal_and_the_analytic_report_across_a_month_boundary(self):
        with freeze_time(first_day(*self.month_1) + timedelta(days=2)):
            self._donate_as(self.finance_a, 20_000)
            batch = self._approve(self._round(self.allowance)).batch_id
            batch.with_user(self.finance_a).action_approve()
            batch.with_user(self.finance_b).action_approve()
            self.assertEqual(batch.state, "posted")
            baskets = self._approve(self._round(self.basket))
        with freeze_time(first_day(*self.month_2) + timedelta(days=3)):
            self._donate_as(self.manager, 5_000)
            handed, reserved = baskets.line_ids
            handed.with_user(self.officer).write({"signature": SIGNATURE})
            handed.with_user(self.officer).action_hand_over()
            # The next allowance, approved but not yet signed: committed, not paid.
            self._approve(self._round(self.allowance))

        _first, month_1 = self._statement(self.month_1)
        statement, month_2 = self._statement(self.month_2)
        books_1, books_2 = self._books(self.month_1), self._books(self.month_2)
        kit_cost = 60 + 15 * reserved.household_size
        self.assertEqual(
            {name: month_1[name] for name in FIGURES},
            {
                "opening": 0,
                "received": 20_000,
                "paid": 3_000,
                "closing": 17_000,
                "committed": 0,
                "reserved_in_kind": kit_cost,
                "in_kind": 0,
                "families": 3,
            },
        )
        self.assertEqual(
            {name: month_2[name] for name in FIGURES},
            {
                "opening": 17_000,
                "received": 5_000,
                "paid": 0,
                "closing": 22_000,
                "committed": 3_000,
                "reserved_in_kind": kit_cost,
                "in_kind": handed.in_kind_value,
                "families": 1,
            },
        )
        self.assertEqual(month_2["opening"], month_1["closing"])
        for figures, books in ((month_1, books_1), (month_2, books_2)):
            for name in ("opening", "received", "paid", "closing"):
                self.assertEqual(figures[name], books[name], name)
            # Cash paid to families is the aid booked under the fund, in the journal and in the analytic report.
            self.assertEqual((books["aid_booked"], books["aid_analytic"]), (figures["paid"], figures["paid"]))
            self.assertEqual((books["in_kind_booked"], books["in_kind_analytic"]), (figures["in_kind"],) * 2)
            self.assertEqual(books["donations_analytic"], figures["received"])
        self.fund.invalidate_recordset()
        self.assertEqual(month_2["closing"], self.fund.balance)

        # The paper, in Arabic, says the same figures in both calendars.
        html, _kind = (
            self.env["ir.actions.report"].with_user(self.finance_a)._render_qweb_html(STATEMENT, statement.ids)
        )
        text = html.decode().replace("\xa0", " ")
        self.assertIn("كشف حساب الصندوق", text)
        for amount in ("17,000.00", "5,000.00", "22,000.00", "3,000.00"):
            self.assertIn(amount, text)
        self.assertIn(f"{self.month_2[0]}-{self.month_2[1]:02d}", text)
        self.assertIn(statement.date_to.strftime("%d/%m/%Y"), text)
        self.assertIn("هـ", text)

    def test_only_managers_and_finance_approvers_open_the_statement(self):
        with self.assertRaises(AccessError):
            self._statement(self.month_1, user=self.officer)
        statement, _values = self._statement(self.month_1, user=self.manager)
        action = statement.action_print()
        self.assertEqual(action["report_name"], "atta_distribution.report_fund_statement")
        with self.assertRaises(AccessError):
            statement.with_user(self.officer).action_print()

    def test_the_printed_statement_keeps_its_words_inside_the_paper_and_its_hijri_dates_legible(self):
        if not layout.shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed: the glyph positions cannot be read")
        # A company on the Saudi chart, whose paper format (wider header, no side margin) is the company's default.
        self.assertEqual(
            (self.company.chart_template, self.company.paperformat_id),
            ("sa", self.env.ref("l10n_sa.paperformat_l10n_sa_a4")),
        )
        with freeze_time(first_day(*self.month_1) + timedelta(days=2)):
            self._donate_as(self.finance_a, 20_000)
        statement, _values = self._statement(self.month_1)
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.finance_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(STATEMENT, statement.ids)
        )
        self.pdftotext = layout.shutil.which("pdftotext")
        pages = layout.TestPaperLayout._pages(self, pdf)
        self.assertEqual(len(pages), 1, "the statement is printed on one sheet")
        layout.TestPaperLayout.assertInsideTheBox(self, pages, STATEMENT)
        layout.TestPaperLayout.assertHijriMarkClear(self, pages, STATEMENT)
