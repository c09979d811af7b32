from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

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
        self.member_b.write({"group_ids": [(4, self.env.ref("atta_research.group_social_researcher").id)]})
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
