from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER


@tagged("post_install", "-at_install")
class TestSupportType(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.researcher = new_test_user(cls.env, "atta_st_researcher", groups=RESEARCHER, lang="en_US")
        cls.manager = new_test_user(cls.env, "atta_st_manager", groups=MANAGER, lang="en_US")

    def test_seeded_types_promise_a_decision_in_ten_working_days(self):
        types = self.env["atta.support.type"].search([])
        self.assertTrue(
            {"cash", "food_basket", "rent", "bills", "medical", "education", "furniture", "home_repair", "seasonal"}
            <= set(types.mapped("code"))
        )
        self.assertEqual(set(types.mapped("decision_days")), {10})
        rent = self.env.ref("atta_research.support_type_rent")
        self.assertIn(self.env.ref("atta_beneficiary.document_type_lease_or_deed"), rent.required_document_type_ids)
        self.assertTrue(rent.field_visit_required)

    def test_bad_values_are_refused(self):
        with self.assertRaises(ValidationError):
            self.env["atta.support.type"].create({"name": "Zero", "code": "zero", "decision_days": 0})
        with self.assertRaises(ValidationError):
            self.env["atta.support.type"].create(
                {"name": "Over", "code": "over", "default_amount": 900, "max_amount": 500}
            )

    def test_manager_role_implies_research_and_committee_roles(self):
        self.assertTrue(self.manager.has_group(RESEARCHER))
        self.assertTrue(self.manager.has_group(COMMITTEE_MEMBER))
        self.assertTrue(self.manager.has_group(OFFICER))
        self.assertFalse(self.researcher.has_group(OFFICER))

    def test_only_managers_change_support_types(self):
        food = self.env.ref("atta_research.support_type_food_basket")
        self.assertEqual(food.with_user(self.researcher).name, "Food basket")
        with self.assertRaises(AccessError):
            food.with_user(self.researcher).write({"decision_days": 3})
        food.with_user(self.manager).write({"decision_days": 5})
        self.assertEqual(food.decision_days, 5)

    def test_researcher_sees_only_interactions_referred_to_them(self):
        beneficiary = self.env["atta.beneficiary"].create({"name": "Nora", "identity_number": "1000000008"})
        channel = self.env.ref("atta_beneficiary.channel_phone")
        mine, other = self.env["atta.interaction"].create(
            [
                {
                    "name": "Referred",
                    "beneficiary_id": beneficiary.id,
                    "channel_id": channel.id,
                    "referred_user_id": self.researcher.id,
                },
                {"name": "Not referred", "beneficiary_id": beneficiary.id, "channel_id": channel.id},
            ]
        )
        visible = self.env["atta.interaction"].with_user(self.researcher).search([("id", "in", (mine + other).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).read(["name"])
        # The manager is a researcher too, and still sees every interaction.
        self.assertEqual(
            self.env["atta.interaction"].with_user(self.manager).search_count([("id", "in", (mine + other).ids)]), 2
        )
        # The person referred to them is readable; other beneficiaries are not.
        stranger = self.env["atta.beneficiary"].create({"name": "Stranger", "identity_number": "1234567897"})
        self.assertEqual(beneficiary.with_user(self.researcher).name, "Nora")
        with self.assertRaises(AccessError):
            stranger.with_user(self.researcher).read(["name"])
