from odoo.tests import tagged

from odoo.addons.atta_research.tests.common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestApplicationsAreAudited(AttaResearchCase):
    """Website applications hold a household's personal data: every read is logged."""

    def _calls(self, call):
        Log = self.env["atta.audit.log"]
        last = Log.search([], limit=1).id or 0
        call()
        return Log.search([("id", ">", last)])

    def assertOneEntry(self, call, user, records):
        entries = self._calls(call)
        self.assertEqual(len(entries), 1, "exactly one entry for the call")
        self.assertEqual((entries.action, entries.user_id, entries.res_model), ("view", user, records._name))
        self.assertEqual(sorted(map(int, entries.res_ids.split(","))), sorted(records.ids))

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
