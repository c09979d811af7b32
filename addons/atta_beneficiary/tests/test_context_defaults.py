import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PDF_BYTES
from .test_privacy_attacks import AttaPrivacyCase
from .upload_corpus import hostile_pdfs


@tagged("post_install", "-at_install")
class TestContextDefaultsSetNothingGuarded(AttaPrivacyCase):
    """A `default_<field>` of the context, or a default a user saves for themselves, sets no status, step's field,
    file or owner a client could not write: Odoo fills them inside `create`, after the checks on the values."""

    def _scans(self, document):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", document._name),
                    ("res_id", "=", document.id),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ]
            )
        )

    def test_a_file_is_not_registered_erased_or_held_through_the_context(self):
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        created = Beneficiary.with_context(
            default_state="registered", default_registration_date="2026-12-01", default_erased_on="2026-12-01 10:00:00"
        ).create({"name": "Salma Ahmed Alqahtani", "identity_type": "national_id", "identity_number": "1000000024"})
        self.assertEqual((created.state, created.registration_date, created.erased_on), ("draft", False, False))
        with self.assertRaisesText(AccessError, "legal hold"):
            Beneficiary.with_context(default_legal_hold=True).create(
                {"name": "Nora Saad Alotaibi", "identity_type": "national_id", "identity_number": "1000000032"}
            )

    def test_a_scan_takes_no_unchecked_file_no_public_link_and_no_place_beside_a_verified_one(self):
        document = self.beneficiary.document_ids[:1]
        self.assertTrue(document.verified)
        Document = self.env["atta.beneficiary.document"].with_user(self.officer)
        hostile = next(iter(hostile_pdfs().values()))
        unchecked = Document.with_context(default_attachment=base64.b64encode(hostile)).create(
            {"beneficiary_id": self.beneficiary.id, "document_type_id": document.document_type_id.id}
        )
        self.assertFalse(unchecked.attachment, "a file comes only as a value, inspected")
        self.assertFalse(self._scans(unchecked))
        shared = Document.with_context(default_public=True, default_access_token="known").create(
            {
                "beneficiary_id": self.beneficiary.id,
                "document_type_id": document.document_type_id.id,
                "attachment": base64.b64encode(PDF_BYTES),
                "attachment_name": "scan.pdf",
            }
        )
        self.assertEqual(self._scans(shared).mapped(lambda a: (a.public, a.access_token)), [(False, False)])
        before = self._scans(document)
        Attachment = self.env["ir.attachment"].with_user(self.officer)
        for context in (
            {"default_res_model": document._name, "default_res_id": document.id, "default_res_field": "attachment"},
            {"default_res_model": document._name, "default_res_id": document.id},
        ):
            with self.subTest(context=list(context)), self.assertRaisesText(UserError, "stays as it is"):
                Attachment.with_context(**context).create(
                    {"name": "replacement.pdf", "datas": base64.b64encode(PDF_BYTES)}
                )
        self.assertEqual(self._scans(document), before)
        self.assertTrue(document.verified)

    def test_nobody_but_an_administrator_saves_defaults_for_the_associations_records(self):
        Default = self.env["ir.default"]
        for user, model, field, value in (
            (self.officer, "atta.beneficiary", "state", "registered"),
            (self.officer, "atta.beneficiary.document", "verified", True),
            (self.manager, "atta.beneficiary.consent", "ip_address", "10.0.0.1"),
            (self.officer, "ir.attachment", "public", True),
        ):
            with self.subTest(user=user.login, field=field), self.assertRaisesText(AccessError, "administrator"):
                Default.with_user(user).set(model, field, value, user_id=True)
        self.assertFalse(Default.sudo().search([("field_id.model", "in", ("atta.beneficiary", "ir.attachment"))]))
        # A user's own default elsewhere is Odoo's as before.
        Default.with_user(self.officer).set("res.partner", "lang", "ar_001", user_id=True)

    def test_no_clause_is_added_to_an_approved_version_through_the_context(self):
        version = self.env.ref("atta_beneficiary.policy_beneficiary_relations").current_version_id
        self.assertEqual(version.state, "approved")
        Clause = self.env["atta.policy.clause"].with_user(self.manager)
        count = len(version.clause_ids)
        with self.assertRaises(UserError):
            Clause.with_context(default_version_id=version.id).create({"code": "99", "name": "Added after approval"})
        self.assertEqual(len(version.clause_ids), count)
