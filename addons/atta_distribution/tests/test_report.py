from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AttaDistributionCase
from .test_in_kind import SIGNATURE


@tagged("post_install", "-at_install")
class TestFundReport(AttaDistributionCase):
    def test_one_off_deliveries_and_rounds_appear_in_the_same_figures(self):
        # A one-off request, delivered by the officer from the general fund.
        request = self._to_committee(self._request())
        self._decide(request)
        self._register()
        delivery = (
            self.env["atta.support.delivery"]
            .with_user(self.officer)
            .create({"request_id": request.id, "amount": 2500, "fund_id": self.general_fund.id})
        )
        delivery.action_confirm()
        # A basket round handed over, reported under the same fund at stock cost.
        basket = self._basket()
        families = self._families(2)
        self._enrol_in_bulk(basket, families, fields.Date.today())
        self._stock(self.rice, 5)
        self._stock(self.oil, 5)
        round_ = self._approve(self._round(basket))
        round_.line_ids.with_user(self.officer).write({"signature": SIGNATURE})
        round_.line_ids.with_user(self.officer).action_hand_over()

        Report = self.env["atta.distribution.report"].with_user(self.manager)
        rows = Report._read_group(
            [("fund_id", "=", self.general_fund.id), ("source", "!=", "journal")],
            ["source", "programme_id"],
            ["one_off_amount:sum", "in_kind_value:sum", "reached_beneficiary_id:count_distinct"],
        )
        self.assertEqual(
            sorted((s, p.name, o, v, n) for s, p, o, v, n in rows),
            [
                ("one_off", False, 2500, 0, 1),
                ("round", "Ramadan basket", 0, 2 * (60 + 15), 2),
            ],
        )
        ((reached,),) = Report._read_group(
            [("fund_id", "=", self.general_fund.id)], [], ["reached_beneficiary_id:count_distinct"]
        )
        self.assertEqual(reached, 3)
        ((hijri_month,),) = Report._read_group([("source", "=", "one_off")], ["hijri_month"], [])
        self.assertRegex(hijri_month, r"^14\d\d-\d\d$")
        for user in (self.officer, self.finance_a, self.researcher):
            with self.assertRaises(AccessError):
                self.env["atta.distribution.report"].with_user(user).search([])

    def test_a_restricted_fund_refuses_a_one_off_delivery_of_a_support_type_it_does_not_name(self):
        journal = self.env["account.journal"].create({"name": "Medical Bank", "type": "bank", "code": "MED"})
        medical = self.env.ref("atta_research.support_type_medical")
        fund = (
            self.env["atta.fund"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Treatment of orphans",
                    "kind": "restricted",
                    "purpose": "Medical treatment",
                    "journal_id": journal.id,
                    "allowed_support_type_ids": [(6, 0, medical.ids)],
                }
            )
        )
        request = self._to_committee(self._request())  # cash support, which the donor did not name
        self._decide(request)
        self._register()
        Delivery = self.env["atta.support.delivery"].with_user(self.officer)
        with self.assertRaisesText(ValidationError, "may pay only Medical aid: not “Cash aid”"):
            Delivery.create({"request_id": request.id, "amount": 2500, "fund_id": fund.id})
        self.assertFalse(Delivery.search([("request_id", "=", request.id)]))
        # Recorded from the general fund, then moved to the restricted one: refused, the delivery keeps its fund.
        delivery = Delivery.create({"request_id": request.id, "amount": 1000, "fund_id": self.general_fund.id})
        with self.assertRaisesText(ValidationError, "Pay it from another fund"):
            delivery.web_save({"fund_id": fund.id}, {})
        self.assertEqual(delivery.fund_id, self.general_fund)
        delivery.action_confirm()
        self.assertEqual(delivery.state, "done")
        # Once the manager names cash aid on the fund (the donor agreed), it pays it.
        fund.web_save({"allowed_support_type_ids": [(4, self.cash.id)]}, {})
        other = Delivery.create({"request_id": request.id, "amount": 1500, "fund_id": fund.id})
        self.assertEqual(other.fund_id, fund)

    def test_the_zakat_fund_refuses_a_one_off_support_to_a_family_outside_the_zakat_categories(self):
        request = self._to_committee(self._request())
        self._decide(request)
        family = self._register(request.beneficiary_id)
        family.write({"category_ids": [(6, 0, self.students.ids)]})  # students: not a Zakat category here
        Delivery = self.env["atta.support.delivery"].with_user(self.officer)
        with self.assertRaisesText(ValidationError, "is in no Zakat-eligible category (Students)"):
            Delivery.create({"request_id": request.id, "amount": 1000, "fund_id": self.zakat_fund.id})
        self.assertFalse(Delivery.search([("request_id", "=", request.id)]))
        # Recorded from the general fund, then moved to Zakat from the form: refused, the delivery keeps its fund.
        delivery = Delivery.create({"request_id": request.id, "amount": 1000, "fund_id": self.general_fund.id})
        with self.assertRaisesText(ValidationError, "Pay from another fund"):
            delivery.web_save({"fund_id": self.zakat_fund.id}, {})
        self.assertEqual(delivery.fund_id, self.general_fund)
        delivery.action_confirm()
        self.assertEqual(delivery.state, "done")
        # An orphan family may be paid from Zakat; taken out of the category before the hand-over, it is refused
        # at the hand-over and nothing is handed over.
        family.write({"category_ids": [(6, 0, self.orphans.ids)]})
        zakat = Delivery.create({"request_id": request.id, "amount": 500, "fund_id": self.zakat_fund.id})
        family.write({"category_ids": [(6, 0, self.students.ids)]})
        with self.assertRaisesText(ValidationError, "Zakat may only reach the categories"):
            zakat.action_confirm()
        self.assertEqual(zakat.state, "draft")
        family.write({"category_ids": [(6, 0, self.orphans.ids)]})
        zakat.action_confirm()
        self.assertEqual((zakat.state, zakat.fund_id), ("done", self.zakat_fund))
