from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestCommittee(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second = cls._complete_beneficiary("2000000006", "Maryam Yousef", identity_type="iqama")

    def test_quorum_is_required_to_close(self):
        request = self._to_committee(self._request())
        session = self._session(attendees=self.chair)
        session.with_user(self.chair).action_open()
        self._vote(session, request, self.chair, "approve")
        with self.assertRaisesText(UserError, "quorum is not reached"):
            session.with_user(self.chair).action_close()
        self.assertEqual(session.state, "open")
        self.assertEqual(request.state, "committee")

    def test_majority_decides_and_the_chair_breaks_a_tie(self):
        majority = self._to_committee(self._request())
        tie = self._to_committee(self._request(beneficiary=self.second))
        session = self._session(attendees=self.chair + self.member_a)
        session.with_user(self.chair).action_open()
        self._vote(session, majority, self.chair, "approve")
        self._vote(session, majority, self.member_a, "approve")
        self._vote(session, tie, self.chair, "reject", "Documents contradict the visit")
        self._vote(session, tie, self.member_a, "approve")
        session.decision_ids.filtered(lambda d: d.request_id == tie).with_user(
            self.chair
        ).reasons = "Documents contradict the visit."
        session.with_user(self.chair).action_close()
        self.assertEqual(majority.state, "approved")
        self.assertEqual(tie.state, "rejected", "one vote each: the chair's vote decides")

    def test_a_tie_without_the_chair_defers_the_request(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        self._vote(session, request, self.member_a, "approve")
        self._vote(session, request, self.member_b, "reject")
        self._vote(session, request, self.chair, "abstain")
        session.with_user(self.chair).action_close()
        self.assertEqual(session.decision_ids.result, "no_majority")
        self.assertEqual(request.state, "committee", "it waits for the next session")
        self.assertIn(request, self._session().decision_ids.request_id)

    def test_a_member_votes_once_and_only_when_present(self):
        request = self._to_committee(self._request())
        session = self._session(attendees=self.chair + self.member_a)
        with self.assertRaisesText(UserError, "while the session is in progress"):
            self._vote(session, request, self.chair, "approve")
        session.with_user(self.chair).action_open()
        self._vote(session, request, self.chair, "approve")
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception) as caught:
            self._vote(session, request, self.chair, "reject")
        self.assertIn("once", self.env["atta.committee.vote"]._sql_error_to_message(caught.exception))
        with self.assertRaisesText(ValidationError, "not recorded as present"):
            self._vote(session, request, self.member_b, "approve")

    def test_decisions_are_locked_and_minutes_written_when_the_session_closes(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a, self.member_b):
            self._vote(session, request, member, "approve")
        session.with_user(self.chair).action_close()
        self.assertEqual(session.state, "closed")
        with self.assertRaisesText(UserError, "closed session"):
            session.decision_ids.with_user(self.chair).proposed_amount = 100
        chair_vote = session.decision_ids.vote_ids.filtered(lambda v: v.member_id == self.chair)
        with self.assertRaisesText(UserError, "never changed after"):
            chair_vote.with_user(self.chair).vote = "reject"
        with self.assertRaisesText(UserError, "closed session cannot be changed"):
            session.with_user(self.chair).attendee_ids = self.chair
        self.assertIn(request.name, session.minutes)
        self.assertIn("3 / 0 / 0", session.minutes)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.chair)
            ._render_qweb_html("atta_research.action_report_session_minutes", session.ids)
        )
        self.assertIn(session.name.encode(), html)
        self.assertIn(request.name.encode(), html)
        letter, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("atta_research.action_report_decision_letter", request.ids)
        )
        self.assertIn(request.letter_id.name.encode(), letter)

    def test_committee_membership_is_consistent(self):
        with self.assertRaisesText(ValidationError, "must be one of its members"):
            self.env["atta.committee"].with_user(self.manager).create(
                {
                    "name": "Bad",
                    "chair_id": self.outsider_member.id,
                    "quorum": 1,
                    "member_ids": [(6, 0, self.member_a.ids)],
                }
            )
        with self.assertRaisesText(ValidationError, "quorum"):
            self.env["atta.committee"].with_user(self.manager).create(
                {"name": "Bad", "chair_id": self.member_a.id, "quorum": 3, "member_ids": [(6, 0, self.member_a.ids)]}
            )


@tagged("post_install", "-at_install")
class TestMinutesPdf(HttpCase, AttaResearchCase):
    """wkhtmltopdf fetches the report styles from the server: the registry must be in test mode."""

    def test_minutes_print_as_a_pdf(self):
        session = self._decide(self._to_committee(self._request()))
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.chair)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("atta_research.action_report_session_minutes", session.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
