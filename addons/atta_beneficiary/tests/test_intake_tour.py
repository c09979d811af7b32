from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.roles import OFFICER


@tagged("post_install", "-at_install")
class TestIntakeTour(HttpCase):
    def test_officer_receives_a_visitor_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["atta_beneficiary"], ["ar_001"], overwrite=True)
        new_test_user(self.env, "tour_officer", groups=OFFICER, lang="ar_001")
        self.start_tour(
            "/odoo/action-atta_beneficiary.beneficiary_action?view_type=list",
            "atta_beneficiary_intake_tour",
            login="tour_officer",
        )
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(beneficiary.name, "هدى صالح عبدالله الحربي")
        self.assertEqual(beneficiary.phone, "+966551234567")
        self.assertEqual(beneficiary.user_id.login, "tour_officer")
