from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestApplicationsAndResearchAreAudited(AttaResearchCase):
    """Research reports hold a household's personal data: every read is logged."""

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
