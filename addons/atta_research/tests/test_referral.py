from datetime import datetime, time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestReferral(AttaResearchCase):
    """Referring a request names its researcher and plans the visit in the same dialog."""

    def _in_verification(self):
        request = self._request()
        request.with_user(self.officer).action_submit()
        request.with_user(self.officer).action_start_verification()
        return request

    def _refer(self, user, request, **values):
        action = request.with_user(user).action_open_referral()
        Wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        wizard = Wizard.create(
            dict(
                {"researcher_id": self.researcher.id, "visit_date": "2026-12-20 07:00:00", "visit_type": "home"},
                **values,
            )
        )
        return wizard.action_confirm()

    def test_the_visit_planned_for_the_researcher_takes_none_of_the_officers_defaults(self):
        request = self._in_verification()
        action = request.with_user(self.officer).action_open_referral()
        context = dict(
            action["context"],
            default_recommendation="approve",
            default_recommended_amount=50000,
            default_findings="<p>Written by the officer</p>",
        )
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**context)
            .create({"researcher_id": self.researcher.id, "visit_date": "2026-12-20 07:00:00", "visit_type": "home"})
        )
        self.assertEqual(wizard.request_id, request, "the wizard opened from the request knows its request")
        wizard.action_confirm()
        visit = self.env["atta.research.visit"].search([("request_id", "=", request.id)])
        self.assertRecordValues(
            visit, [{"researcher_id": self.researcher.id, "recommendation": False, "recommended_amount": 0.0}]
        )
        self.assertFalse(visit.findings)

    def test_the_officer_names_the_researcher_and_plans_the_visit_at_once(self):
        request = self._in_verification()
        self._refer(self.officer, request)
        self.assertRecordValues(request, [{"state": "research", "researcher_id": self.researcher.id}])
        visit = self.env["atta.research.visit"].search([("request_id", "=", request.id)])
        self.assertRecordValues(
            visit,
            [
                {
                    "researcher_id": self.researcher.id,
                    "state": "planned",
                    "visit_type": "home",
                    "visit_date": datetime(2026, 12, 20, 7, 0),
                }
            ],
        )
        # The researcher opens it from their list, labelled with the request, and records the home at once.
        as_researcher = visit.with_user(self.researcher)
        self.assertEqual(as_researcher.web_read({"display_name": {}})[0]["display_name"], request.display_name)
        as_researcher.web_save({"housing_type": "apartment", "housing_condition": "poor"}, specification={})
        self.assertRecordValues(visit, [{"housing_type": "apartment", "housing_condition": "poor"}])

    def test_a_researcher_cannot_refer_and_nothing_changes(self):
        request = self._in_verification()
        with self.assertRaises(AccessError):
            self._refer(self.researcher, request)
        self.assertRecordValues(request, [{"state": "verification", "researcher_id": False}])
        self.assertFalse(self.env["atta.research.visit"].search([("request_id", "=", request.id)]))

    def test_the_dialog_proposes_tomorrow_morning(self):
        request = self._in_verification()
        action = request.with_user(self.officer).action_open_referral()
        self.assertEqual(action["target"], "new")
        wizard = self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"]).new({})
        self.assertEqual(wizard.request_id, request)
        self.assertGreater(wizard.visit_date, request.create_date)


@tagged("post_install", "-at_install")
class TestFirstDayResearcherTour(HttpCase, AttaResearchCase):
    def test_a_researcher_starts_on_todays_visit_and_completes_it(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research"], ["ar_001"], overwrite=True
        )
        self.researcher.lang = "ar_001"
        request = self._request()
        request.with_user(self.officer).action_submit()
        request.with_user(self.officer).action_start_verification()
        action = request.with_user(self.officer).action_open_referral()
        noon = fields.Datetime.to_string(datetime.combine(fields.Date.today(), time(12)))
        self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"]).create(
            {"researcher_id": self.researcher.id, "visit_date": noon}
        ).action_confirm()
        self.start_tour("/odoo", "atta_first_day_researcher_tour", login=self.researcher.login)
        visit = self.env["atta.research.visit"].search([("request_id", "=", request.id)])
        self.assertRecordValues(visit, [{"state": "done", "housing_condition": "poor", "recommendation": "approve"}])
        self.assertEqual(request.recommendation, "approve")
