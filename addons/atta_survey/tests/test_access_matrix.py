from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import VOLUNTEER
from odoo.addons.atta_research.tests.common import AttaResearchCase

from .access_matrix import MATRIX, OPERATIONS, ROLES


@tagged("post_install", "-at_install")
class TestAccessMatrix(AttaResearchCase):
    """Every Atta model x every role x read/write/create/unlink, then the record rules case by case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("r_portal")
        cls.users = {
            "public": cls.env.ref("base.public_user"),
            "portal": cls.portal,
            "internal": cls.employee,
            "officer": cls.officer,
            "researcher": cls.researcher,
            "committee": cls.chair,
            "volunteer": new_test_user(cls.env, "r_matrix_volunteer", groups=VOLUNTEER),
            "manager": cls.manager,
        }

    def test_the_table_covers_every_atta_model(self):
        # The three addons of this table; an addon installed beside them keeps a table of its own.
        own = {"atta_beneficiary", "atta_research", "atta_survey"}
        models = {
            model.model
            for model in self.env["ir.model"].search([("model", "=like", "atta.%")])
            if own & set(model.modules.split(", "))
            and not self.env[model.model]._abstract
            and not self.env[model.model]._transient
        }
        self.assertEqual(set(MATRIX), models)

    def test_every_cell_of_the_access_matrix(self):
        checked = self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)
        self.assertGreaterEqual(checked, 150)

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

    def test_staff_see_their_own_improvement_actions_and_acknowledgements(self):
        Action = self.env["atta.improvement.action"]
        own = Action.create({"title": "Waiting room too hot", "owner_id": self.officer.id, "source": "suggestion"})
        other = Action.create({"title": "Late call back", "owner_id": self.manager.id, "source": "complaint"})
        self.assertEqual(Action.with_user(self.officer).search([("id", "in", (own | other).ids)]), own)
        self.assertEqual(Action.with_user(self.manager).search([("id", "in", (own | other).ids)]), own | other)
        policy = self.env["atta.policy"].search([], limit=1)
        version = policy.version_ids[:1]
        Ack = self.env["atta.policy.acknowledgement"]
        with self.assertRaises(AccessError):
            Ack.with_user(self.officer).create({"version_id": version.id, "user_id": self.researcher.id})

    def test_only_managers_read_the_audit_trail_and_no_one_writes_it(self):
        self.beneficiary.with_user(self.officer).web_read({"name": {}})
        Log = self.env["atta.audit.log"]
        self.assertTrue(Log.with_user(self.manager).search([]))
        for role in ("officer", "researcher", "committee", "internal", "portal"):
            with self.assertRaises(AccessError):
                Log.with_user(self.users[role]).search([])

    def test_managers_edit_the_satisfaction_survey_and_other_staff_cannot(self):
        survey = self.env.ref("atta_survey.survey_satisfaction")
        survey.with_user(self.manager).write({"title": "How did we serve you?"})
        self.assertEqual(survey.title, "How did we serve you?")
        for role in ("officer", "researcher", "committee"):
            with self.assertRaises(AccessError):
                survey.with_user(self.users[role]).write({"title": "Changed"})
