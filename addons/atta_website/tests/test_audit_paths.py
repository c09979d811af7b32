from odoo.tests import tagged

from odoo.addons.atta_research.tests.common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestApplicationsAreAudited(AttaResearchCase):
    """Website applications hold a household's personal data: every read is logged."""

    def test_an_officer_listing_website_applications_leaves_one_entry(self):
        application = self.env["atta.online.application"].create(
            {
                "identity_number": "1000000016",
                "name": "Huda Nasser Alharbi",
                "phone": "0559876543",
                "support_type_id": self.cash.id,
                "monthly_income": 1200,
            }
        )
        Application = self.env["atta.online.application"].with_user(self.officer)
        domain = [("id", "=", application.id)]
        self.assertOneEntry(
            lambda: Application.search_read(domain, ["name", "identity_number", "monthly_income"]),
            self.officer,
            application,
        )
        self.assertOneEntry(
            lambda: Application.web_search_read(domain, {"name": {}, "phone": {}}), self.officer, application
        )
        self.assertOneEntry(
            lambda: Application.formatted_read_group(domain, ["identity_number"], ["__count"]),
            self.officer,
            application,
        )
