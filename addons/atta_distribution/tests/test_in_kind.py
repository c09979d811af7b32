import base64

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttaDistributionCase

# A 1x1 PNG: the signature drawn on the tablet at the hand-over.
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestInKind(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.basket = cls._basket()
        cls.families = cls._families(4)
        # One family of three: the oil of the kit is per household member.
        cls.families[0].with_user(cls.officer).write(
            {
                "family_member_ids": [
                    (0, 0, {"name": "Son", "relation": "son", "identity_number": "1000000016"}),
                    (0, 0, {"name": "Daughter", "relation": "daughter", "identity_number": "1000000024"}),
                ]
            }
        )
        cls._enrol_in_bulk(cls.basket, cls.families, fields.Date.today())

    def test_a_ramadan_basket_round_reports_the_shortage_then_reserves_and_hands_over_from_stock(self):
        self.assertEqual(self.families[0].household_size, 3)
        self._stock(self.rice, 2)
        self._stock(self.oil, 10)
        round_ = self._round(self.basket, title="Ramadan 1448 basket")
        self.assertEqual(round_.entitled_count, 4)
        # 4 bags of rice needed, 2 in the warehouse; oil: 3 + 1 + 1 + 1 = 6 of 10.
        self.assertTrue(round_.has_shortage)
        self.assertIn("Rice 10 kg", round_.shortage)
        self.assertNotIn("Cooking oil", round_.shortage)
        with self.assertRaisesText(UserError, "Rice 10 kg: 4.0 needed, 2.0 available"):
            self._approve(round_)
        self.assertEqual(round_.state, "computed")
        self.assertFalse(self.env["stock.picking"].search([("origin", "=", round_.name)]))

        self._stock(self.rice, 3)
        self.assertFalse(round_.has_shortage)
        self._approve(round_)
        pickings = self.env["stock.picking"].search([("origin", "=", round_.name)])
        self.assertEqual(len(pickings), 4)
        self.assertEqual(set(pickings.mapped("state")), {"assigned"})
        self.assertEqual(pickings.partner_id, self.families.partner_id)
        self.assertEqual(pickings.picking_type_id, self.warehouse.out_type_id)
        # Reserved: what is left free is what the round did not take.
        self.assertEqual(self.rice.with_context(warehouse_id=self.warehouse.id).free_qty, 1)
        self.assertEqual(self.oil.with_context(warehouse_id=self.warehouse.id).free_qty, 4)
        self.assertEqual(self.rice.qty_available, 5)

        line = round_.line_ids.filtered(lambda line: line.beneficiary_id == self.families[0])
        line.with_user(self.officer).write({"signature": SIGNATURE})
        line.with_user(self.officer).action_hand_over()
        self.assertRecordValues(
            line, [{"state": "done", "in_kind_value": 60 + 3 * 15, "handed_over_by_id": self.officer.id}]
        )
        self.assertEqual(line.picking_id.state, "done")
        self.assertTrue(line.picking_id.signature)
        self.assertEqual(self.rice.qty_available, 4)
        self.assertEqual(self.oil.qty_available, 7)
        with self.assertRaisesText(UserError, "no aid in kind waiting"):
            line.with_user(self.officer).action_hand_over()
        self.assertEqual(self.rice.qty_available, 4)

        rest = round_.line_ids - line
        rest.with_user(self.officer).write({"signature": SIGNATURE})
        rest.with_user(self.officer).action_hand_over()
        self.assertEqual(self.rice.qty_available, 1)
        self.assertEqual(self.oil.qty_available, 4)
        self.assertEqual(round_.state, "done")

    def test_only_the_relations_officer_hands_over(self):
        self._stock(self.rice, 10)
        self._stock(self.oil, 10)
        round_ = self._approve(self._round(self.basket))
        line = round_.line_ids[0]
        for user in (self.researcher, self.chair, self.finance_a, self.employee):
            with self.assertRaises(AccessError):
                line.with_user(user).action_hand_over()
            with self.assertRaises(UserError):  # AccessError is a UserError
                line.with_user(user).write({"signature": SIGNATURE})
        with self.assertRaises(UserError):
            line.with_user(self.officer).write({"in_kind_value": 1, "state": "done"})
        self.assertEqual(line.state, "pending")
        self.assertEqual(line.sudo().picking_id.state, "assigned")
        self.assertEqual(self.rice.qty_available, 10)
