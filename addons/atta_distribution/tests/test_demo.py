import re

from lxml import html as lxml_html

from odoo.tests import TransactionCase, tagged

LETTER = "atta_research.action_report_decision_letter"


@tagged("post_install", "-at_install")
class TestDemoDatabase(TransactionCase):
    """A demo database (ATTA_DEMO=1, or the test runner's demo step) is a Saudi association's from the start."""

    def setUp(self):
        super().setUp()
        if not self.env["ir.module.module"]._get("atta_distribution").demo:
            self.skipTest("runs on the demo database: python3 tests/run.py --demo --test-tags /atta_distribution")

    def test_a_demo_database_books_in_riyals_on_the_saudi_chart(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(
            (company.country_id.code, company.currency_id.name, company.chart_template), ("SA", "SAR", "sa")
        )
        self.assertEqual(self.env["ir.module.module"]._get("l10n_sa").state, "installed")
        # Every journal item of the demo is in riyals: nothing was booked before the currency was set.
        foreign = self.env["account.move.line"].search_count([("company_currency_id", "!=", company.currency_id.id)])
        self.assertFalse(foreign)
        # The aid accounts were made again on the Saudi chart: kits handed over are booked on the in-kind one.
        self.assertEqual(company.atta_cash_aid_account_id.account_type, "expense")
        self.assertEqual(company.atta_aid_location_id.valuation_account_id, company.atta_in_kind_aid_account_id)

    def test_the_demo_decision_letter_states_the_amount_in_riyals(self):
        request = self.env.ref("atta_research.demo_request_approved")
        self.assertEqual((request.approved_amount, request.currency_id.name), (3500, "SAR"))
        admin = self.env.ref("base.user_admin")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(admin)
            .with_context(lang="ar_001")
            ._render_qweb_html(LETTER, request.ids)
        )
        # The words of the letter as printed, without its markup (the amount and its symbol sit in separate tags).
        text = " ".join(lxml_html.fromstring(html).text_content().replace("\xa0", " ").split())
        riyal = re.escape(request.currency_id.symbol)
        self.assertRegex(text, rf"المبلغ المعتمد:\s*(3[,٬]?500[.٫]00\s*{riyal}|{riyal}\s*3[,٬]?500[.٫]00)")
        self.assertNotRegex(text, r"\$\s*3[,٬]?500|500[.٫]00\s*\$")
