from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestCommitteeMajority(AttaResearchCase):
    """The count behind the minutes: a majority of the members present, and who was present stays as voted."""

    def _open_session(self, *requests):
        for request in requests:
            self._to_committee(request)
        session = self._session()
        session.with_user(self.chair).action_open()
        return session

    def test_one_approval_among_three_present_is_no_majority_and_the_silent_are_named(self):
        request = self._request()
        session = self._open_session(request)
        self._vote(session, request, self.member_a, "approve")
        session.with_user(self.chair).action_close()
        self.assertEqual(session.decision_ids.result, "no_majority")
        self.assertEqual(request.state, "committee", "it waits for the next session")
        minutes = session.with_user(self.chair).read(["minutes"])[0]["minutes"]
        for member in (self.chair, self.member_b):
            self.assertIn(f"{request.name}: {member.name} did not vote", minutes)
        self.assertNotIn(f"{self.member_a.name} did not vote", minutes)

    def test_two_approvals_among_three_present_approve(self):
        request = self._request()
        session = self._open_session(request)
        self._vote(session, request, self.member_a, "approve")
        self._vote(session, request, self.member_b, "approve")
        session.with_user(self.chair).action_close()
        self.assertEqual((session.decision_ids.result, request.state), ("approved", "approved"))

    def test_a_member_who_voted_stays_recorded_as_present(self):
        request = self._request()
        session = self._open_session(request)
        self._vote(session, request, self.chair, "reject", "Income above the threshold")
        self._vote(session, request, self.member_a, "approve")
        for change in (
            {"attendee_ids": [Command.unlink(self.member_a.id)]},
            {"attendee_ids": [Command.set((self.chair | self.member_b).ids)]},
        ):
            with self.subTest(change=change), self.assertRaisesText(UserError, "stay recorded as present"):
                session.with_user(self.chair).write(change)
        self.assertEqual(session.attendee_ids, self.chair | self.member_a | self.member_b)
        # Nor a member who cast no vote: they count toward the majority once votes are cast.
        with self.assertRaisesText(UserError, "stay recorded as present"):
            session.with_user(self.chair).write({"attendee_ids": [Command.unlink(self.member_b.id)]})
        self.assertEqual(session.attendee_ids, self.chair | self.member_a | self.member_b)
        self._vote(session, request, self.member_b, "reject", "Income above the threshold")
        session.decision_ids.with_user(self.chair).reasons = "Income above the threshold."
        session.with_user(self.chair).action_close()
        self.assertEqual(session.decision_ids.result, "rejected")

    def test_before_the_first_vote_a_member_who_left_is_taken_off_the_list(self):
        request = self._request()
        session = self._open_session(request)
        session.with_user(self.chair).write({"attendee_ids": [Command.unlink(self.member_b.id)]})
        self.assertEqual(session.attendee_ids, self.chair | self.member_a)
