from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import IMPROVEMENT_USER, OFFICER


@tagged("post_install", "-at_install")
class TestImprovementAction(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.owner = new_test_user(cls.env, "atta_imp_owner", groups=IMPROVEMENT_USER, lang="en_US")
        cls.colleague = new_test_user(cls.env, "atta_imp_colleague", groups=IMPROVEMENT_USER, lang="en_US")
        cls.officer = new_test_user(cls.env, "atta_imp_officer", groups=OFFICER, lang="en_US")

    def test_complaint_raised_by_an_officer_reaches_its_owner(self):
        action = (
            self.env["atta.improvement.action"]
            .with_user(self.officer)
            .create(
                {
                    "title": "Callers wait too long on the phone",
                    "source": "complaint",
                    "category": "speed",
                    "owner_id": self.owner.id,
                    "date_deadline": "2026-12-10",
                }
            )
        )
        self.assertRegex(action.name, r"^IMP-\d{5}$")
        self.assertTrue(action.follow_up_beneficiary, "complaints are followed up with the beneficiary")
        self.assertEqual(action.sudo().activity_ids.user_id, self.owner)

    def test_closing_needs_an_outcome(self):
        action = self.env["atta.improvement.action"].create(
            {"title": "Explain the research visit better", "category": "information", "owner_id": self.owner.id}
        )
        mine = action.with_user(self.owner)
        mine.action_start()
        with self.assertRaises(UserError):
            mine.action_done()
        self.assertEqual(action.state, "in_progress")
        mine.outcome = "A leaflet is now handed out at the desk."
        mine.action_done()
        self.assertEqual(action.state, "done")
        self.assertFalse(action.activity_ids)

    def test_team_members_see_only_their_own_actions(self):
        action = self.env["atta.improvement.action"].create({"title": "x", "owner_id": self.owner.id})
        with self.assertRaises(AccessError):
            action.with_user(self.colleague).read(["title"])


@tagged("post_install", "-at_install")
class TestImprovementOwnerAttacks(TransactionCase):
    """The owner of an improvement action works on it; they neither bury it nor reach what is behind it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.owner = new_test_user(cls.env, "atta_imp_attacker", groups=IMPROVEMENT_USER, lang="en_US")
        cls.colleague = new_test_user(cls.env, "atta_imp_other", groups=IMPROVEMENT_USER, lang="en_US")
        cls.beneficiary = cls.env["atta.beneficiary"].create({"name": "Sara Ahmed", "identity_number": "1000000008"})
        cls.complaint = cls.env["atta.improvement.action"].create(
            {
                "title": "Rude answer at the desk",
                "source": "complaint",
                "owner_id": cls.owner.id,
                "beneficiary_id": cls.beneficiary.id,
            }
        )
        cls.theirs = cls.env["atta.improvement.action"].create(
            {"title": "Late call back", "owner_id": cls.colleague.id}
        )

    def test_the_owner_cannot_bury_or_re_route_a_complaint(self):
        mine = self.complaint.with_user(self.owner)
        for vals in (
            {"state": "done"},
            {"state": "cancelled"},
            {"owner_id": self.colleague.id},
            {"source": "staff"},
            {"beneficiary_id": False},
        ):
            with self.assertRaises(UserError):  # AccessError included
                mine.write(vals)
        with self.assertRaises(AccessError):
            mine.action_cancel()
        with self.assertRaises(AccessError):
            mine.unlink()
        self.assertEqual(
            (self.complaint.state, self.complaint.owner_id, self.complaint.source), ("new", self.owner, "complaint")
        )
        self.assertEqual(self.complaint.beneficiary_id, self.beneficiary)

    def test_the_owner_reaches_neither_other_actions_nor_the_person_behind_theirs(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.owner).read(["title"])
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.owner).write({"outcome": "Closed by someone else"})
        with self.assertRaises(AccessError):
            self.beneficiary.with_user(self.owner).read(["identity_number"])
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.owner).search_read([], ["scoring_percentage"])
        self.assertFalse(self.theirs.outcome)
