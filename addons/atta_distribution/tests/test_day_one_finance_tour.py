from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tools.roles import FINANCE
from odoo.addons.atta_research.tests.day_one import DayOneCase

from .common import saudi_iban


@tagged("-standard", "atta_day_one", "post_install", "-at_install")
class TestDayOneFinanceTour(DayOneCase):
    """The finance approvers' first day, on the database of the step `first start` of tests/run.py (made as
    config/start-atta.sh makes it): each signs the batch from their start screen, in Arabic.

    The batch is the association's first: the manager opens a fund on the bank journal of the Saudi chart and
    records a donation into it, creates the monthly allowance; two families go through research to the
    committee, which enrols them; the officer prepares the round and the manager approves it. Each step is
    done by its role, as the web client does it; the admin only created the users.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance_a = cls._staff("sami", "سامي أمين الصندوق", FINANCE)
        cls.finance_b = cls._staff("noura", "نورة عضو مجلس الإدارة", FINANCE)

    # ------------------------------------------------------------------ what other roles did before
    def _fund_with_a_donation(self, amount):
        """The manager opens the general fund on the chart's bank journal and records a donation into it."""
        journal = self.env["account.journal"].with_user(self.manager).search([("type", "=", "bank")], limit=1)
        self.assertTrue(journal, "the Saudi chart of the first start gives the association a bank journal")
        Fund = self.env["atta.fund"].with_user(self.manager)
        saved = Fund.web_save({"name": "صندوق التبرعات العامة", "kind": "general", "journal_id": journal.id}, {})
        fund = Fund.browse(saved[0]["id"])
        # «Record a Donation» on the fund's form: the wizard opened on the fund.
        donor_id, _name = self.env["res.partner"].with_user(self.manager).name_create("فاعل خير")
        Donation = self.env["atta.fund.donation"].with_user(self.manager).with_context(active_id=fund.id)
        saved = Donation.with_context(default_fund_id=fund.id).web_save({"donor_id": donor_id, "amount": amount}, {})
        Donation.browse(saved[0]["id"]).action_confirm()
        return fund.with_env(self.env)

    def _allowance(self, fund, amount):
        """The manager creates the monthly cash allowance paid from the fund."""
        Programme = self.env["atta.programme"].with_user(self.manager)
        values = {
            "name": "المعونة الشهرية",
            "kind": "cash",
            "frequency": "monthly",
            "fund_id": fund.id,
            "amount": amount,
            "date_start": fields.Date.to_string(fields.Date.today()),
        }
        return Programme.browse(Programme.web_save(values, {})[0]["id"]).with_env(self.env)

    def _family_paid_by_transfer(self, name, number, serial):
        """The officer's file of a family paid by bank transfer: papers, the IBAN of the certificate on the file;
        a finance approver then trusts the IBAN against the verified certificate."""
        iban = saudi_iban(serial)
        registration = self.env["atta.document.type"].search([("required_for_registration", "=", True)])
        family = self._family_file(
            name,
            number,
            support_type=self.env.ref("atta_research.support_type_cash"),
            extra_types=registration,
            iban=iban,
            aid_payment_method="transfer",
        )
        bank = (
            self.env["res.partner.bank"]
            .with_user(self.officer)
            .create({"partner_id": family.partner_id.id, "acc_number": iban})
        )
        family.with_user(self.officer).web_save({"aid_bank_account_id": bank.id}, {})
        bank.with_user(self.finance_a).action_trust_for_aid()
        return family

    def _enrolled(self, families, programme):
        """Cash requests through research to the committee, which enrols the families in the programme; the
        officer registers the files and carries out the decision."""
        cash = self.env.ref("atta_research.support_type_cash")
        requests = self.env["atta.support.request"]
        for family in families:
            request = self._referred(family, self._today_at(9), support_type=cash)
            requests |= self._researched(request, recommended_amount=programme.amount)
        Session = self.env["atta.committee.session"].with_user(self.chair)
        session = Session.browse(Session.web_save({"committee_id": self.committee.id}, {})[0]["id"])
        session.action_load_agenda()
        session.web_save({"attendee_ids": [Command.set(self.chair.ids)]}, {})
        for decision in session.decision_ids:
            decision.web_save({"programme_id": programme.id, "proposed_amount": 0, "enrol_months": 12}, {})
        session.action_open()
        for decision in session.decision_ids:
            action = decision.action_open_votes()
            Votes = self.env["atta.committee.vote"].with_user(self.chair).with_context(**action["context"])
            Votes.web_save({"vote": "approve"}, {})
        session.action_close()
        self.assertEqual(set(requests.mapped("state")), {"approved"})
        families.with_user(self.officer).action_register()
        requests.with_user(self.officer).action_enrol()
        return requests

    def _approved_round(self, programme):
        """The officer prepares the round and computes who is entitled; the manager approves it."""
        Round = self.env["atta.distribution.round"].with_user(self.officer)
        values = {"programme_id": programme.id, "date": fields.Date.to_string(fields.Date.today())}
        round_ = Round.browse(Round.web_save(values, {})[0]["id"])
        round_.action_compute()
        round_.with_user(self.manager).action_approve()
        return round_.with_env(self.env)

    # ------------------------------------------------------------------ the first day
    def test_two_approvers_sign_the_batch_from_their_start_screens(self):
        self._name_the_chair()
        fund = self._fund_with_a_donation(5000)
        self.assertEqual(fund.balance, 5000)
        checklist = {i["key"]: i for i in self.env["atta.home"].with_user(self.manager).get_home_data()["checklist"]}
        self.assertTrue(checklist["fund_money"]["done"], "the checklist no longer asks for money in a fund")
        allowance = self._allowance(fund, 1000)
        families = self._family_paid_by_transfer("مريم علي الشهري", "100000106", 1) | self._family_paid_by_transfer(
            "فاطمة حسن الغامدي", "100000114", 2
        )
        self._enrolled(families, allowance)
        batch = self._approved_round(allowance).batch_id
        self.assertEqual((batch.state, batch.total_amount), ("draft", 2000))

        self.start_tour("/odoo", "atta_first_day_finance_tour", login=self.finance_a.login)
        self.assertRecordValues(batch, [{"state": "first_approved", "first_approver_id": self.finance_a.id}])
        # The first signer's card no longer offers the batch: nobody signs twice.
        data = self.env["atta.home"].with_user(self.finance_a).get_home_data()
        card = next(c for s in data["sections"] for c in s["cards"] if c["key"] == "batches_to_sign")
        self.assertNotIn(
            batch, self.env["atta.payment.batch"].with_user(self.finance_a).search(card["action"]["domain"])
        )

        self.start_tour("/odoo", "atta_first_day_finance_tour", login=self.finance_b.login)
        self.assertRecordValues(
            batch,
            [{"state": "posted", "first_approver_id": self.finance_a.id, "second_approver_id": self.finance_b.id}],
        )
        self.assertEqual(set(batch.line_ids.mapped("state")), {"done"})
        # The families were paid from the fund's own bank journal.
        self.assertEqual(fund.balance, 3000)
