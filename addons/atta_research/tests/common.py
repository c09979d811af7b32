import base64
import zlib
from contextlib import contextmanager

from stdnum import luhn

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.atta_beneficiary.tests.upload_corpus import plain_pdf

# A scan as the upload inspector accepts it: staff uploads are inspected like the public's.
PDF_BYTES = plain_pdf()


class AttaResearchCase(TransactionCase):
    """Every role, one committee, and a beneficiary whose file is complete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        user = lambda login, groups, name: new_test_user(cls.env, login, groups=groups, name=name, lang="en_US")  # noqa: E731
        cls.officer = user("r_officer", "atta_beneficiary.group_relations_officer", "Officer Huda")
        cls.researcher = user("r_researcher", "atta_research.group_social_researcher", "Researcher Amal")
        cls.other_researcher = user("r_researcher2", "atta_research.group_social_researcher", "Researcher Nasser")
        cls.chair = user("r_chair", "atta_research.group_committee_member", "Chair Abdullah")
        cls.member_a = user("r_member_a", "atta_research.group_committee_member", "Member Salma")
        cls.member_b = user("r_member_b", "atta_research.group_committee_member", "Member Khalid")
        cls.outsider_member = user("r_member_c", "atta_research.group_committee_member", "Member of Another Committee")
        cls.manager = user("r_manager", "atta_beneficiary.group_manager", "Manager Reem")
        cls.employee = user("r_employee", "base.group_user", "Accountant")
        cls.committee = cls.env["atta.committee"].create(
            {
                "name": "Research Committee",
                "chair_id": cls.chair.id,
                "quorum": 2,
                "member_ids": [(6, 0, (cls.chair + cls.member_a + cls.member_b).ids)],
            }
        )
        cls.cash = cls.env.ref("atta_research.support_type_cash")
        cls.food = cls.env.ref("atta_research.support_type_food_basket")
        cls.calendar = cls.env.ref("atta_research.calendar_association")
        cls.env.company.atta_calendar_id = cls.calendar
        cls.beneficiary = cls._complete_beneficiary("1000000008", "Fatimah Ali Alqahtani")

    @classmethod
    def _complete_beneficiary(cls, number, name, **values):
        beneficiary = cls.env["atta.beneficiary"].create(
            dict(
                {
                    "name": name,
                    "identity_number": number,
                    "phone": "0501234567",
                    "email": "f@example.com",
                    "lang": "en_US",
                },
                **values,
            )
        )
        for doc_type in cls.env["atta.document.type"].search([]):
            document = cls.env["atta.beneficiary.document"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "document_type_id": doc_type.id,
                    "attachment": base64.b64encode(PDF_BYTES),
                    "attachment_name": "scan.pdf",
                }
            )
            document.action_verify()
        cls.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": beneficiary.id,
                "text_id": cls.env.ref("atta_beneficiary.consent_text_declaration_v1").id,
                "accepted_by_name": name,
                "channel_id": cls.env.ref("atta_beneficiary.channel_interview").id,
            }
        )
        return beneficiary

    @classmethod
    def _portal_beneficiary(cls, login, beneficiary=None):
        """A portal account of a beneficiary (the default household unless another is given)."""
        return new_test_user(
            cls.env,
            login,
            groups="base.group_portal",
            name="Portal Fatimah",
            partner_id=(beneficiary or cls.beneficiary).partner_id.id,
        )

    def assertAccessMatrix(self, matrix, roles, operations, users):
        """Each role's right to each operation on each model is the table's cell; returns the cells checked."""
        checked = 0
        for model, row in matrix.items():
            for role, cell in zip(roles, row.split(), strict=True):
                for letter, operation in zip(cell, operations, strict=True):
                    allowed = self.env[model].with_user(users[role]).has_access(operation)
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(allowed, letter != "-")
                    checked += 1
        self.assertEqual(checked, len(matrix) * len(roles) * len(operations))
        return checked

    _households = 0

    @classmethod
    def _household(cls, name=None):
        """Another complete household file, with a valid identity number of its own."""
        cls._households += 1
        body = f"1{cls._households:04d}{zlib.crc32(cls.__name__.encode()) % 10000:04d}"
        number = body + luhn.calc_check_digit(body)
        return cls._complete_beneficiary(number, name or f"Household {cls._households}")

    def _request(self, support_type=None, beneficiary=None, **values):
        """A draft request, recorded by the relations officer at the desk.

        A household has one open request of a type at a time: when the default household already
        has one, the request is another household's.
        """
        support_type = support_type or self.cash
        if not beneficiary and self.env["atta.support.request"].search_count(
            [
                ("beneficiary_id", "=", self.beneficiary.id),
                ("support_type_id", "=", support_type.id),
                (
                    "state",
                    "in",
                    ("draft", "submitted", "verification", "research", "committee", "needs_info", "approved"),
                ),
            ]
        ):
            beneficiary = self._household()
        return (
            self.env["atta.support.request"]
            .with_user(self.officer)
            .create(
                dict(
                    {
                        "beneficiary_id": (beneficiary or self.beneficiary).id,
                        "support_type_id": support_type.id,
                        "amount_requested": 3000,
                        "description": "Rent arrears for three months",
                    },
                    **values,
                )
            )
            .with_user(self.env.user)
        )

    def _to_research(self, request, researcher=None):
        """The officer submits, checks the documents and assigns the researcher."""
        as_officer = request.with_user(self.officer)
        if request.state == "draft":
            as_officer.action_submit()
        as_officer.action_start_verification()
        as_officer.researcher_id = researcher or self.researcher
        as_officer.action_verify()
        return request

    def _research(self, request, score_amount=2500, recommendation="approve"):
        """The assigned researcher writes and completes the research report."""
        visit = self.env["atta.research.visit"].with_user(request.researcher_id).create({"request_id": request.id})
        visit.write({"recommendation": recommendation, "recommended_amount": score_amount})
        visit.action_done()
        return visit.with_user(self.env.user)

    def _to_committee(self, request, score_amount=2500, researcher=None):
        """Submit, check documents, research and send to the committee, each by whom does it."""
        self._to_research(request, researcher)
        self._research(request, score_amount)
        request.with_user(request.researcher_id).action_send_to_committee()
        return request

    def _session(self, attendees=None):
        """The chair plans a session, records who is present and loads the agenda."""
        session = self.env["atta.committee.session"].with_user(self.chair).create({"committee_id": self.committee.id})
        session.attendee_ids = attendees if attendees is not None else (self.chair + self.member_a + self.member_b)
        session.action_load_agenda()
        return session.with_user(self.env.user)

    def _decide(self, request, vote="approve"):
        """A session where the chair and one member vote the same way on `request`, then the chair closes."""
        session = self._session()
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, vote)
        session.with_user(self.chair).action_close()
        return session

    def _register(self, beneficiary=None):
        """Registration completes the file after the decision, before the service [S7.6]."""
        beneficiary = beneficiary or self.beneficiary
        if beneficiary.state != "registered":
            beneficiary.with_user(self.officer).action_register()
        return beneficiary

    def _deliver(self, beneficiary=None, researcher=None):
        """A request approved for 2,500 and delivered in full by the officer."""
        request = self._to_committee(self._request(beneficiary=beneficiary), researcher=researcher)
        self._decide(request)
        self._register(request.beneficiary_id)
        delivery = (
            self.env["atta.support.delivery"].with_user(self.officer).create({"request_id": request.id, "amount": 2500})
        )
        delivery.action_confirm()
        return request

    def _vote(self, session, request, member, vote, comment=""):
        """The member casts their own vote."""
        decision = session.decision_ids.filtered(lambda d: d.request_id == request)
        return (
            self.env["atta.committee.vote"]
            .with_user(member)
            .create({"decision_id": decision.id, "member_id": member.id, "vote": vote, "comment": comment})
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))
