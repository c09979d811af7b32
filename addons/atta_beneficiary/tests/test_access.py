from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestAccess(AttaBeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls._beneficiary()
        cls.document = cls._document(cls.beneficiary, cls.env.ref("atta_beneficiary.document_type_identity"))

    def test_internal_user_without_atta_role_sees_nothing_sensitive(self):
        as_employee = self.beneficiary.with_user(self.employee)
        with self.assertRaises(AccessError):
            as_employee.read(["identity_number"])
        with self.assertRaises(AccessError):
            self.document.with_user(self.employee).read(["attachment"])
        with self.assertRaises(AccessError):
            self.env["atta.beneficiary"].with_user(self.employee).create({"name": "X", "identity_number": "1234567897"})
        # Nor through the shared contact book: the contact of a beneficiary follows the file [S1].
        with self.assertRaises(AccessError):
            self.beneficiary.partner_id.with_user(self.employee).read(["name", "phone"])
        self.assertFalse(
            self.env["res.partner"].with_user(self.employee).search([("id", "=", self.beneficiary.partner_id.id)])
        )

    def test_officer_records_files_but_cannot_delete_a_registered_one(self):
        env = self.env(user=self.officer)
        beneficiary = env["atta.beneficiary"].create(
            {"name": "Officer Created", "identity_number": "1234567897", "phone": "0551234567"}
        )
        beneficiary.write({"city": "Riyadh"})
        self.assertEqual(beneficiary.user_id, self.officer)
        self._complete_file(beneficiary.sudo())
        beneficiary.action_register()
        with self.assertRaises(UserError):
            beneficiary.unlink()
        draft = env["atta.beneficiary"].create(
            {"name": "Typo", "identity_number": "2000000006", "identity_type": "iqama"}
        )
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_officer_cannot_change_configuration_but_manager_can(self):
        category = self.env.ref("atta_beneficiary.category_widows")
        with self.assertRaises(AccessError):
            category.with_user(self.officer).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env.ref("atta_beneficiary.policy_bylaws").with_user(self.officer).write({"name": "x"})
        category.with_user(self.manager).write({"name": "Widows and their children"})
        self.assertEqual(category.name, "Widows and their children")

    def test_consent_records_cannot_be_deleted_by_officers(self):
        consent = self._sign_declaration(self.beneficiary)
        with self.assertRaises(AccessError):
            consent.with_user(self.officer).unlink()
