from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestApplicationsAndResearchAreAudited(AttaResearchCase):
    """Research reports hold a household's personal data: every read is logged."""

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

    def test_the_researcher_reading_a_research_report_leaves_one_entry(self):
        visit = self._research(self._to_research(self._request()))
        as_researcher = visit.with_user(self.researcher)
        self.assertOneEntry(
            lambda: as_researcher.read(["recommendation", "recommended_amount"]), self.researcher, visit
        )
        self.assertOneEntry(
            lambda: (
                self.env["atta.research.visit"]
                .with_user(self.researcher)
                .search_read([("id", "=", visit.id)], ["recommendation"])
            ),
            self.researcher,
            visit,
        )
