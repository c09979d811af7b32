from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .apply_common import AttaApplyCase
from .test_complaint_routes import WebsiteComplaintCaseMixin

REASON = "My husband lost his job last month; the new salary certificate shows no income."


@tagged("post_install", "-at_install")
class TestAppeals(WebsiteComplaintCaseMixin, AttaApplyCase):
    """An applicant appeals a refusal from the tracking link, within the window; another session hears it [S4]."""

    def _refused(self):
        """A request the committee refused today, with its reasons, and its tracking token."""
        request_rec = self._to_committee(self._request())
        session = self._refuse(request_rec, "The household income is above the sufficiency line.")
        self.assertEqual(request_rec.state, "rejected")
        request_rec._portal_ensure_token()
        return request_rec, session

    def _url(self, request_rec, token=None):
        return f"/my/requests/{request_rec.id}?access_token={token or request_rec.access_token}"

    def _appeal(self, request_rec, reason=REASON, token=None):
        page = self.url_open(self._url(request_rec))
        return self.url_open(
            f"/my/requests/{request_rec.id}/appeal?access_token={token or request_rec.access_token}",
            data={"reason": reason, "csrf_token": self._csrf(page)},
        )

    def _state(self, request_rec):
        return (request_rec.state, request_rec.appeal_count, request_rec.appeal_reason, request_rec.decision_date)

    def test_an_appeal_within_the_window_is_heard_by_another_session_and_answered(self):
        request_rec, refusing = self._refused()
        page = self.url_open(self._url(request_rec))
        self.assertIn("o_atta_appeal_form", page.text)
        response = self._appeal(request_rec)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_atta_appeal_sent", response.text)
        self.assertEqual(request_rec.state, "committee")
        self.assertEqual(request_rec.appeal_count, 1)
        self.assertEqual(request_rec.appeal_reason, REASON)
        self.assertEqual(request_rec.appeal_refused_session_id, refusing)
        self.assertTrue(request_rec.deadline >= fields.Date.today(), "the appeal has its own deadline")
        review = self._session()
        self.assertNotEqual(review, refusing)
        self.assertIn(request_rec, review.decision_ids.request_id, "another session hears the appeal")
        self.assertNotIn(request_rec, refusing.decision_ids.filtered(lambda d: d.result == "pending").request_id)
        review.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(review, request_rec, member, "approve")
        before = request_rec.message_ids
        review.with_user(self.chair).action_close()
        request_rec.invalidate_recordset(["message_ids"])
        self.assertEqual(request_rec.state, "approved")
        partner = request_rec.partner_id
        told = (request_rec.message_ids - before).filtered(
            lambda m: partner in m.partner_ids or m.message_type == "sms"
        )
        self.assertTrue(told, "the answer to the appeal reaches the applicant by their channel")

    def test_during_the_appeal_the_applicant_still_downloads_the_refusal_as_sent(self):
        request_rec, _refusing = self._refused()
        refusal = request_rec.letter_id
        self._appeal(request_rec)
        self.assertEqual((request_rec.state, request_rec.decision_reason), ("committee", False))
        response = self.url_open(f"/my/requests/{request_rec.id}/letter?access_token={request_rec.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(refusal.name, response.text)
        self.assertIn("The household income is above the sufficiency line.", response.text)
        self.assertNotIn("has not decided", response.text)

    def test_the_refusing_session_never_hears_the_appeal(self):
        request_rec, refusing = self._refused()
        self._appeal(request_rec)
        self.assertEqual(request_rec.state, "committee")
        # The refusing session keeps its decision (one per session and request); even were that session
        # reopened and its old decision removed by hand, it would neither load nor take the appeal.
        refusing.sudo().write({"state": "draft"})
        refusing.decision_ids.sudo().unlink()
        refusing.with_user(self.chair).action_load_agenda()
        self.assertFalse(refusing.decision_ids, "the refusing session does not load its own appeal")
        with self.assertRaisesText(UserError, "another session must hear it"):
            self.env["atta.committee.decision"].with_user(self.chair).create(
                {"session_id": refusing.id, "request_id": request_rec.id}
            )

    def test_an_appeal_after_the_window_is_refused_with_the_reason_and_changes_nothing(self):
        self.env.company.atta_appeal_window_days = 30
        request_rec, _session = self._refused()
        # The refusal was 31 days ago.
        request_rec.sudo().write({"decision_date": fields.Date.today() - timedelta(days=31)})
        before = self._state(request_rec)
        messages = len(request_rec.message_ids)
        problem = self._as_shown(request_rec)._appeal_window_problem()
        self.assertIn("within 30 days of the decision", request_rec._appeal_window_problem())
        page = self.url_open(self._url(request_rec))
        self._shown(problem, page)
        self.assertNotIn("o_atta_appeal_form", page.text, "no appeal form once the window closed")
        response = self._appeal(request_rec)
        self.assertEqual(response.status_code, 200)
        self._shown(problem, response)
        self.assertEqual(self._state(request_rec), before)
        self.assertEqual(len(request_rec.message_ids), messages)
        with self.assertRaisesText(UserError, "The period to appeal this decision ended"):
            self.env["atta.request.action.wizard"].with_user(self.officer).create(
                {"request_id": request_rec.id, "action": "appeal", "note": REASON}
            ).action_confirm()
        self.assertEqual(self._state(request_rec), before)

    def test_the_window_comes_from_the_settings(self):
        request_rec, _session = self._refused()
        request_rec.sudo().write({"decision_date": fields.Date.today() - timedelta(days=31)})
        # The administrator's settings screen.
        settings = self.env["res.config.settings"].create({"atta_appeal_window_days": 60})
        settings.execute()
        self.assertEqual(self.env.company.atta_appeal_window_days, 60)
        request_rec.invalidate_recordset()
        self.assertFalse(request_rec._appeal_window_problem())
        self._appeal(request_rec)
        self.assertEqual(request_rec.state, "committee")
        with self.assertRaisesText(UserError, "must be at least 1"):
            self.env["res.config.settings"].create({"atta_appeal_window_days": 0}).execute()

    def test_hostile_grounds_are_refused_and_nothing_changes(self):
        request_rec, _session = self._refused()
        before = self._state(request_rec)
        for reason, message in (
            ("", "Write the grounds of your appeal"),
            ("short", "Write the grounds of your appeal"),
            ("z" * 2001, "up to 2,000 characters"),
            ("Grounds with a NUL \x00 byte in them", "in plain text"),
        ):
            with self.subTest(reason=reason[:20]):
                self.assertIn(message, request_rec.sudo()._appeal_from_applicant(reason))
                response = self._appeal(request_rec, reason)
                self.assertEqual(response.status_code, 200)
                self._shown(self._as_shown(request_rec.sudo())._appeal_from_applicant(reason), response)
                self.assertEqual(self._state(request_rec), before)

    def test_a_stranger_cannot_appeal_someone_elses_refusal(self):
        request_rec, _session = self._refused()
        before = self._state(request_rec)
        page = self.url_open("/complaint")
        csrf = self._csrf(page)
        for url in (
            f"/my/requests/{request_rec.id}/appeal?access_token=wrong-token",
            f"/my/requests/{request_rec.id}/appeal",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, data={"reason": REASON, "csrf_token": csrf})
                self.assertEqual(response.status_code, 404)
        other = self._household("Another Household")
        stranger = new_test_user(
            self.env, "appeal_stranger", groups="base.group_portal", partner_id=other.partner_id.id
        )
        self.authenticate(stranger.login, stranger.login)
        csrf = self._csrf(self.url_open("/my"))
        response = self.url_open(f"/my/requests/{request_rec.id}/appeal", data={"reason": REASON, "csrf_token": csrf})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._state(request_rec), before)

    def test_an_approved_request_cannot_be_appealed(self):
        request_rec = self._to_committee(self._request())
        self._decide(request_rec)
        request_rec._portal_ensure_token()
        response = self._appeal(request_rec)
        self._shown(self._as_shown(request_rec.sudo())._appeal_from_applicant(REASON), response)
        self.assertIn("This request is not refused", request_rec.sudo()._appeal_from_applicant(REASON))
        self.assertEqual(request_rec.state, "approved")

    def test_the_desk_appeal_remembers_the_refusing_session(self):
        request_rec, refusing = self._refused()
        self.env["atta.request.action.wizard"].with_user(self.officer).create(
            {"request_id": request_rec.id, "action": "appeal", "note": REASON}
        ).action_confirm()
        self.assertEqual(request_rec.state, "committee")
        self.assertEqual(request_rec.appeal_refused_session_id, refusing)
