from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaDistributionCase


@tagged("post_install", "-at_install")
class TestRounds(AttaDistributionCase):
    def _suspend(self, families):
        for family in families:
            self.env["atta.beneficiary.status.wizard"].with_user(self.officer).create(
                {"beneficiary_id": family.id, "new_state": "suspended", "reason": "Left the city"}
            ).action_confirm()

    def _expire_identity(self, families, on_date):
        """Identity cards expire over time (the data, not a role's step)."""
        identity = self.env.ref("atta_beneficiary.document_type_identity")
        self.env["atta.beneficiary.document"].search(
            [("beneficiary_id", "in", families.ids), ("document_type_id", "=", identity.id)]
        ).expiry_date = on_date

    def _withdraw_consent(self, family):
        consent = (
            self.env["atta.beneficiary.consent"]
            .with_user(self.officer)
            .create(
                {
                    "beneficiary_id": family.id,
                    "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                    "accepted_by_name": family.name,
                    "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
                }
            )
        )
        consent.with_user(self.officer).action_withdraw()

    def test_a_monthly_allowance_round_for_200_families_makes_200_payments_in_one_batch(self):
        allowance = self._allowance(amount=1000)
        served = self._families(200)
        suspended, expired = self._families(3), self._families(2)
        withdrawn, student = self._families(1), self._families(1, categories=self.students)
        everyone = served | suspended | expired | withdrawn | student
        self._enrol_in_bulk(allowance, everyone, fields.Date.today())
        self._suspend(suspended)
        self._expire_identity(expired, fields.Date.today() - timedelta(days=1))
        self._withdraw_consent(withdrawn)

        round_ = self._round(allowance, title="Allowance Shawwal 1448")
        self.assertEqual(round_.state, "computed")
        self.assertEqual((round_.entitled_count, round_.skipped_count), (200, 7))
        reasons = {line.beneficiary_id: line.skip_reason for line in round_.line_ids if line.state == "skipped"}
        for family in suspended:
            self.assertEqual(reasons[family], "The file is suspended.")
        for family in expired:
            self.assertIn("Expired, unverified or missing documents: Identity card or Iqama", reasons[family])
        self.assertEqual(reasons[withdrawn], "The beneficiary withdrew their consent.")
        self.assertIn("no Zakat-eligible category", reasons[student])
        self.assertEqual(round_.total_amount, 200_000)
        # Nothing leaves before a manager approves.
        self.assertFalse(round_.batch_id)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("journal_id", "=", self.zakat_journal.id), ("payment_type", "=", "outbound")]
            ),
            0,
        )

        self._approve(round_)
        batch = round_.batch_id
        self.assertEqual(round_.state, "approved")
        self.assertEqual(batch.payment_count, 200)
        self.assertEqual(batch.total_amount, 200_000)
        payments = self.env["account.payment"].search(
            [("journal_id", "=", self.zakat_journal.id), ("payment_type", "=", "outbound")]
        )
        self.assertEqual(len(payments), 200)
        self.assertEqual(set(payments.mapped("state")), {"draft"})
        self.assertEqual(payments.partner_id, served.partner_id)
        self.assertEqual(set(payments.mapped("amount")), {1000})
        self.assertEqual(payments.partner_bank_id, served.aid_bank_account_id)

    def test_rounds_stop_after_the_enrolment_end_date(self):
        start = fields.Date.today()
        allowance = self._allowance(date_start=start)
        families = self._families(3)
        self._enrol_in_bulk(allowance, families, start, start + relativedelta(months=3, days=-1))
        for month in range(6):
            with freeze_time(start + relativedelta(months=month, days=1)):
                self.env["atta.programme"]._cron_prepare_rounds()
        rounds = self.env["atta.distribution.round"].search([("programme_id", "=", allowance.id)], order="date")
        self.assertEqual(rounds.mapped("date"), [start + relativedelta(months=m) for m in range(3)])
        self.assertEqual(set(rounds.mapped("state")), {"computed"})
        self.assertEqual([r.entitled_count for r in rounds], [3, 3, 3])
        self.assertEqual(
            set(self.env["atta.enrolment"].search([("programme_id", "=", allowance.id)]).mapped("state")), {"ended"}
        )

    def test_a_family_renews_its_file_yearly_to_stay_entitled(self):
        allowance = self._allowance()
        family = self._families(1)
        self._enrol_in_bulk(allowance, family, fields.Date.today())
        late = family.renewal_due_date + timedelta(days=1)
        with freeze_time(late):
            round_ = self._round(allowance, date=late)
            self.assertIn("yearly renewal", round_.line_ids.skip_reason)
            family.with_user(self.officer).action_renew()
            round_.with_user(self.officer).action_compute()
            self.assertEqual(round_.line_ids.state, "entitled")

    def test_each_step_of_a_round_belongs_to_its_role(self):
        allowance = self._allowance()
        self._enrol_in_bulk(allowance, self._families(2), fields.Date.today())
        Round = self.env["atta.distribution.round"]
        with self.assertRaises(AccessError):
            Round.with_user(self.finance_a).create({"programme_id": allowance.id})
        round_ = self._round(allowance)
        for user in (self.officer, self.researcher, self.chair, self.finance_a, self.employee):
            with self.assertRaises(AccessError):
                round_.with_user(user).action_approve()
        self.assertEqual(round_.state, "computed")
        with self.assertRaises(AccessError):
            round_.with_user(self.finance_a).action_compute()
        self._approve(round_)
        with self.assertRaisesText(UserError, "cannot be taken now"):
            round_.with_user(self.officer).action_compute()
        self.assertEqual(len(round_.line_ids), 2)

    def test_computing_a_round_costs_a_bounded_number_of_queries_per_family(self):
        """Everything is read and written in batches: 40 more families cost no query of their own."""
        allowance = self._allowance()
        Round = self.env["atta.distribution.round"].with_user(self.officer)
        self._enrol_in_bulk(allowance, self._families(10), fields.Date.today())
        small = Round.create({"programme_id": allowance.id, "date": fields.Date.today()})
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        small.action_compute()
        self.env.flush_all()
        small_count = self.env.cr.sql_log_count - before
        self._enrol_in_bulk(allowance, self._families(40), fields.Date.today())
        large = Round.create({"programme_id": allowance.id, "date": fields.Date.today() + timedelta(days=1)})
        self.env.invalidate_all()
        with self.assertQueryCount(small_count + 4):
            large.action_compute()
            self.env.flush_all()
        self.assertEqual((small.entitled_count, large.entitled_count), (10, 50))
        self.assertLessEqual(small_count, 40)
