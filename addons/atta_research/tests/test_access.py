from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestResearchAccess(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second = cls._complete_beneficiary("2000000006", "Maryam Yousef", identity_type="iqama")

    def _studied(self):
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        visit.write(
            {
                "findings": "<p>The children sleep in the living room.</p>",
                "recommendation": "approve",
                "recommended_amount": 2500,
            }
        )
        visit.action_done()
        request.with_user(self.researcher).action_send_to_committee()
        return request, visit.with_user(self.env.user)

    def test_researchers_see_only_the_requests_assigned_to_them(self):
        mine = self._request(researcher_id=self.researcher.id)
        other = self._request(beneficiary=self.second)
        other.with_user(self.officer).researcher_id = self.other_researcher
        Request = self.env["atta.support.request"].with_user(self.researcher)
        self.assertEqual(Request.search([("id", "in", (mine + other).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).read(["name"])
        with self.assertRaises(AccessError):
            self.second.with_user(self.researcher).read(["identity_number"])
        self.assertEqual(self.beneficiary.with_user(self.researcher).identity_number, "1000000008")
        with self.assertRaises(AccessError):
            mine.with_user(self.researcher).description = "Checked at the visit"
        self.assertEqual(mine.description, "Rent arrears for three months")

    def test_committee_members_see_requests_before_their_committee_and_write_only_their_votes(self):
        request, _visit = self._studied()
        not_yet = self._request(beneficiary=self.second)
        with self.assertRaises(AccessError):
            request.with_user(self.outsider_member).read(["name"])
        session = self._session()
        session.with_user(self.chair).action_open()
        self.assertEqual(request.with_user(self.member_a).name, request.name)
        with self.assertRaises(AccessError):
            not_yet.with_user(self.member_a).read(["name"])
        with self.assertRaises(AccessError):
            request.with_user(self.outsider_member).read(["name"])
        chair_vote = self._vote(session, request, self.chair, "approve")
        with self.assertRaises(AccessError):
            chair_vote.with_user(self.member_a).write({"vote": "reject"})
        with self.assertRaises(AccessError):
            self.env["atta.committee.vote"].with_user(self.member_a).create(
                {"decision_id": session.decision_ids.id, "member_id": self.member_b.id, "vote": "reject"}
            )
        with self.assertRaises(AccessError):
            session.decision_ids.with_user(self.member_a).write({"proposed_amount": 10})
        session.decision_ids.with_user(self.chair).write({"proposed_amount": 1000})
        with self.assertRaises(AccessError):
            request.with_user(self.member_a).write({"description": "x"})

    def test_officers_see_requests_and_scores_but_not_the_findings(self):
        _request, visit = self._studied()
        as_officer = visit.with_user(self.officer)
        self.assertEqual(as_officer.score, visit.score)
        with self.assertRaises(AccessError):
            as_officer.read(["findings"])
        self.assertIn("living room", visit.with_user(self.researcher).findings)
        self.assertIn("living room", visit.with_user(self.manager).findings)

    def test_researchers_cannot_read_other_researchers_reports(self):
        _request, visit = self._studied()
        with self.assertRaises(AccessError):
            visit.with_user(self.other_researcher).read(["score"])

    def test_internal_users_without_atta_roles_see_nothing(self):
        request, visit = self._studied()
        for record in (request, visit, self.committee):
            with self.assertRaises(AccessError):
                record.with_user(self.employee).read(["display_name"])
