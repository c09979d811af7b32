import base64
from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

from ..tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER, VOLUNTEER
from .upload_corpus import plain_pdf

# A scan as the upload inspector accepts it: staff uploads are inspected like the public's.
PDF_BYTES = plain_pdf()
# The roles of the access matrix (tests/access_matrix.py) and their groups; "public" is Odoo's public user.
MATRIX_ROLE_GROUPS = {
    "portal": "base.group_portal",
    "internal": "base.group_user",
    "officer": OFFICER,
    "researcher": RESEARCHER,
    "committee": COMMITTEE_MEMBER,
    "volunteer": VOLUNTEER,
    "manager": MANAGER,
}


class AttaBeneficiaryCase(TransactionCase):
    """The base of every Atta test: users for the roles, helpers to build complete files, the access matrix.

    The addons above extend it (atta_research's AttaResearchCase, and on it atta_survey's and
    atta_distribution's), each adding its own roles in `_create_users` and its own data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_users()
        cls.channel_interview = cls.env.ref("atta_beneficiary.channel_interview")
        cls.channel_phone = cls.env.ref("atta_beneficiary.channel_phone")
        cls.declaration = cls.env.ref("atta_beneficiary.consent_text_declaration_v1")
        cls.required_types = cls.env["atta.document.type"].search([("required_for_registration", "=", True)])

    @classmethod
    def _user(cls, login, groups, name):
        return new_test_user(cls.env, login, groups=groups, name=name, lang="en_US")

    @classmethod
    def _create_users(cls):
        cls.officer = cls._user("atta_officer", OFFICER, "Relations Officer")
        cls.manager = cls._user("atta_manager", MANAGER, "Atta Manager")
        cls.employee = cls._user("atta_employee", "base.group_user", "Other Employee")

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

    @classmethod
    def _matrix_users(cls, prefix):
        """One user per role of the access matrix whose group is installed (an addon tested alone lacks some)."""
        users = {"public": cls.env.ref("base.public_user")}
        for role, group in MATRIX_ROLE_GROUPS.items():
            if cls.env.ref(group, raise_if_not_found=False):
                users[role] = cls._user(f"{prefix}_matrix_{role}", group, f"Matrix {role.title()}")
        return users

    def _data_request(self, kind, beneficiary=None, **values):
        """A data-rights request received at an interview, for the class's `beneficiary` unless another is given."""
        person = beneficiary or self.beneficiary
        return self.env["atta.data.request"].create(
            dict(
                {
                    "kind": kind,
                    "identity_number": person.identity_number,
                    "requester_name": person.name,
                    "channel_id": self.channel_interview.id,
                    "description": f"{person.name} wants her data",
                },
                **values,
            )
        )

    def assertMatrixCoversTheAddon(self, matrix, addon):
        """The table has one row for every model the addon defines, and no other."""
        own = {
            name
            for name, model in self.env.registry.items()
            if model._original_module == addon and not model._abstract and not model._transient
        }
        self.assertEqual(set(matrix), own)

    def assertAccessMatrix(self, matrix, roles, operations, users):
        """Each role's right to each operation on each model is the table's cell; returns the cells checked.

        Roles without a user here (a role of an addon not installed) are left out.
        """
        checked = 0
        for model, row in matrix.items():
            for role, cell in zip(roles, row.split(), strict=True):
                if role not in users:
                    continue
                for letter, operation in zip(cell, operations, strict=True):
                    allowed = self.env[model].with_user(users[role]).has_access(operation)
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(allowed, letter != "-")
                    checked += 1
        self.assertEqual(checked, len(matrix) * len(set(roles) & set(users)) * len(operations))
        return checked
