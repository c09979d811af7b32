"""A finance approver reads the beneficiaries' accounts their signing needs, each read in the audit trail."""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AttaDistributionCase, saudi_iban


@tagged("post_install", "-at_install")
class TestFinanceApproverSeesOnlyTheAccountsTheySign(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowance = cls._allowance(amount=1000)
        cls.paid_families = cls._families(2)
        cls._enrol_in_bulk(cls.allowance, cls.paid_families, fields.Date.today())
        # A family trusted for payments but in no programme: no batch pays it.
        cls.idle_family = cls._families(1)
        # A new account recorded by the officer, still to be trusted against its certificate.
        cls.to_trust = (
            cls.env["res.partner.bank"]
            .with_user(cls.officer)
            .create({"partner_id": cls.idle_family.partner_id.id, "acc_number": saudi_iban(777)})
        )
        cls.Log = cls.env["atta.audit.log"]

    def test_the_approver_reads_the_accounts_of_their_batches_and_those_to_trust_and_the_trail_names_them(self):
        batch = self._approve(self._round(self.allowance)).batch_id
        paid = self.paid_families.aid_bank_account_id
        hidden = self.idle_family.aid_bank_account_id
        self.assertTrue(hidden.allow_out_payment and paid and batch)
        Bank = self.env["res.partner.bank"].with_user(self.finance_a)
        last = self.Log.search([], limit=1).id
        every = paid | hidden | self.to_trust
        rows = Bank.search_read([("id", "in", every.ids)], ["acc_number", "acc_holder_name"])
        self.assertEqual(
            {row["id"] for row in rows},
            set((paid | self.to_trust).ids),
            f"paid {paid.ids}, hidden {hidden.ids}, to trust {self.to_trust.ids}; lines "
            f"{self.env['res.partner.bank'].search([('atta_line_ids.batch_id', '!=', False)]).ids}, files "
            f"{self.env['res.partner.bank'].search([('partner_id.atta_beneficiary_ids', '!=', False)]).ids}",
        )
        self.assertNotIn(hidden.acc_number, {row["acc_number"] for row in rows})
        entry = self.Log.search([("id", ">", last)])
        self.assertEqual((len(entry), entry.user_id, entry.res_model), (1, self.finance_a, "res.partner.bank"))
        self.assertEqual(sorted(map(int, entry.res_ids.split(","))), sorted((paid | self.to_trust).ids))
        # The IBANs to Trust screen lists the account to trust.
        action = self.env.ref("atta_distribution.res_partner_bank_action_aid")
        self.assertEqual(Bank.search(safe_eval(action.domain)), self.to_trust)
        # Another beneficiary's account, asked for by id: refused, nothing read.
        with self.assertRaises(AccessError):
            hidden.with_user(self.finance_a).read(["acc_number"])
        with self.assertRaises(AccessError):
            hidden.with_user(self.finance_a).web_read({"acc_number": {}, "acc_holder_name": {}})
        # The signing itself is unchanged: two people sign, the payments post.
        batch.with_user(self.finance_a).action_approve()
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "posted")
        self.assertEqual(set(batch.line_ids.mapped("iban")), set(paid.mapped("acc_number")))
