from odoo.tests import tagged

from odoo.addons.atta_research.tests import test_paper_layout as layout


@tagged("post_install", "-at_install")
class TestPaperLayoutOnTheSaudiPaperFormat(layout.TestPaperLayout):
    """The desk's papers of a company on the Saudi chart of accounts, which makes its paper format (a deeper header
    for the e-invoice's QR code) the company's: every word still inside the paper's box. The statement of a fund is
    printed on a company with the whole Saudi chart in test_fund_statement."""

    allow_inherited_tests_method = True  # the papers' own layout tests, run again on this paper format

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # What the Saudi chart sets on the company that papers read (l10n_sa's template_sa.py).
        cls.env.company.paperformat_id = cls.env.ref("l10n_sa.paperformat_l10n_sa_a4")

    def test_every_paper_of_the_association_prints_on_its_own_paper_format(self):
        papers = self.env["ir.actions.report"].search([("report_name", "=like", "atta\\_%")])
        self.assertGreaterEqual(len(papers), 10)
        self.assertEqual(papers.paperformat_id, self.env.ref("atta_beneficiary.paperformat_a4"))
        self.assertEqual(papers[0].get_paperformat(), self.env.ref("atta_beneficiary.paperformat_a4"))
