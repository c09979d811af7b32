"""Each role tries, through the calls the web client makes, what its place in the policy forbids.

Every attempt is refused on the server, and the records are checked afterwards: a refusal that still
changed something is a failure.
"""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaDistributionCase

# AccessError and ValidationError are UserErrors: a refusal of any kind, with its message.
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestDistributionAttacks(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("d_portal_attacker")
        cls.allowance = cls._allowance(amount=1000)
        cls.families = cls._families(2)
        cls.enrolments = cls._enrol_in_bulk(cls.allowance, cls.families, fields.Date.today())

    def assertRefused(self, call, exceptions=REFUSED):
        with self.assertRaises(exceptions):
            call()

    def _computed(self):
        return self._round(self.allowance)

    # ------------------------------------------------------------------ relations officer
    def test_an_officer_cannot_approve_a_round_or_pay_by_writing(self):
        round_ = self._computed()
        as_officer = round_.with_user(self.officer)
        self.assertRefused(lambda: as_officer.action_approve(), AccessError)
        self.assertRefused(lambda: as_officer.write({"state": "approved"}))
        self.assertRefused(lambda: as_officer.web_save({"state": "done"}, {}))
        self.assertRefused(lambda: as_officer.write({"approved_by_id": self.officer.id}))
        self.assertRefused(lambda: as_officer.with_context(atta_step=True).write({"state": "approved"}))
        self.assertRefused(lambda: as_officer.action_cancel(), AccessError)
        line = round_.line_ids[0].with_user(self.officer)
        self.assertRefused(lambda: line.write({"amount": 50_000}))
        self.assertRefused(lambda: line.web_save({"state": "done"}, {}))
        self.assertRefused(lambda: line.unlink())
        Line = self.env["atta.distribution.line"].with_user(self.officer)
        self.assertRefused(
            lambda: Line.create(
                {
                    "round_id": round_.id,
                    "enrolment_id": self.enrolments[0].id,
                    "beneficiary_id": self.families[0].id,
                    "amount": 50_000,
                }
            )
        )
        self.assertEqual(round_.state, "computed")
        self.assertEqual(set(round_.line_ids.mapped("amount")), {1000})
        self.assertEqual(len(round_.line_ids), 2)
        self.assertFalse(round_.batch_id)
        self.assertFalse(round_.approved_by_id)

    def test_an_officer_cannot_create_a_round_already_approved(self):
        Round = self.env["atta.distribution.round"].with_user(self.officer)
        vals = {"programme_id": self.allowance.id, "date": fields.Date.today()}
        self.assertRefused(lambda: Round.create(dict(vals, state="approved")))
        self.assertRefused(lambda: Round.web_save(dict(vals, state="done"), {}))
        self.assertRefused(lambda: Round.create(dict(vals, name="RND-FAKE")))
        self.assertFalse(self.env["atta.distribution.round"].search([]))

    def test_an_officer_cannot_enrol_or_stretch_an_enrolment_by_writing(self):
        enrolment = self.enrolments[0].with_user(self.officer)
        Enrolment = self.env["atta.enrolment"].with_user(self.officer)
        self.assertRefused(
            lambda: Enrolment.create(
                {
                    "programme_id": self.allowance.id,
                    "beneficiary_id": self.beneficiary.id,
                    "date_start": fields.Date.today(),
                }
            )
        )
        self.assertRefused(
            lambda: Enrolment.web_save(
                {
                    "programme_id": self.allowance.id,
                    "beneficiary_id": self.beneficiary.id,
                    "date_start": fields.Date.today(),
                },
                {},
            )
        )
        self.assertRefused(lambda: enrolment.write({"date_end": "2099-12-31"}))
        self.assertRefused(lambda: enrolment.web_save({"state": "active", "programme_id": self.allowance.id}, {}))
        self.assertRefused(lambda: enrolment.write({"beneficiary_id": self.beneficiary.id}))
        self.assertRefused(lambda: enrolment.unlink(), AccessError)
        self.assertRecordValues(
            self.enrolments[0], [{"date_end": False, "beneficiary_id": self.families[0].id, "state": "active"}]
        )
        self.assertFalse(self.env["atta.enrolment"].search([("beneficiary_id", "=", self.beneficiary.id)]))

    def test_an_officer_cannot_sign_a_batch_or_define_funds(self):
        batch = self._approve(self._computed()).batch_id
        as_officer = batch.with_user(self.officer)
        self.assertRefused(lambda: as_officer.action_approve(), AccessError)
        self.assertRefused(lambda: as_officer.write({"state": "posted"}))
        self.assertRefused(lambda: as_officer.web_save({"first_approver_id": self.officer.id}, {}))
        self.assertRefused(lambda: as_officer.unlink(), AccessError)
        self.assertRefused(
            lambda: (
                self.env["atta.fund"]
                .with_user(self.officer)
                .create({"name": "My fund", "journal_id": self.general_journal.id})
            ),
            AccessError,
        )
        self.assertRefused(lambda: self.allowance.with_user(self.officer).write({"amount": 9000}), AccessError)
        self.assertRefused(lambda: self.students.with_user(self.officer).write({"zakat_eligible": True}), AccessError)
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.first_approver_id)
        self.assertEqual(self.allowance.amount, 1000)
        self.assertFalse(self.students.zakat_eligible)

    # ------------------------------------------------------------------ researcher, committee member
    def test_a_researcher_and_a_committee_member_take_no_step_of_the_distribution(self):
        round_ = self._computed()
        request = self._to_committee(self._request(amount_requested=0))
        for user in (self.researcher, self.chair):
            self.assertRefused(lambda u=user: round_.with_user(u).read(["state"]), AccessError)
            self.assertRefused(lambda u=user: round_.with_user(u).action_compute(), AccessError)
            self.assertRefused(lambda u=user: round_.with_user(u).action_approve(), AccessError)
            self.assertRefused(lambda u=user: request.with_user(u).action_enrol(), AccessError)
            self.assertRefused(
                lambda u=user: (
                    self.env["atta.distribution.round"].with_user(u).create({"programme_id": self.allowance.id})
                ),
                AccessError,
            )
            self.assertRefused(lambda u=user: self.enrolments[0].with_user(u).action_suspend(), AccessError)
        self.assertEqual(round_.state, "computed")
        self.assertEqual(self.enrolments[0].state, "active")
        self.assertFalse(request.enrolment_ids)

    def test_a_chair_cannot_enrol_after_the_session_closed(self):
        request = self._request(amount_requested=0)
        decision = self._decide_enrolment(request, self.allowance, months=6)
        other = self._allowance(name="Another allowance")
        self.assertRefused(lambda: decision.with_user(self.chair).write({"programme_id": other.id}))
        self.assertRefused(lambda: decision.with_user(self.chair).write({"enrol_months": 120}))
        self.assertRecordValues(decision, [{"programme_id": self.allowance.id, "enrol_months": 6}])

    # ------------------------------------------------------------------ manager
    def test_a_manager_approves_rounds_but_signs_no_batch_and_forges_no_line(self):
        round_ = self._approve(self._computed())
        batch = round_.batch_id
        as_manager = batch.with_user(self.manager)
        self.assertRefused(lambda: as_manager.action_approve(), AccessError)
        self.assertRefused(lambda: as_manager.write({"state": "posted", "second_approver_id": self.manager.id}))
        self.assertRefused(lambda: as_manager.web_save({"state": "first_approved"}, {}))
        self.assertRefused(lambda: as_manager.unlink())
        self.assertRefused(lambda: round_.line_ids[0].with_user(self.manager).write({"state": "done"}))
        self.assertRefused(lambda: round_.with_user(self.manager).action_approve())
        self.assertRefused(lambda: round_.with_user(self.manager).unlink())
        self.assertRefused(lambda: round_.with_user(self.manager).write({"date": "2030-01-01"}))
        self.assertRefused(
            lambda: self.env["atta.payment.batch"].with_user(self.manager).create({"fund_id": self.zakat_fund.id}),
        )
        self.assertEqual(batch.state, "draft")
        self.assertEqual(set(batch.line_ids.mapped("state")), {"pending"})
        self.assertEqual(round_.date, fields.Date.today())
        self.assertEqual(self.env["atta.payment.batch"].search_count([]), 1)

    # ------------------------------------------------------------------ finance approver
    def test_a_finance_approver_signs_once_and_takes_no_other_step(self):
        round_ = self._computed()
        as_finance = round_.with_user(self.finance_a)
        self.assertRefused(lambda: as_finance.action_approve(), AccessError)
        self.assertRefused(lambda: as_finance.action_compute(), AccessError)
        self.assertRefused(lambda: as_finance.write({"state": "approved"}))
        self.assertEqual(round_.state, "computed")
        self._approve(round_)
        batch = round_.batch_id.with_user(self.finance_a)
        self.assertRefused(lambda: batch.write({"state": "posted"}))
        self.assertRefused(lambda: batch.web_save({"first_approver_id": self.finance_b.id}, {}))
        batch.action_approve()
        self.assertRefused(lambda: batch.action_approve(), AccessError)
        self.assertRefused(lambda: batch.write({"first_approver_id": self.finance_b.id}))
        self.assertRefused(lambda: batch.unlink(), AccessError)
        self.assertRecordValues(
            round_.batch_id,
            [{"state": "first_approved", "first_approver_id": self.finance_a.id, "second_approver_id": False}],
        )
        self.assertFalse(round_.batch_id.sudo().line_ids.payment_id.move_id)

    # ------------------------------------------------------------------ portal, internal user
    def test_a_portal_user_and_an_internal_user_without_a_role_reach_nothing(self):
        round_ = self._approve(self._computed())
        batch = round_.batch_id
        for user in (self.portal, self.employee):
            self.assertRefused(lambda u=user: batch.with_user(u).action_approve(), AccessError)
            self.assertRefused(lambda u=user: batch.with_user(u).read(["total_amount"]), AccessError)
            self.assertRefused(lambda u=user: round_.line_ids.with_user(u).read(["amount"]), AccessError)
            self.assertRefused(lambda u=user: self.enrolments.with_user(u).read(["date_end"]), AccessError)
            self.assertRefused(lambda u=user: self.zakat_fund.with_user(u).read(["balance"]), AccessError)
            self.assertRefused(lambda u=user: batch.with_user(u).action_export_transfer_file(), AccessError)
        self.assertEqual(batch.state, "draft")
