import zlib

from stdnum import luhn

from odoo.tests import new_test_user

from odoo.addons.atta_beneficiary.tests.common import PDF_BYTES, AttaBeneficiaryCase
from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER

__all__ = ["PDF_BYTES", "AttaResearchCase"]


class AttaResearchCase(AttaBeneficiaryCase):
    """Every role, one committee, and a beneficiary whose file is complete."""

    @classmethod
    def _create_users(cls):
        user = cls._user
        cls.officer = user("r_officer", OFFICER, "Officer Huda")
        cls.researcher = user("r_researcher", RESEARCHER, "Researcher Amal")
        cls.other_researcher = user("r_researcher2", RESEARCHER, "Researcher Nasser")
        cls.chair = user("r_chair", COMMITTEE_MEMBER, "Chair Abdullah")
        cls.member_a = user("r_member_a", COMMITTEE_MEMBER, "Member Salma")
        cls.member_b = user("r_member_b", COMMITTEE_MEMBER, "Member Khalid")
        cls.outsider_member = user("r_member_c", COMMITTEE_MEMBER, "Member of Another Committee")
        cls.manager = user("r_manager", MANAGER, "Manager Reem")
        cls.employee = user("r_employee", "base.group_user", "Accountant")

    def _calls(self, call):
        """The audit entries `call()` wrote."""
        Log = self.env["atta.audit.log"]
        last = Log.search([], limit=1).id or 0
        call()
        return Log.search([("id", ">", last)])

    def assertOneEntry(self, call, user, records):
        """`call()` left exactly one read entry, by `user`, naming `records`."""
        entries = self._calls(call)
        self.assertEqual(len(entries), 1, "exactly one entry for the call")
        self.assertEqual((entries.action, entries.user_id, entries.res_model), ("view", user, records._name))
        self.assertEqual(sorted(map(int, entries.res_ids.split(","))), sorted(records.ids))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        """A file with every document type verified and the declaration signed."""
        beneficiary = cls._beneficiary(
            number, **dict({"name": name, "email": "f@example.com", "lang": "en_US"}, **values)
        )
        for doc_type in cls.env["atta.document.type"].search([]):
            cls._document(beneficiary, doc_type)
        cls._sign_declaration(beneficiary)
        return beneficiary

    @classmethod
    def _matrix_staff(cls, prefix):
        """The matrix's users: one per role installed, the base's own staff where the base has one."""
        return dict(
            cls._matrix_users(prefix),
            internal=cls.employee,
            officer=cls.officer,
            researcher=cls.researcher,
            committee=cls.chair,
            manager=cls.manager,
        )

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

    def _refuse(self, request, reasons="The household income is above the sufficiency line."):
        """A session where the chair and one member refuse `request` on `reasons`, then the chair closes."""
        session = self._session()
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, "reject")
        session.decision_ids.filtered(lambda d: d.request_id == request).with_user(self.chair).reasons = reasons
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
