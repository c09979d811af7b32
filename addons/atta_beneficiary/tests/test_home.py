from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..tools.roles import OFFICER
from .common import AttaBeneficiaryCase


def cards(data):
    return {card["key"]: card for section in data["sections"] for card in section["cards"]}


@tagged("post_install", "-at_install")
class TestHome(AttaBeneficiaryCase):
    """A newcomer's first day: the app opens on the files, and each role starts on what waits for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home_action = cls.env.ref("atta_beneficiary.home_action")

    def _home(self, user):
        return self.env["atta.home"].with_user(user).get_home_data()

    def test_the_app_opens_the_file_list_with_its_menus(self):
        root = self.env.ref("atta_beneficiary.menu_root")
        self.assertEqual(root.action, self.env.ref("atta_beneficiary.beneficiary_action"))
        menus = self.env["ir.ui.menu"].with_user(self.officer).load_web_menus(False)
        children = {menus[child]["xmlid"] for child in menus[root.id]["children"]}
        self.assertIn("atta_beneficiary.beneficiary_menu_main", children)
        self.assertIn("atta_beneficiary.interaction_menu_main", children)
        self.assertIn("atta_beneficiary.policy_menu", children)
        self.assertEqual(menus[root.id]["actionID"], self.env.ref("atta_beneficiary.beneficiary_action").id)

    def test_receiving_a_visitor_saves_in_the_dialog_and_opens_the_new_file(self):
        action = (
            self.env["ir.actions.act_window"]
            .with_user(self.officer)
            ._for_xml_id("atta_beneficiary.beneficiary_action_quick")
        )
        self.assertEqual(action["target"], "new")
        view = self.env["atta.beneficiary"].with_user(self.officer).get_views([(action["view_id"][0], "form")])
        self.assertIn('name="action_open_file"', view["views"]["form"]["arch"])
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        saved = Beneficiary.web_save(
            {"name": "Huda Saleh Abdullah Alharbi", "identity_number": "1234567897", "phone": "0551234567"},
            specification={"reference": {}},
        )[0]
        opened = Beneficiary.browse(saved["id"]).action_open_file()
        self.assertEqual(
            (opened["res_model"], opened["res_id"], opened["target"]), ("atta.beneficiary", saved["id"], "current")
        )
        self.assertTrue(saved["reference"].startswith("BEN-"))

    def test_the_officer_starts_on_the_files_and_documents_waiting(self):
        waiting_before = cards(self._home(self.officer))["files_draft"]["count"]
        drafts = self._beneficiary() | self._beneficiary("2000000006", name="Nora Saad Alotaibi", identity_type="iqama")
        self._complete_file(drafts[0])
        drafts[0].with_user(self.officer).action_register()
        data = self._home(self.officer)
        card = cards(data)["files_draft"]
        self.assertEqual(card["count"], waiting_before + 1)
        # The count opens the list it counts, as the officer searches it.
        listed = self.env["atta.beneficiary"].with_user(self.officer).web_search_read(card["action"]["domain"], {})
        listed_ids = [r["id"] for r in listed["records"]]
        self.assertEqual(len(listed_ids), card["count"])
        self.assertIn(drafts[1].id, listed_ids)
        self.assertNotIn(drafts[0].id, listed_ids, "a registered file waits no more")
        self.assertEqual(data["quick_actions"][0]["action"], "atta_beneficiary.beneficiary_action_quick")
        self.assertTrue(data["date_hijri"].endswith("AH"), "today in the Hijri calendar too")
        self.assertFalse(data["checklist"], "the setup checklist is the managers'")

    def test_staff_without_a_role_see_no_card_and_the_portal_is_refused(self):
        data = self._home(self.employee)
        self.assertEqual((data["sections"], data["checklist"], data["quick_actions"]), ([], [], []))
        portal = new_test_user(self.env, "home_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self._home(portal)

    def test_the_manager_sees_what_setup_lacks_and_each_item_opens_it(self):
        checklist = {item["key"]: item for item in self._home(self.manager)["checklist"]}
        self.assertTrue(checklist["declaration"]["done"])
        self.assertEqual(checklist["declaration"]["action"]["res_model"], "atta.consent.text")
        self.assertTrue(checklist["staff"]["done"], "an officer has been given the role")
        self.assertEqual(checklist["staff"]["action"]["res_model"], "res.users")

    def test_staff_given_a_role_start_on_the_start_screen(self):
        self.assertEqual(self.officer.action_id.id, self.home_action.id)
        self.assertEqual(self.manager.action_id.id, self.home_action.id)
        self.assertFalse(self.employee.action_id, "no Atta role, Odoo's own home")
        # Given the role later, from the user form or from the group.
        self.employee.write({"group_ids": [(4, self.env.ref(OFFICER).id)]})
        self.assertEqual(self.employee.action_id.id, self.home_action.id)
        clerk = new_test_user(self.env, "home_clerk", groups="base.group_user")
        self.env.ref(OFFICER).write({"user_ids": [(4, clerk.id)]})
        self.assertEqual(clerk.action_id.id, self.home_action.id)
        # Losing every Atta role gives Odoo's home back; a home someone chose is kept.
        self.env.ref(OFFICER).write({"user_ids": [(3, clerk.id)]})
        self.assertFalse(clerk.action_id)
        chosen = self.env.ref("atta_beneficiary.beneficiary_action")
        chooser = new_test_user(self.env, "home_chooser", groups="base.group_user", action_id=chosen.id)
        chooser.write({"group_ids": [(4, self.env.ref(OFFICER).id)]})
        self.assertEqual(chooser.action_id.id, chosen.id)

    def test_the_administrator_starts_on_the_start_screen_with_the_checklist(self):
        admin = self.env.ref("base.user_admin")
        self.assertEqual(admin.action_id.id, self.home_action.id)
        data = self._home(admin)
        self.assertTrue(data["checklist"])
        self.assertNotEqual(self.env.ref("base.user_root").action_id.id, self.home_action.id)
