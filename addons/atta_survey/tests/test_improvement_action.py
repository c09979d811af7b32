from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestImprovementAction(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.owner = new_test_user(cls.env, "atta_imp_owner", groups="atta_survey.group_improvement_user", lang="en_US")
        cls.colleague = new_test_user(cls.env, "atta_imp_colleague", groups="atta_survey.group_improvement_user",
                                      lang="en_US")
        cls.officer = new_test_user(cls.env, "atta_imp_officer", groups="atta_beneficiary.group_relations_officer",
                                    lang="en_US")

    def test_complaint_raised_by_an_officer_reaches_its_owner(self):
        action = self.env["atta.improvement.action"].with_user(self.officer).create({
            "title": "Callers wait too long on the phone", "source": "complaint", "category": "speed",
            "owner_id": self.owner.id, "date_deadline": "2026-12-10"})
        self.assertRegex(action.name, r"^IMP-\d{5}$")
        self.assertTrue(action.follow_up_beneficiary, "complaints are followed up with the beneficiary")
        self.assertEqual(action.sudo().activity_ids.user_id, self.owner)

    def test_closing_needs_an_outcome(self):
        action = self.env["atta.improvement.action"].create({
            "title": "Explain the research visit better", "category": "information", "owner_id": self.owner.id})
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
