import base64
from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

from .upload_corpus import plain_pdf

# A scan as the upload inspector accepts it: staff uploads are inspected like the public's.
PDF_BYTES = plain_pdf()


class AttaBeneficiaryCase(TransactionCase):
    """Users for every Atta role of this addon and a helper to build complete files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.officer = new_test_user(
            cls.env,
            "atta_officer",
            groups="atta_beneficiary.group_relations_officer",
            name="Relations Officer",
            lang="en_US",
        )
        cls.manager = new_test_user(
            cls.env, "atta_manager", groups="atta_beneficiary.group_manager", name="Atta Manager", lang="en_US"
        )
        cls.employee = new_test_user(
            cls.env, "atta_employee", groups="base.group_user", name="Other Employee", lang="en_US"
        )
        cls.channel_interview = cls.env.ref("atta_beneficiary.channel_interview")
        cls.channel_phone = cls.env.ref("atta_beneficiary.channel_phone")
        cls.declaration = cls.env.ref("atta_beneficiary.consent_text_declaration_v1")
        cls.required_types = cls.env["atta.document.type"].search([("required_for_registration", "=", True)])

    @classmethod
    def _beneficiary(cls, identity_number="1000000008", **values):
        vals = {
            "name": "Fatimah Ali Saleh Alqahtani",
            "identity_type": "national_id",
            "identity_number": identity_number,
            "phone": "0501234567",
        }
        vals.update(values)
        return cls.env["atta.beneficiary"].create(vals)

    @classmethod
    def _document(cls, beneficiary, doc_type, verified=True, **values):
        vals = {
            "beneficiary_id": beneficiary.id,
            "document_type_id": doc_type.id,
            "attachment": base64.b64encode(PDF_BYTES),
            "attachment_name": "scan.pdf",
        }
        vals.update(values)
        document = cls.env["atta.beneficiary.document"].create(vals)
        if verified:
            document.action_verify()
        return document

    @classmethod
    def _sign_declaration(cls, beneficiary):
        return cls.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "text_id": cls.declaration.id,
                "accepted_by_name": beneficiary.name,
                "channel_id": cls.channel_interview.id,
            }
        )

    @classmethod
    def _complete_file(cls, beneficiary):
        for doc_type in cls.required_types:
            cls._document(beneficiary, doc_type)
        cls._sign_declaration(beneficiary)
        return beneficiary

    @contextmanager
    def assertRaisesText(self, exception, text):
        """Like assertRaises (rolled back to a savepoint), and the message says `text`."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))
