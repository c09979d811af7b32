from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestRequestsDoNotDoubleUp(AttaResearchCase):
    """One open request per household and support type; a refusal is not re-asked the next day."""

    def test_a_second_open_request_of_the_same_type_is_refused_with_the_open_ones_number(self):
        first = self._request(beneficiary=self.beneficiary)
        first.with_user(self.officer).action_submit()
        Request = self.env["atta.support.request"].with_user(self.officer)
        with self.assertRaisesText(ValidationError, first.name):
            Request.create({"beneficiary_id": self.beneficiary.id, "support_type_id": self.cash.id})
        other_type = Request.create({"beneficiary_id": self.beneficiary.id, "support_type_id": self.food.id})
        with self.assertRaisesText(ValidationError, first.name):
            other_type.write({"support_type_id": self.cash.id})
        self.assertEqual(other_type.support_type_id, self.food)
        self.env["atta.request.action.wizard"].with_user(self.officer).create(
            {"request_id": first.id, "action": "cancel", "note": "Withdrawn"}
        ).action_confirm()
        again = Request.create({"beneficiary_id": self.beneficiary.id, "support_type_id": self.cash.id})
        self.assertEqual(again.state, "draft", "once the first is closed, a new one is possible")

    def test_a_request_within_the_waiting_period_after_a_refusal_needs_a_managers_override(self):
        self.cash.with_user(self.manager).reapply_waiting_days = 90
        with freeze_time("2026-12-06 09:00:00"):
            refused = self._to_committee(self._request(beneficiary=self.beneficiary))
            self._refuse(refused, "Income above the sufficiency line.")
        self.assertEqual(refused.state, "rejected")
        with freeze_time("2026-12-20 09:00:00"):
            again = self._request(beneficiary=self.beneficiary)
            with self.assertRaisesText(UserError, refused.name) as caught:
                again.with_user(self.officer).action_submit()
            self.assertIn("2027-03-06", str(caught.exception), "the date a new request is possible")
            self.assertEqual(again.state, "draft")
            wizard = self.env["atta.request.action.wizard"]
            with self.assertRaises(AccessError):
                wizard.with_user(self.officer).create(
                    {"request_id": again.id, "action": "waiting_override", "note": "Urgent"}
                ).action_confirm()
            with self.assertRaises(UserError):
                again.with_user(self.officer).write({"waiting_override_reason": "I decide"})
            wizard.with_user(self.manager).create(
                {
                    "request_id": again.id,
                    "action": "waiting_override",
                    "note": "The husband died last week: the situation is new.",
                }
            ).action_confirm()
            again.with_user(self.officer).action_submit()
        self.assertEqual(again.state, "submitted")
        self.assertIn("husband died", again.waiting_override_reason)
        with freeze_time("2027-03-07 09:00:00"):
            later = self._request(beneficiary=self._household())
            later.with_user(self.officer).action_submit()
            self.assertEqual(later.state, "submitted", "another household is not held by this refusal")

    def test_a_researcher_is_not_told_whose_file_shares_a_mobile(self):
        stranger = self._household("Stranger Household")
        stranger.with_user(self.officer).phone = self.beneficiary.phone
        self._to_research(self._request(beneficiary=self.beneficiary))
        as_researcher = self.beneficiary.with_user(self.researcher)
        warning = as_researcher.duplicate_warning
        self.assertIn("you do not have access to", warning)
        self.assertNotIn(stranger.reference, warning)
        self.assertNotIn("Stranger Household", warning)
        self.assertIn(stranger.reference, self.beneficiary.with_user(self.officer).duplicate_warning)
