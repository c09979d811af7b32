"""Words that Odoo's own screens show an Arabic-speaking member of staff, and that Odoo leaves in English."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

ARABIC = re.compile("[\u0600-\u06ff]")


@tagged("post_install", "-at_install")
class TestArabicScreens(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        addons = cls.env["ir.module.module"].search([("name", "=like", "atta_%"), ("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(addons.mapped("name"), ["ar_001"], overwrite=True)
        cls.env.registry.clear_cache("groups")
        cls.officer = new_test_user(
            cls.env, "arabic_officer", groups="atta_beneficiary.group_relations_officer", lang="ar_001"
        )

    def _web_client_term(self, module, term):
        """The term as the web client shows it: its addon's translation, else any addon's (as `_t` looks up)."""
        self.authenticate(self.officer.login, self.officer.login)
        body = self.url_open("/web/webclient/translations?lang=ar_001").json()
        self.assertEqual(body["lang"], "ar_001")
        merged = {}
        for messages in body["modules"].values():
            merged.update({message["id"]: message["string"] for message in messages["messages"]})
        own = {message["id"]: message["string"] for message in body["modules"][module]["messages"]}
        return own.get(term) or merged.get(term, term)

    def test_the_warning_of_an_incomplete_form_reads_in_arabic(self):
        self.assertEqual(self._web_client_term("web", "Missing required fields"), "حقول مطلوبة لم تُعبأ")

    def test_the_chatter_and_list_confirmations_read_in_arabic(self):
        for module, term in (
            ("web", "Are you sure you want to delete the selected record?"),
            ("web", "The request sent to the server was too large"),
            ("mail", "Continue with Full Composer?"),
            ("portal", "Could not save file %s"),
        ):
            with self.subTest(term=term):
                self.assertRegex(self._web_client_term(module, term), ARABIC)

    def test_the_english_web_client_keeps_odoos_english(self):
        self.env["res.lang"]._activate_lang("en_US")
        self.officer.lang = "en_US"
        self.authenticate(self.officer.login, self.officer.login)
        body = self.url_open("/web/webclient/translations?lang=en_US").json()
        merged = {m["id"]: m["string"] for messages in body["modules"].values() for m in messages["messages"]}
        self.assertEqual(body["lang"], "en_US")
        self.assertNotRegex(merged.get("Missing required fields", ""), ARABIC)

    def test_the_role_selectors_of_the_user_form_say_no_role_in_arabic(self):
        admin = self.env.ref("base.user_admin")
        admin.lang = "ar_001"
        # The form of a new user (Settings → Users → New) reads the roles it offers from this default.
        hierarchy = (
            self.env["res.users"].with_user(admin).with_context(lang="ar_001").default_get(["view_group_hierarchy"])
        )["view_group_hierarchy"]
        atta = self.env["res.groups.privilege"].search(
            [("category_id", "=", self.env.ref("atta_beneficiary.module_category_atta").id)]
        )
        self.assertTrue(atta)
        for privilege in atta:
            with self.subTest(privilege=privilege.name):
                self.assertEqual(hierarchy["privileges"][str(privilege.id)]["placeholder"], "بلا دور")
        english = self.env["res.users"].with_context(lang="en_US").default_get(["view_group_hierarchy"])
        relations = self.env.ref("atta_beneficiary.res_groups_privilege_relations").id
        self.assertEqual(english["view_group_hierarchy"]["privileges"][str(relations)]["placeholder"], "No role")
