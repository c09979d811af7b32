from datetime import datetime

from odoo.tests import HttpCase, tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestVisitHijriTour(HttpCase, AttaResearchCase):
    def test_a_researcher_moves_a_visit_to_a_hijri_day(self):
        self.researcher.tz = "Asia/Riyadh"
        request = self._to_research(self._request())
        # 10:30 in Riyadh on 7 November 2026 (27 Jumada al-Awwal 1448).
        visit = (
            self.env["atta.research.visit"]
            .with_user(self.researcher)
            .create({"request_id": request.id, "visit_date": datetime(2026, 11, 7, 7, 30)})
        )
        self.start_tour(
            f"/odoo/action-atta_research.research_visit_action/{visit.id}",
            "atta_research_visit_hijri_tour",
            login="r_researcher",
        )
        self.assertEqual(visit.visit_date, datetime(2023, 10, 9, 7, 30), "the day changed, the hour stayed")
