from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestRequestLifecycle(AttaResearchCase):
    def test_full_lifecycle_from_draft_to_closed_with_a_pause_and_an_appeal(self):
        """Each step by the person whose job it is; no superuser step after the setup."""
        officer, researcher, chair = self.officer, self.researcher, self.chair
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            self.assertRegex(request.name, r"^REQ-1448-\d{5}$")
            request.with_user(officer).action_submit()
            self.assertEqual(request.state, "submitted")
            self.assertTrue(request.declaration_id, "the signed declaration is linked on submission")
            self.assertEqual(request.committee_id, self.committee)
            request.with_user(officer).action_start_verification()
            request.with_user(officer).researcher_id = researcher
            self.env["atta.request.action.wizard"].with_user(officer).create(
                {"request_id": request.id, "action": "needs_info", "note": "Bring the original IBAN certificate."}
            ).action_confirm()
            self.assertEqual(request.state, "needs_info")
        with freeze_time("2026-12-09 09:00:00"):
            request.with_user(officer).action_resume()
            self.assertEqual(request.state, "verification")
            request.with_user(officer).action_verify()
            self.assertEqual(request.state, "research")
            self.assertEqual(request.activity_ids.user_id, researcher)
            visit = self.env["atta.research.visit"].with_user(researcher).create({"request_id": request.id})
            visit.write({"recommendation": "reject", "recommendation_note": "Income is enough"})
            visit.action_done()
            request.with_user(researcher).action_send_to_committee()
            session = self._session()
            session.with_user(chair).action_open()
            for member in (chair, self.member_a):
                self._vote(session, request, member, "reject")
            session.decision_ids.with_user(chair).reasons = "The household income is above the sufficiency line."
            session.with_user(chair).action_close()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_reason, "The household income is above the sufficiency line.")
        self.assertRegex(request.letter_id.name, r"^OUT-1448-\d{5}$")
        with freeze_time("2026-12-10 09:00:00"):
            self.env["atta.request.action.wizard"].with_user(officer).create(
                {
                    "request_id": request.id,
                    "action": "appeal",
                    "note": "The husband lost his job last month; a new salary certificate is attached.",
                }
            ).action_confirm()
            self.assertEqual(request.state, "committee")
            self.assertEqual(request.appeal_count, 1)
            self.assertEqual(str(request.deadline), "2026-12-24", "the appeal has its own deadline")
            review = self._session()
            self.assertIn(request, review.decision_ids.request_id, "a new session can reconsider")
            review.decision_ids.with_user(chair).proposed_amount = 2000
            review.with_user(chair).action_open()
            for member in (chair, self.member_a, self.member_b):
                self._vote(review, request, member, "approve")
            review.with_user(chair).action_close()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_amount, 2000)
        self.assertTrue(request.decided_on_time)
        # The chair keeps the minutes and the decision letter of their own session.
        Report = self.env["ir.actions.report"].with_user(chair)
        minutes, _kind = Report._render_qweb_html("atta_research.action_report_session_minutes", review.ids)
        self.assertIn(request.name.encode(), minutes)
        letter, _kind = Report._render_qweb_html("atta_research.action_report_decision_letter", request.ids)
        self.assertIn(request.letter_id.name.encode(), letter)
        Delivery = self.env["atta.support.delivery"].with_user(officer)
        with self.assertRaisesText(UserError, "not registered"):
            Delivery.create({"request_id": request.id, "amount": 1500})
        self._register()
        delivery = Delivery.create({"request_id": request.id, "amount": 1500})
        delivery.action_confirm()
        self.assertEqual(request.state, "approved", "still 500 to deliver")
        with self.assertRaisesText(UserError, "would exceed the approved amount"):
            Delivery.create({"request_id": request.id, "amount": 600})
        Delivery.create({"request_id": request.id, "amount": 500}).action_confirm()
        self.assertEqual(request.state, "delivered")
        with self.assertRaisesText(UserError, "follow-up"):
            request.with_user(officer).action_close()
        request.with_user(officer).follow_up_note = "Rent paid; the family is stable."
        request.with_user(officer).action_close()
        self.assertEqual(request.state, "closed")
        self.assertEqual(request.delivered_amount, 2000)

    def test_submitting_without_a_declaration_is_refused(self):
        unsigned = self.env["atta.beneficiary"].create({"name": "No Declaration", "identity_number": "1234567897"})
        request = self._request(beneficiary=unsigned)
        with self.assertRaisesText(UserError, "has not signed the declaration"):
            request.with_user(self.officer).action_submit()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.deadline)

    def test_missing_documents_block_research_unless_a_manager_overrides(self):
        iban = self.env.ref("atta_beneficiary.document_type_iban_certificate")
        self.beneficiary.document_ids.filtered(lambda d: d.document_type_id == iban).unlink()
        request = self._request(researcher_id=self.researcher.id)
        as_officer = request.with_user(self.officer)
        as_officer.action_submit()
        as_officer.action_start_verification()
        self.assertEqual(request.missing_document_type_ids, iban)
        with self.assertRaisesText(UserError, iban.name):
            as_officer.action_verify()
        with self.assertRaisesText(AccessError, "a manager's decision"):
            self.env["atta.request.action.wizard"].with_user(self.officer).create(
                {"request_id": request.id, "action": "override", "note": "Urgent"}
            ).action_confirm()
        self.assertFalse(request.verification_override_reason)
        wizard = (
            self.env["atta.request.action.wizard"]
            .with_user(self.manager)
            .create({"request_id": request.id, "action": "override", "note": "Cash will be paid by cheque this time."})
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "research")
        self.assertIn("paid by cheque", request.verification_override_reason)

    def test_a_decided_request_cannot_be_edited(self):
        request = self._to_committee(self._request())
        self._decide(request)
        with self.assertRaisesText(UserError, "can no longer be changed"):
            request.with_user(self.officer).amount_requested = 9000
        with self.assertRaisesText(UserError, "only change through the steps"):
            request.with_user(self.manager).write({"approved_amount": 9000})
        self.assertEqual(request.approved_amount, 2500)

    def test_the_committee_cannot_approve_more_than_the_type_maximum(self):
        self._to_committee(self._request())
        session = self._session()
        decision = session.decision_ids
        with self.assertRaisesText(ValidationError, "above the maximum"):
            decision.with_user(self.chair).proposed_amount = self.cash.max_amount + 1
        self.assertEqual(decision.proposed_amount, 2500)

    def test_only_draft_requests_are_deleted(self):
        request = self._request()
        request.with_user(self.officer).action_submit()
        with self.assertRaisesText(UserError, "cancel the request instead"):
            request.with_user(self.manager).unlink()
        self.env["atta.request.action.wizard"].with_user(self.officer).create(
            {"request_id": request.id, "action": "cancel", "note": "The applicant withdrew the request."}
        ).action_confirm()
        self.assertEqual(request.state, "cancelled")
