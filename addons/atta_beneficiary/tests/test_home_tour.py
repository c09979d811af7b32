from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.roles import OFFICER


@tagged("post_install", "-at_install")
class TestFirstDayOfficerTour(HttpCase):
    def test_a_new_officer_starts_on_the_start_screen_and_receives_a_visitor(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["atta_beneficiary"], ["ar_001"], overwrite=True)
        # Made as Settings → Users makes staff: the role ticked, no home action chosen.
        officer = new_test_user(self.env, "first_day_officer", groups=OFFICER, lang="ar_001")
        self.assertEqual(officer.action_id.id, self.env.ref("atta_beneficiary.home_action").id)
        self.start_tour("/odoo", "atta_first_day_officer_tour", login=officer.login)
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual((beneficiary.name, beneficiary.state), ("هدى صالح عبدالله الحربي", "draft"))
        self.assertEqual(beneficiary.user_id, officer)
