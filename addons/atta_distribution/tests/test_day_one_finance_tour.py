from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import AttaDistributionCase


@tagged("post_install", "-at_install")
class TestDayOneFinanceTour(HttpCase, AttaDistributionCase):
    """The finance approvers' first day, in Arabic: each signs the batch from their start screen."""

    def test_two_approvers_sign_the_batch_from_their_start_screens(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research", "atta_distribution"], ["ar_001"], overwrite=True
        )
        (self.finance_a | self.finance_b).write({"lang": "ar_001", "tz": "Asia/Riyadh"})
        allowance = self._allowance(amount=1000)
        families = self._families(2)
        self._enrol_in_bulk(allowance, families, fields.Date.today())
        batch = self._approve(self._round(allowance)).batch_id
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
