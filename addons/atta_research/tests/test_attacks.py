"""Each role tries, through the calls the web client makes, what its place in the policy forbids.

Every attempt is refused on the server, and the record is checked afterwards: a refusal that
still changed something is a failure.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaResearchCase

# AccessError and ValidationError are both UserErrors: a refusal of any kind, with its message.
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestRoleAttacks(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_family = cls._complete_beneficiary("2000000006", "Maryam Yousef", identity_type="iqama")
        cls.other_family.write(
            {
                "family_member_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Yousef Junior",
                            "relation": "son",
                            "identity_number": "1000000016",
                            "health_notes": "Asthma",
                        },
                    )
                ],
                "income_line_ids": [(0, 0, {"income_type": "pension", "amount": 1900})],
                "expense_line_ids": [(0, 0, {"expense_type": "rent", "amount": 1500})],
            }
        )
        cls.portal = cls._portal_beneficiary("r_portal_attacker")

    def assertRefused(self, call, exceptions=REFUSED):
        with self.assertRaises(exceptions):
            call()

    def _submitted(self, beneficiary=None):
        request = self._request(beneficiary=beneficiary)
        request.with_user(self.officer).action_submit()
        return request

    def _approved(self):
        request = self._to_committee(self._request())
        self._decide(request)
        return request

    # ------------------------------------------------------------------ relations officer
    def test_an_officer_cannot_decide_a_request_by_writing_it(self):
        request = self._submitted()
        as_officer = request.with_user(self.officer)
        self.assertRefused(lambda: as_officer.write({"state": "approved", "approved_amount": 50000}))
        self.assertRefused(lambda: as_officer.web_save({"state": "approved"}, {}))
        self.assertRefused(lambda: as_officer.web_save({"approved_amount": 50000}, {}))
        self.assertRefused(
            lambda: as_officer.write({"decision_reason": "Approved by me", "decision_date": "2026-12-01"})
        )
        self.assertRefused(lambda: as_officer.write({"eligibility_score": 99, "recommended_amount": 9000}))
        self.assertRefused(lambda: as_officer.write({"deadline": "2030-01-01"}))
        self.assertRefused(
            lambda: as_officer.with_context(atta_committee_decision=True, atta_erasing=True).write(
                {"state": "approved", "approved_amount": 50000}
            )
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.approved_amount, 0)
        self.assertFalse(request.decision_reason)

    def test_an_officer_cannot_create_a_request_already_decided(self):
        Request = self.env["atta.support.request"].with_user(self.officer)
        before = Request.search_count([])
        vals = {"beneficiary_id": self.beneficiary.id, "support_type_id": self.cash.id}
        self.assertRefused(lambda: Request.create(dict(vals, state="approved", approved_amount=50000)))
        self.assertRefused(lambda: Request.web_save(dict(vals, state="delivered"), {}))
        self.assertRefused(lambda: Request.create(dict(vals, name="REQ-FAKE-1")))
        self.assertEqual(Request.search_count([]), before)

    def test_an_officer_cannot_serve_a_request_outside_its_decision(self):
        submitted = self._submitted()
        Delivery = self.env["atta.support.delivery"].with_user(self.officer)
        self.assertRefused(lambda: Delivery.create({"request_id": submitted.id, "amount": 50000}))
        approved = self._approved()
        self.assertRefused(
            lambda: Delivery.create({"request_id": approved.id, "amount": 100}), UserError
        )  # the file is not registered yet [S7.6]
        self._register(approved.beneficiary_id)
        self.assertRefused(lambda: Delivery.create({"request_id": approved.id, "amount": 2500, "state": "done"}))
        self.assertRefused(lambda: Delivery.create({"request_id": approved.id, "amount": 2501}))
        delivery = Delivery.create({"request_id": approved.id, "amount": 1000})
        self.assertRefused(lambda: delivery.write({"state": "done"}))
        self.assertRefused(lambda: delivery.web_save({"amount": 50000}, {}))
        self.assertRefused(lambda: delivery.write({"request_id": submitted.id}))
        self.assertEqual((delivery.state, delivery.amount, delivery.request_id), ("draft", 1000, approved))
        delivery.action_confirm()
        self.assertRefused(lambda: delivery.write({"amount": 2500}))
        self.assertRefused(lambda: delivery.action_confirm())
        self.assertEqual(approved.delivered_amount, 1000)
        self.assertFalse(Delivery.search([("request_id", "=", submitted.id)]), "nothing was served on it")

    def test_an_in_kind_request_is_capped_too(self):
        request = self._to_committee(self._request(support_type=self.food, amount_requested=400), score_amount=400)
        self._decide(request)
        self._register()
        self.assertEqual(request.approved_amount, 400)
        Delivery = self.env["atta.support.delivery"].with_user(self.officer)
        self.assertRefused(lambda: Delivery.create({"request_id": request.id, "amount": 900, "items": "3 baskets"}))
        Delivery.create({"request_id": request.id, "amount": 400, "items": "One basket"}).action_confirm()
        self.assertEqual(request.state, "delivered")
        self.assertRefused(lambda: Delivery.create({"request_id": request.id, "amount": 0, "items": "Another basket"}))

    def test_a_rejected_request_cannot_be_turned_into_an_approved_one(self):
        request = self._to_committee(self._request())
        self._refuse(request, "Income above the line.")
        self.assertEqual(request.state, "rejected")
        for user in (self.officer, self.manager):
            self.assertRefused(lambda u=user: request.with_user(u).write({"state": "approved"}))
        self._register()
        self.assertRefused(
            lambda: (
                self.env["atta.support.delivery"]
                .with_user(self.officer)
                .create({"request_id": request.id, "items": "Food basket"})
            )
        )
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.delivery_ids)

    def test_an_officer_does_not_run_the_committee_or_the_research(self):
        request = self._to_research(self._request())
        self.assertRefused(
            lambda: self.env["atta.research.visit"].with_user(self.officer).create({"request_id": request.id})
        )
        visit = self._research(request)
        self.assertRefused(lambda: visit.with_user(self.officer).write({"score": 100}))
        request.with_user(self.researcher).action_send_to_committee()
        session = self._session()
        self.assertRefused(lambda: session.with_user(self.officer).action_open())
        self.assertRefused(lambda: session.with_user(self.officer).action_close())
        self.assertRefused(
            lambda: (
                self.env["atta.committee.vote"]
                .with_user(self.officer)
                .create({"decision_id": session.decision_ids.id, "member_id": self.officer.id, "vote": "approve"})
            )
        )
        self.assertEqual(session.state, "draft")
        self.assertFalse(session.decision_ids.vote_ids)

    def test_a_submitted_request_keeps_its_applicant(self):
        request = self._submitted()
        self.assertRefused(lambda: request.with_user(self.officer).write({"beneficiary_id": self.other_family.id}))
        self.assertRefused(lambda: request.with_user(self.officer).write({"support_type_id": self.food.id}))
        self.assertEqual(request.beneficiary_id, self.beneficiary)

    # ------------------------------------------------------------------ social researcher
    def test_a_researcher_acts_only_through_the_research_report(self):
        request = self._to_research(self._request())
        as_researcher = request.with_user(self.researcher)
        self.assertRefused(lambda: as_researcher.write({"state": "approved", "approved_amount": 50000}))
        self.assertRefused(lambda: as_researcher.web_save({"approved_amount": 50000}, {}))
        self.assertRefused(lambda: as_researcher.write({"beneficiary_id": self.other_family.id}))
        self.assertRefused(lambda: as_researcher.write({"researcher_id": self.other_researcher.id}))
        self.assertRefused(lambda: as_researcher.action_verify())
        self.assertRefused(lambda: as_researcher.action_close())
        self.assertRefused(
            lambda: (
                self.env["atta.support.delivery"]
                .with_user(self.researcher)
                .create({"request_id": request.id, "amount": 10})
            )
        )
        self.assertEqual(
            (request.state, request.beneficiary_id, request.researcher_id),
            ("research", self.beneficiary, self.researcher),
        )

    def test_a_researcher_cannot_type_the_household_or_the_score(self):
        request = self._to_research(self._request())
        Visit = self.env["atta.research.visit"].with_user(self.researcher)
        self.assertRefused(
            lambda: Visit.create(
                {
                    "request_id": request.id,
                    "household_size": 12,
                    "line_ids": [(0, 0, {"kind": "income", "line_type": "salary", "amount": 0})],
                }
            )
        )
        self.assertRefused(lambda: Visit.create({"request_id": request.id, "score": 100, "state": "done"}))
        visit = Visit.create({"request_id": request.id})
        self.assertEqual(visit.household_size, self.beneficiary.household_size, "the snapshot of the file")
        visit.write({"line_ids": [(0, 0, {"kind": "income", "line_type": "salary", "amount": 4000})]})
        self.assertRefused(lambda: visit.write({"score": 100}))
        self.assertRefused(lambda: visit.write({"state": "done"}))
        self.assertRefused(
            lambda: (
                self.env["atta.eligibility.score.line"]
                .with_user(self.researcher)
                .create({"visit_id": visit.id, "name": "Bonus", "points": 100})
            )
        )
        self.assertRefused(lambda: visit.write({"request_id": self._submitted(self.other_family).id}))
        visit.write({"recommendation": "approve", "recommended_amount": 2500})
        visit.action_done()
        self.assertRefused(lambda: visit.write({"recommended_amount": 9000}))
        self.assertRefused(lambda: visit.line_ids.write({"amount": 0}))
        self.assertRefused(lambda: visit.write({"household_size": 9}))
        self.assertRefused(lambda: visit.line_ids.unlink())
        self.assertRefused(lambda: visit.action_reset())
        self.assertEqual((visit.state, visit.recommended_amount, request.recommended_amount), ("done", 2500, 2500))
        self.assertEqual(visit.monthly_income, 4000)
        self.assertNotEqual(visit.score, 100)

    def test_a_researcher_acts_only_on_the_requests_assigned_to_them(self):
        theirs = self._to_research(self._request(beneficiary=self.other_family), researcher=self.other_researcher)
        self.assertRefused(
            lambda: self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": theirs.id})
        )
        self.assertRefused(lambda: theirs.with_user(self.researcher).action_send_to_committee())
        self.assertRefused(lambda: theirs.with_user(self.researcher)._request_information("Bring papers"))
        self.assertEqual(theirs.state, "research")
        self.assertFalse(theirs.visit_ids)

    def test_a_researcher_sees_no_household_that_is_not_theirs(self):
        self._to_research(self._request())
        Member = self.env["atta.family.member"].with_user(self.researcher)
        self.assertFalse(Member.search([("beneficiary_id", "=", self.other_family.id)]))
        self.assertRefused(
            lambda: self.other_family.family_member_ids.with_user(self.researcher).read(
                ["name", "identity_number", "health_notes"]
            ),
            AccessError,
        )
        self.assertRefused(
            lambda: self.other_family.income_line_ids.with_user(self.researcher).read(["amount"]), AccessError
        )
        self.assertRefused(
            lambda: self.other_family.expense_line_ids.with_user(self.researcher).read(["amount"]), AccessError
        )
        self.assertFalse(
            self.env["atta.income.line"]
            .with_user(self.researcher)
            .search([("beneficiary_id", "=", self.other_family.id)])
        )
        self.assertFalse(
            self.env["atta.expense.line"]
            .with_user(self.researcher)
            .search([("beneficiary_id", "=", self.other_family.id)])
        )
        self.assertFalse(
            self.env["atta.beneficiary.document"]
            .with_user(self.researcher)
            .search([("beneficiary_id", "=", self.other_family.id)])
        )
        self.assertEqual(
            Member.search([]).beneficiary_id,
            self.beneficiary.filtered("family_member_ids"),
            "only the household studied",
        )

    def test_a_researcher_cannot_reach_another_file_through_a_referred_contact(self):
        contact = (
            self.env["atta.interaction"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Explain the procedure",
                    "beneficiary_id": self.beneficiary.id,
                    "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
                    "referred_user_id": self.researcher.id,
                }
            )
        )
        as_researcher = contact.with_user(self.researcher)
        self.assertRefused(lambda: as_researcher.write({"beneficiary_id": self.other_family.id}))
        self.assertRefused(lambda: as_researcher.web_save({"beneficiary_id": self.other_family.id}, {}))
        self.assertRefused(lambda: as_researcher.write({"referred_user_id": self.other_researcher.id}))
        as_researcher.write({"answer": "Explained the documents needed."})
        self.assertEqual(contact.beneficiary_id, self.beneficiary)
        self.assertRefused(lambda: self.other_family.with_user(self.researcher).read(["identity_number"]), AccessError)

    def test_a_researcher_sees_only_the_deliveries_and_lines_of_their_requests(self):
        other = self._deliver(beneficiary=self.other_family, researcher=self.other_researcher)
        self.assertFalse(
            self.env["atta.support.delivery"].with_user(self.researcher).search([("request_id", "=", other.id)])
        )
        self.assertFalse(
            self.env["atta.research.visit.line"]
            .with_user(self.researcher)
            .search([("visit_id.request_id", "=", other.id)])
        )
        self.assertFalse(
            self.env["atta.eligibility.score.line"]
            .with_user(self.researcher)
            .search([("visit_id.request_id", "=", other.id)])
        )
        self.assertTrue(
            self.env["atta.support.delivery"].with_user(self.other_researcher).search([("request_id", "=", other.id)])
        )

    # ------------------------------------------------------------------ committee member and chair
    def test_a_member_who_is_not_the_chair_does_not_run_the_session(self):
        request = self._to_committee(self._request())
        session = self._session()
        as_member = session.with_user(self.member_a)
        self.assertRefused(lambda: as_member.action_load_agenda())
        self.assertRefused(lambda: as_member.action_open())
        self.assertRefused(lambda: as_member.write({"state": "open"}))
        session.with_user(self.chair).action_open()
        self.assertRefused(lambda: as_member.action_close())
        self.assertRefused(lambda: session.decision_ids.with_user(self.member_a).write({"result": "approved"}))
        self.assertRefused(lambda: session.decision_ids.with_user(self.member_a).write({"proposed_amount": 1}))
        self.assertRefused(
            lambda: (
                self.env["atta.committee.vote"]
                .with_user(self.member_a)
                .create({"decision_id": session.decision_ids.id, "member_id": self.member_b.id, "vote": "approve"})
            )
        )
        self.assertRefused(lambda: request.with_user(self.member_a).write({"state": "approved"}))
        self.assertEqual((session.state, request.state), ("open", "committee"))
        self.assertFalse(session.decision_ids.vote_ids)

    def test_the_chair_cannot_bend_the_agenda_the_attendance_or_the_votes(self):
        waiting = self._to_committee(self._request())
        in_research = self._to_research(self._request(beneficiary=self.other_family))
        other_committee = self.env["atta.committee"].create(
            {
                "name": "Housing Committee",
                "chair_id": self.outsider_member.id,
                "quorum": 1,
                "member_ids": [(6, 0, self.outsider_member.ids)],
            }
        )
        other_committee.support_type_ids = self.food  # setup: food baskets go to the other committee
        elsewhere = self._to_committee(
            self._request(
                support_type=self.food,
                amount_requested=300,
                beneficiary=(self._complete_beneficiary("1000000024", "Huda Saleh")),
            ),
            score_amount=300,
        )
        self.assertEqual(elsewhere.committee_id, other_committee)
        session = self._session()
        self.assertEqual(session.decision_ids.request_id, waiting, "only what waits for this committee")
        Decision = self.env["atta.committee.decision"].with_user(self.chair)
        self.assertRefused(lambda: Decision.create({"session_id": session.id, "request_id": in_research.id}))
        self.assertRefused(lambda: Decision.create({"session_id": session.id, "request_id": elsewhere.id}))
        self.assertRefused(
            lambda: Decision.create({"session_id": session.id, "request_id": waiting.id, "result": "approved"})
        )
        as_chair = session.with_user(self.chair)
        self.assertRefused(lambda: as_chair.write({"attendee_ids": [(4, self.officer.id)]}))
        self.assertRefused(lambda: as_chair.write({"attendee_ids": [(4, self.outsider_member.id)]}))
        self.assertNotIn(self.outsider_member, session.attendee_ids)
        self.assertRefused(lambda: as_chair.write({"state": "closed"}))
        self.assertRefused(lambda: as_chair.write({"minutes": "<p>All approved</p>"}))
        decision = session.decision_ids
        self.assertRefused(lambda: decision.with_user(self.chair).write({"result": "approved", "approved_amount": 9}))
        self.assertRefused(lambda: decision.with_user(self.chair).write({"request_id": in_research.id}))
        as_chair.action_open()
        self.assertRefused(
            lambda: (
                self.env["atta.committee.vote"]
                .with_user(self.chair)
                .create({"decision_id": decision.id, "member_id": self.member_a.id, "vote": "approve"})
            )
        )
        self._vote(session, waiting, self.chair, "approve")
        self._vote(session, waiting, self.member_a, "approve")
        as_chair.action_close()
        self.assertRefused(lambda: decision.with_user(self.chair).write({"proposed_amount": 1}))
        self.assertRefused(lambda: decision.with_user(self.manager).unlink())
        self.assertEqual((waiting.state, in_research.state, elsewhere.state), ("approved", "research", "committee"))
        self.assertEqual(session.decision_ids.request_id, waiting)

    def test_a_closed_session_stays_closed_whatever_context_is_sent(self):
        request = self._to_committee(self._request())
        session = self._decide(request)
        spoofed = session.with_user(self.chair).with_context(atta_closing=True, atta_erasing=True)
        self.assertRefused(lambda: spoofed.write({"notes": "<p>Changed afterwards</p>"}))
        self.assertRefused(
            lambda: (
                session.decision_ids.with_user(self.chair)
                .with_context(atta_closing=True)
                .write({"approved_amount": 9999})
            )
        )
        self.assertRefused(
            lambda: (
                session.decision_ids.vote_ids.filtered(lambda v: v.member_id == self.member_a)
                .with_user(self.member_a)
                .with_context(atta_erasing=True)
                .write({"vote": "reject"})
            )
        )
        self.assertEqual(request.approved_amount, 2500)
        self.assertFalse(session.notes)

    # ------------------------------------------------------------------ portal and internal users
    def test_a_portal_beneficiary_only_reads_their_own_requests(self):
        mine = self._submitted()
        theirs = self._submitted(self.other_family)
        as_portal = mine.with_user(self.portal)
        self.assertRefused(lambda: as_portal.write({"description": "More please"}), AccessError)
        self.assertRefused(lambda: as_portal.action_submit(), AccessError)
        self.assertRefused(lambda: theirs.with_user(self.portal).read(["name"]), AccessError)
        self.assertRefused(
            lambda: (
                self.env["atta.support.delivery"].with_user(self.portal).create({"request_id": mine.id, "amount": 1})
            ),
            AccessError,
        )
        self.assertTrue(self.other_family.family_member_ids)
        self.assertRefused(
            lambda: self.other_family.family_member_ids.with_user(self.portal).read(["name"]), AccessError
        )
        self.assertEqual(mine.description, "Rent arrears for three months")

    def test_an_internal_user_without_an_atta_role_reaches_nothing(self):
        request = self._deliver()
        for record in (
            request,
            request.delivery_ids,
            request.visit_ids,
            self.other_family.family_member_ids,
            self.other_family.income_line_ids,
            self.other_family.expense_line_ids,
        ):
            self.assertTrue(record)
            self.assertRefused(lambda r=record: r.with_user(self.employee).read(["display_name"]), AccessError)
        self.assertRefused(lambda: request.delivery_ids.with_user(self.employee).action_confirm(), AccessError)
        self.assertRefused(lambda: request.with_user(self.employee).action_close(), AccessError)
        self.assertEqual(request.state, "delivered")


@tagged("post_install", "-at_install")
class TestReviewedPaths(AttaResearchCase):
    """Paths found by a review: each is tried as the role that could misuse it, and the state checked after."""

    def test_a_request_withdrawn_from_the_agenda_is_never_decided(self):
        request = self._to_committee(self._request())
        session = self._session()
        wizard = self.env["atta.request.action.wizard"]
        with self.assertRaisesText(UserError, session.name):
            wizard.with_user(self.officer).create(
                {"request_id": request.id, "action": "cancel", "note": "Applicant withdrew"}
            ).action_confirm()
        with self.assertRaisesText(UserError, session.name):
            request.with_user(self.researcher)._request_information("Bring the lease")
        self.assertEqual(request.state, "committee")
        # Withdrawn by a manager straight in the database (an import, a fix): closing still does not decide it.
        session.with_user(self.chair).action_open()
        for member in (self.chair, self.member_a):
            self._vote(session, request, member, "approve")
        request.sudo().write({"state": "cancelled", "cancel_reason": "Applicant withdrew"})
        session.with_user(self.chair).action_close()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.approved_amount)

    def test_a_closed_session_cannot_be_deleted_even_by_a_manager(self):
        request = self._to_committee(self._request())
        session = self._decide(request)
        with self.assertRaisesText(UserError, "cannot be deleted"):
            session.with_user(self.manager).unlink()
        self.assertTrue(session.exists())
        self.assertEqual(session.decision_ids.request_id, request)

    def test_no_decision_letter_before_a_decision(self):
        request = self._request()
        request.with_user(self.officer).action_submit()
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("atta_research.action_report_decision_letter", request.ids)
        )
        self.assertIn(b"has not decided on this request yet", html)
        self.assertNotIn(b"could not approve", html)
        self.assertNotIn(b"approved your request", html)

    def test_officers_do_not_reach_the_research_files(self):
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        photo = (
            self.env["ir.attachment"]
            .with_user(self.researcher)
            .create(
                {
                    "name": "kitchen.png",
                    "raw": b"\x89PNG\r\n\x1a\n",
                    "res_model": "atta.research.visit",
                    "res_id": visit.id,
                }
            )
        )
        visit.write({"attachment_ids": [(4, photo.id)]})
        Attachment = self.env["ir.attachment"]
        self.assertFalse(
            Attachment.with_user(self.officer).search_read([("res_model", "=", "atta.research.visit")], ["name"])
        )
        self.assertFalse(Attachment.with_user(self.officer).search([("id", "=", photo.id)]))
        with self.assertRaises(AccessError):
            photo.with_user(self.officer).read(["datas"])
        self.assertEqual(
            Attachment.with_user(self.researcher).search([("res_model", "=", "atta.research.visit")]), photo
        )

    def test_a_beneficiarys_contact_is_not_in_the_shared_contact_book(self):
        other = self._household("Hidden Household")
        self.env["res.partner.bank"].create(
            {"partner_id": other.partner_id.id, "acc_number": "SA0380000000608010167519"}
        )
        self._to_research(self._request())
        Partner = self.env["res.partner"]
        for user in (self.employee, self.researcher, self.member_a):
            with self.subTest(user=user.login):
                self.assertFalse(Partner.with_user(user).search([("id", "=", other.partner_id.id)]))
                with self.assertRaises(AccessError):
                    other.partner_id.with_user(user).read(["phone", "email"])
                self.assertFalse(
                    self.env["res.partner.bank"].with_user(user).search([("partner_id", "=", other.partner_id.id)])
                )
        self.assertEqual(
            self.beneficiary.partner_id.with_user(self.researcher).phone,
            self.beneficiary.phone,
            "the researcher sees the contact of the person they study",
        )
        self.assertTrue(Partner.with_user(self.officer).search([("id", "=", other.partner_id.id)]))
        self.assertTrue(
            Partner.with_user(self.employee).search([("id", "=", self.employee.partner_id.id)]),
            "colleagues and other contacts stay visible",
        )

    def test_reopening_at_the_desk_takes_only_contact_details(self):
        self.beneficiary._set_status("archived", "Moved to Jeddah")
        reopened = (
            self.env["atta.beneficiary"]
            .with_user(self.officer)
            .create(
                {
                    "name": self.beneficiary.name,
                    "identity_number": self.beneficiary.identity_number,
                    "legal_hold": True,
                    "legal_hold_reason": "Blocks the person's erasure",
                    "gender": "female",
                }
            )
        )
        self.assertEqual(reopened, self.beneficiary)
        self.assertFalse(reopened.legal_hold)
        self.assertEqual(reopened.gender, "female")
        with self.assertRaises(UserError):
            reopened.with_user(self.officer).write({"identity_unverified": True})
        reopened.sudo().write({"identity_unverified": True})
        with self.assertRaises(UserError):
            reopened.with_user(self.officer).write({"identity_unverified": False})
        self.assertTrue(reopened.identity_unverified)
