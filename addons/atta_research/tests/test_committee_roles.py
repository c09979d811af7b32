from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tools.roles import RESEARCHER

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestCommitteeRoles(AttaResearchCase):
    """The chair runs the session; a researcher does not judge their own case; the minutes name abstentions."""

    def test_only_the_chair_sees_the_session_buttons_and_may_close(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        self.assertEqual(session.with_user(self.chair).web_read({"is_chair": {}})[0]["is_chair"], True)
        self.assertEqual(session.with_user(self.member_a).web_read({"is_chair": {}})[0]["is_chair"], False)
        arch = self.env["atta.committee.session"].with_user(self.member_a).get_views([(False, "form")])
        self.assertIn("not is_chair", arch["views"]["form"]["arch"])
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, "approve")
        with self.assertRaises(AccessError):
            session.with_user(self.member_a).action_close()
        self.assertEqual((session.state, request.state), ("open", "committee"))

    def test_a_member_who_researched_the_request_is_refused_a_vote(self):
        self.member_b.write({"group_ids": [(4, self.env.ref(RESEARCHER).id)]})
        request = self._to_committee(self._request(), researcher=self.member_b)
        session = self._session()
        session.with_user(self.chair).action_open()
        with self.assertRaisesText(ValidationError, "conflict of interest"):
            self._vote(session, request, self.member_b, "approve")
        self.assertFalse(session.decision_ids.vote_ids)

    def test_the_minutes_name_who_abstained_and_why(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        self._vote(session, request, self.chair, "approve")
        self._vote(session, request, self.member_a, "approve")
        self._vote(session, request, self.member_b, "abstain", comment="Related to the family")
        session.with_user(self.chair).action_close()
        self.assertIn("Member Khalid abstained (Related to the family)", str(session.minutes))

    def test_a_member_sees_the_others_votes_only_after_casting_their_own(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        decision = session.decision_ids
        self._vote(session, request, self.chair, "approve")

        def seen_by(member):
            self.env.invalidate_all()  # each screen is a new request to the server
            votes = self.env["atta.committee.vote"].with_user(member)
            listed = votes.web_search_read([("decision_id", "=", decision.id)], {"vote": {}})["length"]
            count = decision.with_user(member).web_read({"approve_count": {}})[0]["approve_count"]
            return listed, count

        self.assertEqual(seen_by(self.member_a), (0, 0), "nothing of the chair's vote before one's own")
        self._vote(session, request, self.member_a, "reject")
        self.assertEqual(seen_by(self.member_a), (2, 1))
        self.assertEqual(seen_by(self.member_b), (0, 0))

    def test_the_session_counts_every_vote_whoever_closes_it(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        # The chair does not vote on this request and so does not see its votes; the count is still whole.
        self._vote(session, request, self.member_a, "approve")
        self._vote(session, request, self.member_b, "approve")
        self.env.invalidate_all()
        session.with_user(self.chair).action_close()
        self.assertEqual(session.decision_ids.result, "approved")
        self.assertIn("<td>2 / 0 / 0</td>", str(session.minutes))
        # Once closed, every member reads every vote.
        self.env.invalidate_all()
        self.assertEqual(
            self.env["atta.committee.vote"].with_user(self.chair).search_count([("session_id", "=", session.id)]), 2
        )
