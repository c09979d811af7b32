from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestSocialResearch(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary.write(
            {
                "category_ids": [(6, 0, cls.env.ref("atta_beneficiary.category_orphans").ids)],
                "housing_condition": "poor",
                "family_member_ids": [
                    (0, 0, {"name": "Son", "relation": "son"}),
                    (0, 0, {"name": "Daughter", "relation": "daughter", "health_status": "disability"}),
                    (0, 0, {"name": "Son 2", "relation": "son"}),
                ],
                "income_line_ids": [(0, 0, {"income_type": "social_security", "amount": 2400})],
                "expense_line_ids": [
                    (0, 0, {"expense_type": "rent", "amount": 1200}),
                    (0, 0, {"expense_type": "electricity", "amount": 300}),
                ],
            }
        )

    def _visit(self):
        request = self._to_research(self._request())
        return self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})

    def test_the_household_is_copied_from_the_file_and_editable(self):
        visit = self._visit()
        self.assertEqual(visit.household_size, 4)
        self.assertEqual(visit.disabled_members, 1)
        self.assertEqual(visit.monthly_income, 2400)
        self.assertEqual(visit.deducted_expenses, 1200, "rent and debt are deducted, electricity is not")
        self.assertEqual(visit.per_capita_net_income, 300)
        visit.line_ids.filtered(lambda line: line.line_type == "social_security").amount = 3200
        self.assertEqual(visit.per_capita_net_income, 500)
        self.assertEqual(self.beneficiary.monthly_income, 2400, "the file itself is not changed by the research")

    def test_the_score_shows_how_it_was_reached(self):
        self.env.company.atta_sufficiency_threshold = 1500  # setup: the association's sufficiency line
        visit = self._visit()
        visit.action_compute_score()
        lines = {line.rule_id.rule_type: line for line in visit.score_line_ids}
        # Income: 300 per person against 1,500 → 80% of the way below the line → 0.8 × 50.
        self.assertAlmostEqual(lines["income"].points, 40.0)
        self.assertIn("80%", lines["income"].detail)
        self.assertEqual(lines["category"].points, 15, "orphans' family")
        self.assertEqual(lines["disability"].points, 5)
        self.assertEqual(lines["housing"].points, 10)
        self.assertNotIn("no_income", lines)
        self.assertAlmostEqual(visit.score, 70.0)
        # The weights are the association's: change one and the score follows.
        self.env.ref("atta_research.eligibility_rule_orphans").with_user(self.manager).points = 25
        visit.action_compute_score()
        self.assertAlmostEqual(visit.score, 80.0)

    def test_completing_research_needs_a_recommendation(self):
        visit = self._visit()
        with self.assertRaisesText(UserError, "recommendation"):
            visit.action_done()
        visit.recommendation = "approve"
        with self.assertRaisesText(UserError, "amount recommended"):
            visit.action_done()
        visit.recommended_amount = 1800
        visit.action_done()
        self.assertEqual(visit.request_id.recommended_amount, 1800)
        self.assertEqual(visit.request_id.eligibility_score, visit.score)
