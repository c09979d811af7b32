import base64
import io

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tools.roles import FINANCE

from .common import AttaDistributionCase, saudi_iban


@tagged("post_install", "-at_install")
class TestPayments(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowance = cls._allowance(amount=1000)
        cls.families = cls._families(3)
        cls.cheque_family = cls._families(1, payment_method="cheque")
        cls._enrol_in_bulk(cls.allowance, cls.families | cls.cheque_family, fields.Date.today())

    def _batch(self):
        return self._approve(self._round(self.allowance)).batch_id

    def _journal_balance(self, journal):
        """What the accounting says the fund's bank journal holds, read straight from its posted items."""
        lines = self.env["account.move.line"].search(
            [
                ("journal_id", "=", journal.id),
                ("parent_state", "=", "posted"),
                ("account_id", "in", self.zakat_fund.liquidity_account_ids.ids),
            ]
        )
        return sum(lines.mapped("balance"))

    def test_two_different_approvers_post_the_batch_in_the_funds_journal(self):
        batch = self._batch()
        self.assertEqual((batch.state, batch.payment_count, batch.total_amount), ("draft", 4, 4000))
        batch.with_user(self.finance_a).action_approve()
        self.assertRecordValues(batch, [{"state": "first_approved", "first_approver_id": self.finance_a.id}])
        with self.assertRaisesText(AccessError, "You already approved"):
            batch.with_user(self.finance_a).action_approve()
        payments = batch.sudo().line_ids.payment_id
        self.assertEqual(batch.state, "first_approved")
        self.assertEqual(set(payments.mapped("state")), {"draft"})
        self.assertFalse(payments.move_id)

        batch.with_user(self.finance_b).action_approve()
        self.assertRecordValues(batch, [{"state": "posted", "second_approver_id": self.finance_b.id}])
        self.assertTrue(set(payments.mapped("state")) <= {"in_process", "paid"})
        moves = payments.move_id
        self.assertEqual(len(moves), 4)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertEqual(moves.journal_id, self.zakat_journal)
        # Aid is booked as aid: on the fund's expense account, under its analytic account, nothing owed to a family.
        self.assertFalse(moves.line_ids.filtered(lambda ml: ml.account_id.account_type == "liability_payable"))
        aid = moves.line_ids.filtered(lambda ml: ml.account_id == self.zakat_fund.aid_account_id)
        self.assertEqual(len(aid), 4)
        self.assertEqual(sum(aid.mapped("debit")), 4000)
        for line in aid:
            self.assertEqual(line.analytic_distribution, {str(self.zakat_analytic.id): 100})
        self.assertEqual(set(batch.line_ids.mapped("state")), {"done"})
        self.assertEqual(batch.round_id.state, "done")
        cheque = payments.filtered(lambda p: p.partner_id == self.cheque_family.partner_id)
        self.assertIn("Cheque payable to Family 4 only", cheque.memo)
        self.assertFalse(cheque.partner_bank_id)
        with self.assertRaisesText(UserError, "not waiting for an approval"):
            batch.with_user(self.finance_a).action_approve()

    def test_a_manager_signs_only_when_given_the_finance_role_and_never_twice(self):
        batch = self._batch()
        with self.assertRaises(AccessError):
            batch.with_user(self.manager).action_approve()
        self.assertEqual(batch.state, "draft")
        self.manager.group_ids = [(4, self.env.ref(FINANCE).id)]
        batch.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            batch.with_user(self.manager).action_approve()
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "posted")

    def test_cash_goes_only_to_a_valid_saudi_iban_in_the_beneficiarys_own_name(self):
        family = self.families[0].with_user(self.officer)
        Bank = self.env["res.partner.bank"].with_user(self.officer)
        cases = [
            ("SA0380000000608010167518", "check digits do not match"),
            ("GB82WEST12345698765432", "is not a Saudi IBAN"),
        ]
        for number, message in cases:
            bank = Bank.create({"partner_id": family.partner_id.id, "acc_number": number})
            with self.assertRaisesText(ValidationError, message):
                family.aid_bank_account_id = bank
        with self.assertRaisesText(ValidationError, "not in the name of Family 1"):
            family.aid_bank_account_id = self.families[1].aid_bank_account_id
        self.assertEqual(self.families[0].aid_bank_account_id.partner_id, self.families[0].partner_id)
        # A trusted account's number is not changed by the officer (Odoo locks it); a new account waits for trust.
        trusted = self.families[0].aid_bank_account_id
        with self.assertRaisesText(UserError, "has been trusted"):
            trusted.with_user(self.officer).acc_number = "SA0380000000608010167500"
        self.assertEqual(trusted.acc_number, saudi_iban(1))
        new = Bank.create({"partner_id": family.partner_id.id, "acc_number": saudi_iban(900)})
        family.aid_bank_account_id = new
        round_ = self._round(self.allowance)
        line = round_.line_ids.filtered(lambda line: line.beneficiary_id == self.families[0])
        self.assertEqual(line.state, "skipped")
        self.assertIn("not yet trusted for payments", line.skip_reason)

    def test_zakat_to_a_family_outside_its_categories_is_refused_with_the_reason(self):
        batch = self._batch()
        # After the round was approved, the file is corrected: the family is in no Zakat-eligible category.
        self.families[0].with_user(self.officer).write({"category_ids": [(6, 0, self.students.ids)]})
        with self.assertRaisesText(UserError, "Family 1 is in no Zakat-eligible category (Students)"):
            batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)

    def test_never_beyond_the_funds_balance(self):
        general = self._allowance(fund=self.general_fund, amount=20_000, name="Rent allowance")
        self._enrol_in_bulk(general, self._families(3, categories=self.students), fields.Date.today())
        round_ = self._round(general)
        self.assertEqual(round_.entitled_count, 3)  # the general fund serves every category
        with self.assertRaisesText(UserError, "cannot pay"):
            self._approve(round_)
        self.assertEqual(round_.state, "computed")
        self.assertFalse(round_.batch_id)
        # A donation arrives: the round can be paid.
        self._donate(self.general_journal, 10_000)
        self._approve(round_)
        self.assertEqual(round_.batch_id.total_amount, 60_000)
        # Meanwhile the fund paid something else: no signature is given beyond what it holds.
        self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.donor.id,
                "amount": 30_000,
                "journal_id": self.general_journal.id,
            }
        ).action_post()
        batch = round_.batch_id
        # As the fund's currency writes it: "$ 30,000.00" on Odoo's demo chart, "30,000.00 SR" on the Saudi one.
        with self.assertRaisesText(UserError, f"{self.general_fund.currency_id.format(30_000)}, of which"):
            batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "draft")
        self._donate(self.general_journal, 30_000)
        batch.with_user(self.finance_a).action_approve()
        self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.donor.id,
                "amount": 1,
                "journal_id": self.general_journal.id,
            }
        ).action_post()
        with self.assertRaisesText(UserError, "cannot pay"):
            batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "first_approved")
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)

    def test_the_fund_report_equals_the_journal_balance(self):
        batch = self._batch()
        batch.with_user(self.finance_a).action_approve()
        batch.with_user(self.finance_b).action_approve()
        Report = self.env["atta.distribution.report"].with_user(self.manager)
        ((received, paid, committed, reached),) = Report._read_group(
            [("fund_id", "=", self.zakat_fund.id)],
            [],
            ["received:sum", "paid:sum", "committed:sum", "reached_beneficiary_id:count_distinct"],
        )
        self.assertEqual((received, paid, committed, reached), (1_000_000, 4000, 4000, 4))
        self.assertEqual(received - paid, self._journal_balance(self.zakat_journal))
        self.zakat_fund.invalidate_recordset(["balance"])
        self.assertEqual(self.zakat_fund.balance, 996_000)
        # The programme's figures, by Hijri and Gregorian month.
        rows = Report._read_group(
            [("programme_id", "=", self.allowance.id)], ["hijri_month", "month:month"], ["paid:sum", "committed:sum"]
        )
        self.assertEqual(len(rows), 1)
        hijri_month, _month, paid, committed = rows[0]
        self.assertRegex(hijri_month, r"^14\d\d-\d\d$")
        self.assertEqual((paid, committed), (4000, 4000))

    def test_the_bank_transfer_file_of_an_approved_batch(self):
        self.families[1].partner_id.name = '=HYPERLINK("http://evil.example")'
        # The holder's name changed with it: the IBAN is trusted again by a finance approver before it is paid.
        account = self.families[1].aid_bank_account_id
        self.assertFalse(account.allow_out_payment)
        account.with_user(self.finance_a).action_trust_for_aid()
        batch = self._batch()
        with self.assertRaisesText(UserError, "approved by two people"):
            batch.with_user(self.finance_a).action_export_transfer_file()
        batch.with_user(self.finance_a).action_approve()
        batch.with_user(self.finance_b).action_approve()
        action = batch.with_user(self.finance_b).action_export_transfer_file()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("Beneficiary", "File Number", "IBAN", "Payee", "Amount"))
        self.assertEqual(len(rows), 5)
        ibans = {row[2] for row in rows[1:4]}
        self.assertEqual(ibans, set(self.families.aid_bank_account_id.mapped("acc_number")))
        self.assertEqual(rows[4][0], "Family 4")  # the cheque comes last, without an IBAN
        self.assertFalse(rows[4][2])
        self.assertEqual(rows[4][3], "Family 4")  # payable to the name signed for
        self.assertIn('=HYPERLINK("http://evil.example")', [row[0] for row in rows])
        # Written as text: no cell of the file is a formula.
        self.assertFalse([cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"])
        for user in (self.officer, self.researcher, self.employee):
            with self.assertRaises(AccessError):
                batch.with_user(user).action_export_transfer_file()
