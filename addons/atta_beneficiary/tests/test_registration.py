from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestRegistration(AttaBeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.identity_type = cls.env.ref("atta_beneficiary.document_type_identity")
        cls.income_type = cls.env.ref("atta_beneficiary.document_type_income_certificate")

    def test_registration_refused_until_the_file_is_complete(self):
        beneficiary = self._beneficiary()
        with self.assertRaisesText(UserError, "has not signed the declaration"):
            beneficiary.action_register()
        self.assertEqual(beneficiary.state, "draft")
        self._sign_declaration(beneficiary)
        for doc_type in self.required_types - self.identity_type:
            self._document(beneficiary, doc_type)
        # The identity copy is on file but nobody has checked it against the original yet.
        unverified = self._document(beneficiary, self.identity_type, verified=False)
        with self.assertRaisesText(UserError, self.identity_type.name):
            beneficiary.action_register()
        unverified.action_verify()
        self.assertEqual(unverified.verified_by_id, self.env.user)
        beneficiary.action_register()
        self.assertEqual(beneficiary.state, "registered")
        self.assertTrue(beneficiary.registration_date)

    def test_expired_document_does_not_count(self):
        beneficiary = self._beneficiary()
        self._sign_declaration(beneficiary)
        for doc_type in self.required_types - self.income_type:
            self._document(beneficiary, doc_type)
        with freeze_time("2026-01-10"):
            certificate = self._document(beneficiary, self.income_type, issue_date="2026-01-05")
            self.assertEqual(certificate.status, "verified")
        # Three months later the income certificate is no longer valid.
        with freeze_time("2026-04-06"):
            certificate.invalidate_recordset()
            self.assertEqual(certificate.status, "expired")
            self.assertFalse(certificate.is_valid)
            self.assertIn(certificate, self.env["atta.beneficiary.document"].search([("is_expired", "=", True)]))
            beneficiary.invalidate_recordset()
            self.assertIn(self.income_type, beneficiary.missing_document_type_ids)
            with self.assertRaisesText(UserError, self.income_type.name):
                beneficiary.action_register()
            with self.assertRaisesText(UserError, "cannot be verified"):
                certificate.action_verify()

    def test_document_with_expiry_before_issue_is_refused(self):
        beneficiary = self._beneficiary()
        with self.assertRaisesText(ValidationError, "before its issue date"):
            self._document(beneficiary, self.identity_type, issue_date="2025-05-01", expiry_date="2025-04-01")
        self.assertFalse(beneficiary.document_ids)

    def test_replacing_the_file_of_a_document_needs_a_new_check(self):
        beneficiary = self._beneficiary()
        document = self._document(beneficiary, self.identity_type)
        self.assertTrue(document.verified)
        document.attachment = document.attachment
        self.assertFalse(document.verified)
        self.assertEqual(document.status, "to_verify")

    def test_suspend_needs_a_reason_and_registered_files_cannot_be_deleted(self):
        beneficiary = self._complete_file(self._beneficiary())
        beneficiary.action_register()
        with self.assertRaisesText(UserError, "reason"):
            beneficiary._set_status("suspended", "  ")
        wizard = self.env["atta.beneficiary.status.wizard"].create(
            {"beneficiary_id": beneficiary.id, "new_state": "suspended", "reason": "Did not renew documents"}
        )
        wizard.action_confirm()
        self.assertEqual(beneficiary.state, "suspended")
        self.assertEqual(beneficiary.status_reason, "Did not renew documents")
        with self.assertRaisesText(UserError, "Archive it instead"):
            beneficiary.unlink()
        self.assertTrue(beneficiary.exists())

    def test_household_and_income_are_computed(self):
        beneficiary = self._beneficiary()
        beneficiary.write(
            {
                "family_member_ids": [
                    (0, 0, {"name": "Son", "relation": "son", "birth_date": "2015-03-01"}),
                    (0, 0, {"name": "Daughter", "relation": "daughter", "monthly_income": 300}),
                    (
                        0,
                        0,
                        {
                            "name": "Married son",
                            "relation": "son",
                            "lives_with_beneficiary": False,
                            "monthly_income": 5000,
                        },
                    ),
                ],
                "income_line_ids": [
                    (0, 0, {"income_type": "social_security", "amount": 1500}),
                    (0, 0, {"income_type": "citizen_account", "amount": 600}),
                ],
                "expense_line_ids": [(0, 0, {"expense_type": "rent", "amount": 1200})],
            }
        )
        self.assertEqual(beneficiary.household_size, 3)
        self.assertEqual(beneficiary.monthly_income, 2400)
        self.assertEqual(beneficiary.monthly_expenses, 1200)
        self.assertEqual(beneficiary.per_capita_income, 800)
        with self.assertRaisesText(ValidationError, "in the future"):
            beneficiary.family_member_ids[0].birth_date = "2999-01-01"

    def test_file_number_comes_from_the_sequence(self):
        first, second = self._beneficiary(), self._beneficiary("2000000006", identity_type="iqama")
        self.assertRegex(first.reference, r"^BEN-\d{6}$")
        self.assertNotEqual(first.reference, second.reference)

    def test_beneficiary_file_report_renders(self):
        beneficiary = self._complete_file(self._beneficiary(birth_date="1985-02-01"))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "atta_beneficiary.action_report_beneficiary_file", beneficiary.ids
        )
        self.assertIn(beneficiary.reference.encode(), html)
        self.assertIn(beneficiary.with_context(lang=beneficiary.lang).birth_date_hijri.encode(), html)
