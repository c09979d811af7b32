from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .access_matrix import MATRIX, OPERATIONS, ROLES
from .common import AttaDistributionCase


@tagged("post_install", "-at_install")
class TestDistributionAccessMatrix(AttaDistributionCase):
    """Every model of atta_distribution x every role x read/write/create/unlink, then the record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("d_portal")
        cls.users = {
            "public": cls.env.ref("base.public_user"),
            "portal": cls.portal,
            "internal": cls.employee,
            "officer": cls.officer,
            "researcher": cls.researcher,
            "committee": cls.chair,
            "finance": cls.finance_a,
            "manager": cls.manager,
        }

    def test_the_table_covers_every_model_of_the_addon(self):
        self.assertMatrixCoversTheAddon(MATRIX, "atta_distribution")

    def test_every_cell_of_the_access_matrix(self):
        self.assertAccessMatrix(MATRIX, ROLES, OPERATIONS, self.users)

    # ------------------------------------------------------------------ record rules
    def test_finance_approvers_see_only_the_lines_of_payment_batches(self):
        allowance = self._allowance()
        paid, skipped = self._families(1), self._families(1, categories=self.students)
        self._enrol_in_bulk(allowance, paid | skipped, fields.Date.today())
        round_ = self._approve(self._round(allowance))
        in_batch = round_.line_ids.filtered("batch_id")
        outside = round_.line_ids - in_batch
        self.assertEqual(in_batch.with_user(self.finance_a).read(["amount"])[0]["amount"], 1000)
        with self.assertRaises(AccessError):
            outside.with_user(self.finance_a).read(["skip_reason"])
        self.assertEqual(self.env["atta.distribution.line"].with_user(self.finance_a).search([]), in_batch)
        with self.assertRaises(AccessError):
            self.env["atta.enrolment"].with_user(self.finance_a).search([])
        with self.assertRaises(AccessError):
            paid.with_user(self.finance_a).read(["name"])

    def test_researchers_and_committee_members_see_only_the_enrolments_of_their_own_requests(self):
        allowance = self._allowance()
        self.beneficiary.with_user(self.officer).write({"category_ids": [(6, 0, self.orphans.ids)]})
        request = self._request(amount_requested=0)
        self._decide_enrolment(request, allowance)
        self._register()
        request.with_user(self.officer).action_enrol()
        studied = request.enrolment_ids
        other = self._enrol_in_bulk(allowance, self._families(1), fields.Date.today())
        self.assertEqual(self.env["atta.enrolment"].with_user(self.researcher).search([]), studied)
        self.assertEqual(self.env["atta.enrolment"].with_user(self.member_a).search([]), studied)
        for user in (self.other_researcher, self.outsider_member):
            self.assertFalse(self.env["atta.enrolment"].with_user(user).search([]))
            with self.assertRaises(AccessError):
                studied.with_user(user).read(["date_end"])
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).read(["date_end"])
        self.assertEqual(len(self.env["atta.enrolment"].with_user(self.officer).search([])), 2)

    def test_portal_and_internal_users_see_nothing_of_the_distribution(self):
        allowance = self._allowance()
        self._enrol_in_bulk(allowance, self.beneficiary, fields.Date.today())
        for user in (self.portal, self.employee):
            for model in MATRIX:
                with self.subTest(user=user.login, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
