from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AttaDistributionCase


@tagged("post_install", "-at_install")
class TestEnrolment(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowance = cls._allowance()
        cls.beneficiary.with_user(cls.officer).write({"category_ids": [(6, 0, cls.widows.ids)]})

    def _status(self, beneficiary, state, user=None):
        self.env["atta.beneficiary.status.wizard"].with_user(user or self.officer).create(
            {"beneficiary_id": beneficiary.id, "new_state": state, "reason": "Moved away for a year"}
        ).action_confirm()

    def test_the_committee_enrols_the_family_and_the_officer_carries_it_out(self):
        request = self._request(amount_requested=0)
        decision = self._decide_enrolment(request, self.allowance, months=6)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_amount, 0)
        self.assertEqual(request.decided_programme_id, self.allowance)
        self._register()
        request.with_user(self.officer).action_enrol()
        enrolment = request.enrolment_ids
        today = fields.Date.today()
        self.assertRecordValues(
            enrolment,
            [
                {
                    "programme_id": self.allowance.id,
                    "beneficiary_id": self.beneficiary.id,
                    "decision_id": decision.id,
                    "state": "active",
                    "date_start": today,
                    "date_end": today + relativedelta(months=6, days=-1),
                }
            ],
        )
        with self.assertRaisesText(UserError, "already enrolled"):
            request.with_user(self.officer).action_enrol()
        self.assertEqual(len(self.env["atta.enrolment"].search([("beneficiary_id", "=", self.beneficiary.id)])), 1)

    def test_recurring_support_is_not_requested_again_while_the_enrolment_runs(self):
        request = self._request(amount_requested=0)
        self._decide_enrolment(request, self.allowance, months=6)
        self._register()
        request.with_user(self.officer).action_enrol()
        request.sudo().write({"state": "closed"})  # setup: the decision's request is closed; the enrolment runs
        with self.assertRaisesText(ValidationError, self.allowance.name):
            self.env["atta.support.request"].with_user(self.officer).create(
                {"beneficiary_id": self.beneficiary.id, "support_type_id": request.support_type_id.id}
            )
        request.enrolment_ids.sudo().write({"state": "ended"})
        again = (
            self.env["atta.support.request"]
            .with_user(self.officer)
            .create({"beneficiary_id": self.beneficiary.id, "support_type_id": request.support_type_id.id})
        )
        self.assertEqual(again.state, "draft", "once the enrolment ended, the household may ask again")

    def test_a_decision_enrols_or_grants_an_amount_not_both(self):
        request = self._to_committee(self._request())
        session = self._session()
        decision = session.decision_ids.filtered(lambda d: d.request_id == request)
        with self.assertRaisesText(UserError, "not both"):
            decision.with_user(self.chair).write({"proposed_amount": 2500, "programme_id": self.allowance.id})
        self.assertFalse(decision.programme_id)

    def test_choosing_a_programme_on_screen_clears_the_amount(self):
        request = self._to_committee(self._request())
        decision = self._session().decision_ids.filtered(lambda d: d.request_id == request)
        self.assertTrue(decision.proposed_amount)
        # What the web client asks when the chair picks the programme in the decision line.
        result = decision.with_user(self.chair).onchange(
            {"programme_id": self.allowance.id}, ["programme_id"], {"programme_id": {}, "proposed_amount": {}}
        )
        self.assertEqual(result["value"]["proposed_amount"], 0.0)
        decision.with_user(self.chair).write({"programme_id": self.allowance.id, **result["value"]})
        self.assertRecordValues(decision, [{"programme_id": self.allowance.id, "proposed_amount": 0.0}])

    def test_only_a_decision_with_a_programme_enrols(self):
        Enrolment = self.env["atta.enrolment"].with_user(self.officer)
        with self.assertRaisesText(UserError, "Enrol in Programme"):
            Enrolment.create(
                {
                    "programme_id": self.allowance.id,
                    "beneficiary_id": self.beneficiary.id,
                    "date_start": fields.Date.today(),
                }
            )
        request = self._to_committee(self._request())
        self._decide(request)  # a one-off amount
        self._register()
        with self.assertRaisesText(UserError, "not approved by the committee with a programme"):
            request.with_user(self.officer).action_enrol()
        with self.assertRaises(AccessError):
            request.with_user(self.researcher).action_enrol()
        self.assertFalse(self.env["atta.enrolment"].search([("beneficiary_id", "=", self.beneficiary.id)]))

    def test_zakat_never_enrols_a_family_outside_the_zakat_categories(self):
        self.beneficiary.with_user(self.officer).write({"category_ids": [(6, 0, self.students.ids)]})
        request = self._request(amount_requested=0)
        self._decide_enrolment(request, self.allowance)
        self._register()
        with self.assertRaisesText(UserError, "no Zakat-eligible category"):
            request.with_user(self.officer).action_enrol()
        self.assertFalse(request.enrolment_ids)

    def test_the_enrolment_follows_the_file_suspended_renewed_archived(self):
        request = self._request(amount_requested=0)
        self._decide_enrolment(request, self.allowance)
        self._register()
        request.with_user(self.officer).action_enrol()
        enrolment = request.enrolment_ids
        self._status(self.beneficiary, "suspended")
        self.assertRecordValues(enrolment, [{"state": "suspended", "suspended_with_file": True}])
        with self.assertRaisesText(UserError, "not registered"):
            enrolment.with_user(self.officer).action_resume()
        self.beneficiary.with_user(self.officer).action_renew()
        self.assertRecordValues(enrolment, [{"state": "active", "suspended_with_file": False}])
        # Suspended by the officer on its own: the file's renewal does not resume it.
        enrolment.with_user(self.officer).action_suspend()
        self.beneficiary.with_user(self.officer).action_renew()
        self.assertEqual(enrolment.state, "suspended")
        enrolment.with_user(self.officer).action_resume()
        self._status(self.beneficiary, "archived", user=self.manager)
        self.assertRecordValues(enrolment, [{"state": "ended", "ended_on": fields.Date.today()}])
