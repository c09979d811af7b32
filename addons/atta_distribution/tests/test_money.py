"""Money an auditor signs off, on the Saudi chart of accounts (l10n_sa), each step by its role."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import FINANCE

from .common import AttaDistributionCase, saudi_iban
from .test_in_kind import SIGNATURE


@tagged("post_install", "-at_install")
class TestMoney(AttaDistributionCase):
    chart_template = "sa"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowance = cls._allowance(amount=1000)
        cls.families = cls._families(3)
        cls._enrol_in_bulk(cls.allowance, cls.families, fields.Date.today())

    def _signed_once(self):
        batch = self._approve(self._round(self.allowance)).batch_id
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "first_approved")
        return batch

    def _payable_balances(self, partners):
        groups = self.env["account.move.line"]._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("account_id.account_type", "=", "liability_payable"),
                ("parent_state", "=", "posted"),
            ],
            ["partner_id"],
            ["balance:sum"],
        )
        return {partner: balance for partner, balance in groups}

    # ------------------------------------------------------------------ the books
    def test_the_company_is_in_riyals_on_the_saudi_chart_with_aid_accounts(self):
        self.assertEqual((self.company.currency_id.name, self.company.chart_template), ("SAR", "sa"))
        cash = self.zakat_fund.aid_account_id
        self.assertEqual(cash, self.company.atta_cash_aid_account_id)
        self.assertEqual(cash.account_type, "expense")
        self.assertEqual(cash.with_context(lang="ar_001").name, "مساعدات نقدية للمستفيدين")
        self.assertEqual(
            self.zakat_fund.in_kind_account_id.with_context(lang="ar_001").name, "مساعدات عينية للمستفيدين"
        )
        self.assertEqual(
            self.company.atta_aid_location_id.valuation_account_id, self.company.atta_in_kind_aid_account_id
        )
        self.assertTrue(
            self.env.ref("base.group_user").implied_ids & self.env.ref("analytic.group_analytic_accounting")
        )

    def test_a_round_of_200_families_leaves_no_payable_and_books_aid_by_fund(self):
        families = self._families(200)
        programme = self._allowance(amount=500, name="Winter allowance")
        self._enrol_in_bulk(programme, families, fields.Date.today())
        batch = self._approve(self._round(programme)).batch_id
        self.assertEqual((batch.payment_count, batch.total_amount), (200, 100_000))
        batch.with_user(self.finance_a).action_approve()
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "posted")
        balances = self._payable_balances(families.partner_id)
        self.assertFalse({p: b for p, b in balances.items() if b}, "no family keeps anything open on payables")
        aid = self.env["account.move.line"].search(
            [("account_id", "=", self.zakat_fund.aid_account_id.id), ("parent_state", "=", "posted")]
        )
        self.assertEqual(sum(aid.mapped("balance")), 100_000)
        analytic = self.env["account.analytic.line"].search(
            [("general_account_id", "=", self.zakat_fund.aid_account_id.id)]
        )
        self.assertEqual(sum(analytic.mapped("amount")), -100_000)
        self.assertEqual(analytic.mapped(self.zakat_analytic.plan_id._column_name()), self.zakat_analytic)
        # The fund's figures equal the journal: received less paid is what the bank journal holds.
        Report = self.env["atta.distribution.report"].with_user(self.manager)
        ((received, paid, reached),) = Report._read_group(
            [("fund_id", "=", self.zakat_fund.id)],
            [],
            ["received:sum", "paid:sum", "reached_beneficiary_id:count_distinct"],
        )
        self.assertEqual((received, paid, reached), (1_000_000, 100_000, 200))
        self.zakat_fund.invalidate_recordset()
        self.assertEqual(self.zakat_fund.balance, 900_000)
        # The fund's statement of this Hijri month, opened by the finance approver, equals the journal.
        statement = self.env["atta.fund.statement"].with_user(self.finance_a).create({"fund_id": self.zakat_fund.id})
        (figures,) = statement.web_read({name: {} for name in ("opening", "received", "paid", "closing", "families")})
        journal = self.env["account.move.line"].search(
            [
                ("journal_id", "=", self.zakat_journal.id),
                ("parent_state", "=", "posted"),
                ("account_id", "in", self.zakat_fund.liquidity_account_ids.ids),
            ]
        )
        self.assertEqual(
            {name: figures[name] for name in ("opening", "received", "paid", "closing", "families")},
            {
                "opening": 0,
                "received": sum(b for b in journal.mapped("balance") if b > 0),
                "paid": sum(aid.mapped("balance")),
                "closing": sum(journal.mapped("balance")),
                "families": 200,
            },
        )
        self.assertEqual((figures["received"], figures["closing"]), (1_000_000, 900_000))

    # ------------------------------------------------------------------ commitments
    def test_a_fourth_round_beyond_what_the_fund_holds_less_its_commitments_is_refused(self):
        fund = self.general_fund  # holds 50,000; each round pays 3 × 4,000 = 12,000
        programme = self._allowance(fund=fund, amount=4000, name="Rent allowance")
        self._enrol_in_bulk(programme, self._families(3, categories=self.students), fields.Date.today())
        today = fields.Date.today()
        rounds = [self._round(programme, date=today + timedelta(days=days)) for days in range(4)]
        # 50,000 covers four rounds of 12,000: a payment out of the fund leaves room for three.
        self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.donor.id,
                "amount": 12_000,
                "journal_id": self.general_journal.id,
            }
        ).action_post()
        for round_ in rounds[:3]:
            self._approve(round_)
        with self.assertRaises(UserError) as refusal:
            self._approve(rounds[3])
        message = str(refusal.exception).replace("\xa0", " ")
        for said in ("cannot pay 12,000.00", "holds 38,000.00", "of which 36,000.00", "free balance 2,000.00"):
            self.assertIn(said, message.replace(" SR", ""))
        self.assertEqual(rounds[3].state, "computed")
        self.assertFalse(rounds[3].batch_id)
        fund.invalidate_recordset()
        self.assertEqual((fund.committed, fund.free_balance), (36_000, 2_000))

    # ------------------------------------------------------------------ restricted funds
    def test_a_restricted_fund_pays_only_the_programmes_it_names(self):
        journal = self.env["account.journal"].create({"name": "Orphans Bank", "type": "bank", "code": "ORP"})
        Fund = self.env["atta.fund"].with_user(self.manager)
        with self.assertRaisesText(ValidationError, "Name the programmes or support types"):
            Fund.create(
                {"name": "Orphans' school bags", "kind": "restricted", "purpose": "School", "journal_id": journal.id}
            )
        bags = self._basket(name="School bag")
        fund = Fund.create(
            {
                "name": "Orphans' school bags",
                "kind": "restricted",
                "purpose": "School bags for orphans",
                "journal_id": journal.id,
                "allowed_programme_ids": [(6, 0, bags.ids)],
            }
        )
        self._donate(journal, 100_000)
        rent = self._allowance(fund=fund, amount=100, name="Rent help")
        self._enrol_in_bulk(rent, self.families, fields.Date.today())
        round_ = self._round(rent)
        with self.assertRaisesText(UserError, "may pay only School bag: not “Rent help”"):
            self._approve(round_)
        self.assertEqual(round_.state, "computed")
        self.assertFalse(round_.batch_id)

    # ------------------------------------------------------------------ signed stays signed
    def test_a_change_of_the_bank_account_after_the_first_signature_voids_it(self):
        batch = self._signed_once()
        line = batch.line_ids.filtered(lambda line: line.beneficiary_id == self.families[0])
        account = self.families[0].aid_bank_account_id
        self.assertEqual((line.iban, line.account_holder), (saudi_iban(1), "Family 1"))
        # The officer cannot change the number of a trusted account (Odoo's lock): refused, nothing changes.
        with self.assertRaisesText(UserError, "has been trusted"):
            account.with_user(self.officer).write({"acc_number": saudi_iban(999)})
        self.assertEqual((account.acc_number, batch.state), (saudi_iban(1), "first_approved"))
        # The holder's name changes: the first signature is void, and the chatter says why.
        account.with_user(self.officer).write({"acc_holder_name": "Someone Else"})
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
        self.assertIn("changed the bank account of Family 1", " ".join(batch.message_ids.mapped("body")))
        # Another holder is not what was trusted: trusted again against the certificate, then signed by two people.
        self.assertFalse(account.allow_out_payment)
        with self.assertRaisesText(UserError, "not trusted for payments"):
            batch.with_user(self.finance_b).action_approve()
        account.with_user(self.finance_a).action_trust_for_aid()
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(line.account_holder, "Someone Else")
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "posted")
        # Once paid, the account stays as paid, even for a finance approver who untrusts it first.
        with self.assertRaisesText(UserError, "kept as it was paid"):
            account.sudo().write({"acc_number": saudi_iban(998)})
        self.assertEqual(account.acc_number, saudi_iban(1))
        self.assertEqual(line.iban, saudi_iban(1))

    def test_another_iban_on_the_file_after_the_first_signature_voids_it(self):
        batch = self._signed_once()
        family = self.families[1].with_user(self.officer)
        other = (
            self.env["res.partner.bank"]
            .with_user(self.officer)
            .create({"partner_id": family.partner_id.id, "acc_number": saudi_iban(700)})
        )
        family.aid_bank_account_id = other
        self.assertEqual(batch.state, "draft")
        self.assertIn("changed how Family 2 is paid", " ".join(batch.message_ids.mapped("body")))
        with self.assertRaisesText(UserError, "changed after the round was approved"):
            batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "draft")

    def test_only_a_finance_approver_trusts_an_iban_and_only_against_a_verified_certificate(self):
        family = self._families(1)
        bank = (
            self.env["res.partner.bank"]
            .with_user(self.officer)
            .create({"partner_id": family.partner_id.id, "acc_number": saudi_iban(800)})
        )
        for user in (self.officer, self.manager):
            with self.assertRaises(AccessError):
                bank.with_user(user).action_trust_for_aid()
        with self.assertRaises(UserError):
            bank.with_user(self.officer).write({"allow_out_payment": True})
        certificate = family.document_ids.filtered(lambda d: d.document_type_id == self.iban_type)
        certificate.sudo().write({"verified": False})
        with self.assertRaisesText(ValidationError, "no verified, unexpired IBAN certificate naming"):
            bank.with_user(self.finance_a).action_trust_for_aid()
        self.assertFalse(bank.allow_out_payment)
        certificate.sudo().write({"verified": True})
        # The verified certificate names the family's first IBAN, not this one: it trusts nothing else.
        with self.assertRaisesText(ValidationError, "no verified, unexpired IBAN certificate naming"):
            bank.with_user(self.finance_a).action_trust_for_aid()
        self.assertFalse(bank.allow_out_payment)
        certificate.with_user(self.officer).write({"iban": saudi_iban(800)})
        self.assertFalse(certificate.verified)
        certificate.with_user(self.officer).action_verify()
        bank.with_user(self.finance_a).action_trust_for_aid()
        self.assertTrue(bank.allow_out_payment)

    def test_one_person_cannot_sign_twice_with_two_logins(self):
        batch = self._signed_once()
        twin = new_test_user(
            self.env,
            "d_finance_twin",
            groups=FINANCE,
            partner_id=self.finance_a.partner_id.id,
        )
        with self.assertRaisesText(AccessError, "your login belongs to the same person"):
            batch.with_user(twin).action_approve()
        self.assertEqual(batch.state, "first_approved")
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)
        # A login re-pointed to the first signer's contact is the same person too.
        other = new_test_user(self.env, "d_finance_other", groups=FINANCE)
        other.partner_id = self.finance_a.partner_id
        with self.assertRaises(AccessError):
            batch.with_user(other).action_approve()
        self.assertEqual(batch.state, "first_approved")
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "posted")

    # ------------------------------------------------------------------ in kind
    def test_a_hand_over_needs_the_signature_and_books_the_kit_at_cost_as_in_kind_aid(self):
        category = self.env.ref("atta_distribution.product_category_aid_kit")
        (self.rice | self.oil).write({"categ_id": category.id})
        self.assertEqual(category.with_company(self.company).property_valuation, "real_time")
        basket = self._basket()
        self._enrol_in_bulk(basket, self.families[:2], fields.Date.today())
        self._stock(self.rice, 5)
        self._stock(self.oil, 5)
        round_ = self._approve(self._round(basket))
        line, other = round_.line_ids
        with self.assertRaisesText(UserError, "has not signed for the aid"):
            line.with_user(self.officer).action_hand_over()
        self.assertEqual((line.state, line.sudo().picking_id.state), ("pending", "assigned"))
        self.assertEqual(self.rice.qty_available, 5)
        line.with_user(self.officer).write({"signature": SIGNATURE})
        line.with_user(self.officer).action_hand_over()
        self.assertEqual((line.state, line.in_kind_value), ("done", 75))
        self.assertEqual(line.receipt_id.mimetype, "application/pdf")
        # Tests render the receipt's HTML (a PDF needs the HTTP server of an HttpCase): its text is checked.
        receipt = base64.b64decode(line.receipt_id.datas).decode()
        self.assertIn("Receipt of Aid in Kind", receipt)
        self.assertIn(line.beneficiary_id.name, receipt)
        aid = self.env["account.move.line"].search([("account_id", "=", self.general_fund.in_kind_account_id.id)])
        self.assertEqual(sum(aid.mapped("balance")), 75)
        for move_line in aid:
            self.assertEqual(move_line.analytic_distribution, {str(self.general_analytic.id): 100})
        # Without a signature, a manager records why; the officer cannot.
        with self.assertRaises(AccessError):
            other.with_user(self.officer).write({"signature_exception_reason": "Bedridden"})
        other.with_user(self.manager).write({"signature_exception_reason": "Bedridden, her son collected it"})
        other.with_user(self.officer).action_hand_over()
        self.assertRecordValues(other, [{"state": "done", "signature_exception_by_id": self.manager.id}])

    # ------------------------------------------------------------------ donations
    def test_a_manager_records_a_donation_into_a_fund_without_the_invoicing_app(self):
        journal = self.env["account.journal"].create({"name": "Sadaqa Bank", "type": "bank", "code": "SDQ"})
        fund = (
            self.env["atta.fund"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Sadaqa",
                    "kind": "general",
                    "journal_id": journal.id,
                    "analytic_account_id": self.general_analytic.id,
                }
            )
        )
        self.assertFalse(fund.has_money)
        Donation = self.env["atta.fund.donation"].with_user(self.manager)
        wrong = Donation.create({"fund_id": fund.id, "donor_id": self.donor.id, "amount": 5000, "zakat": True})
        with self.assertRaisesText(UserError, "Zakat is received only into the Zakat fund"):
            wrong.action_confirm()
        self.assertEqual(fund.balance, 0)
        with self.assertRaises(AccessError):
            self.env["atta.fund.donation"].with_user(self.officer).create(
                {"fund_id": fund.id, "donor_id": self.donor.id, "amount": 5000}
            )
        Donation.create(
            {"fund_id": fund.id, "donor_id": self.donor.id, "amount": 5000, "memo": "TRX-1"}
        ).action_confirm()
        fund.invalidate_recordset()
        self.assertEqual((fund.balance, fund.has_money), (5000, True))
        income = self.env["account.move.line"].search([("account_id", "=", self.company.atta_donation_account_id.id)])
        self.assertEqual(sum(income.mapped("balance")), -5000)
        self.assertEqual(income.analytic_distribution, {str(self.general_analytic.id): 100})
        self.assertIn("recorded a donation of 5,000.00", " ".join(fund.message_ids.mapped("body")).replace("\xa0", " "))
