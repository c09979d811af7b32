from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tests.access_matrix import OPERATIONS, ROLES

from .access_matrix import MATRIX
from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestResearchAccessMatrix(AttaResearchCase):
    """Every model of atta_research x every role x read/write/create/unlink, then the record rules case by case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("r_portal")
        cls.users = dict(cls._matrix_staff("r"), portal=cls.portal)

    def test_the_table_covers_every_model_of_the_addon(self):
        self.assertMatrixCoversTheAddon(MATRIX, "atta_research")

    def test_every_cell_of_the_access_matrix(self):
        self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)

    # ------------------------------------------------------------------ record rules
    def test_portal_beneficiaries_see_only_their_own_requests(self):
        mine = self._request()
        theirs = self._request(
            beneficiary=self._complete_beneficiary("1000000016", "Another Person", phone="0559876543")
        )
        Request = self.env["atta.support.request"].with_user(self.portal)
        self.assertEqual(Request.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal).read(["name"])

    def test_researchers_see_the_requests_assigned_to_them(self):
        assigned = self._to_committee(self._request())
        other = self._request()
        other.with_user(self.officer).action_submit()
        other.with_user(self.officer).action_start_verification()
        other.with_user(self.officer).researcher_id = self.other_researcher
        Request = self.env["atta.support.request"]
        self.assertEqual(Request.with_user(self.researcher).search([]), assigned)
        self.assertEqual(Request.with_user(self.other_researcher).search([]), other)
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).read(["description"])
        self.assertEqual(
            self.env["atta.beneficiary"].with_user(self.researcher).search([]),
            self.beneficiary,
            "and the people they study",
        )

    def test_committee_members_see_their_committees_sessions_and_cast_only_their_own_vote(self):
        request = self._to_committee(self._request())
        session = self._session()
        session.with_user(self.chair).action_open()
        chair_vote = self._vote(session, request, self.chair, "approve")
        self.assertEqual(self.env["atta.committee.session"].with_user(self.member_a).search([]), session)
        self.assertFalse(
            self.env["atta.committee.session"].with_user(self.outsider_member).search([]),
            "a member of another committee sees nothing of this one",
        )
        self.assertFalse(self.env["atta.support.request"].with_user(self.outsider_member).search([]))
        with self.assertRaises(AccessError):
            chair_vote.with_user(self.member_a).write({"vote": "reject"})

    def test_only_managers_read_the_audit_trail_and_no_one_writes_it(self):
        self.beneficiary.with_user(self.officer).web_read({"name": {}})
        Log = self.env["atta.audit.log"]
        self.assertTrue(Log.with_user(self.manager).search([]))
        for role in ("officer", "researcher", "committee", "internal", "portal"):
            with self.assertRaises(AccessError):
                Log.with_user(self.users[role]).search([])
