from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AttaBeneficiaryCase

IBAN = "SA0380000000608010167519"


@tagged("post_install", "-at_install")
class TestOnePersonOneHousehold(AttaBeneficiaryCase):
    """A person is known once; households that share a member, an IBAN, a mobile or an address are shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.husband = cls._beneficiary("1000000008", name="Ali Saleh Alqahtani", phone="0501111111")
        cls.wife = cls._beneficiary("1000000016", name="Nora Saad Alqahtani", phone="0502222222")

    def _member(self, beneficiary, number, name="Family Member", user=None):
        return (
            self.env["atta.family.member"]
            .with_user(user or self.officer)
            .create({"beneficiary_id": beneficiary.id, "name": name, "relation": "spouse", "identity_number": number})
        )

    def test_a_member_heading_another_household_is_refused_and_the_file_named_to_the_officer(self):
        with self.assertRaisesText(ValidationError, self.wife.reference) as caught:
            self._member(self.husband, "١٠٠٠٠٠٠٠١٦", name="Nora")
        self.assertIn("ask a manager to record an exception", str(caught.exception))
        self.assertFalse(self.husband.family_member_ids)

    def test_a_member_listed_in_another_household_is_refused(self):
        self._member(self.husband, "1000000024", name="Saleh (son)")
        with self.assertRaisesText(ValidationError, self.husband.reference):
            self._member(self.wife, "1000000024", name="Saleh (son)")
        self.assertFalse(self.wife.family_member_ids)
        with self.assertRaisesText(ValidationError, "already listed in another household"):
            self._beneficiary("1000000024", name="Saleh opens his own file")

    def test_a_manager_exception_lets_it_through_and_shows_on_both_files(self):
        Exception_ = self.env["atta.identity.exception"]
        with self.assertRaises(AccessError):
            Exception_.with_user(self.officer).create(
                {
                    "identity_number": "1000000016",
                    "beneficiary_ids": [(6, 0, (self.husband + self.wife).ids)],
                    "reason": "Separated; she still receives her husband's support for the children.",
                }
            )
        with self.assertRaisesText(ValidationError, "two household files"):
            Exception_.with_user(self.manager).create(
                {"identity_number": "1000000016", "beneficiary_ids": [(6, 0, self.husband.ids)], "reason": "x"}
            )
        exception = Exception_.with_user(self.manager).create(
            {
                "identity_number": "1000000016",
                "beneficiary_ids": [(6, 0, (self.husband + self.wife).ids)],
                "reason": "Separated; she still receives her husband's support for the children.",
            }
        )
        member = self._member(self.husband, "1000000016", name="Nora")
        self.assertEqual(member.beneficiary_id, self.husband)
        self.assertEqual(self.husband.with_user(self.officer).identity_exception_ids, exception)
        self.assertEqual(self.wife.with_user(self.officer).identity_exception_ids, exception)
        self.assertEqual(exception.approved_by_id, self.manager)

    def test_the_number_of_an_archived_file_reopens_it_at_the_desk(self):
        history = (
            self.env["atta.interaction"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Asked about the food basket",
                    "beneficiary_id": self.wife.id,
                    "channel_id": self.channel_phone.id,
                }
            )
        )
        self.wife._set_status("archived", "Moved to Jeddah")
        self.assertFalse(self.wife.active)
        saved = (
            self.env["atta.beneficiary"]
            .with_user(self.officer)
            .web_save(
                {
                    "name": "Nora Saad Alqahtani",
                    "identity_type": "national_id",
                    "identity_number": "1000000016",
                    "phone": "0503333333",
                    "gender": "female",
                },
                {"display_name": {}},
            )
        )
        self.assertEqual(saved[0]["id"], self.wife.id, "the same file, not a new one")
        self.assertTrue(self.wife.active)
        self.assertEqual(self.wife.state, "draft")
        self.assertEqual(history.beneficiary_id, self.wife, "its history is still attached")
        self.assertEqual(self.wife.phone, "+966502222222", "what the file holds is not overwritten")
        self.assertEqual(self.wife.gender, "female", "what it lacked is filled")
        self.assertIn("+966503333333", self.wife.message_ids[:1].body, "the difference is shown to the officer")
        self.assertEqual(self.env["atta.beneficiary"].search_count([("identity_number", "=", "1000000016")]), 1)

    def test_only_an_officer_reopens_an_archived_file(self):
        self.wife._set_status("archived", "Moved to Jeddah")
        with self.assertRaises(AccessError):
            self.env["atta.beneficiary"].with_user(self.employee).create(
                {"name": "Someone", "identity_number": "1000000016"}
            )
        self.assertFalse(self.wife.active)

    def test_the_duplicates_screen_finds_a_shared_iban_and_a_shared_member(self):
        third = self._beneficiary("1000000032", name="Huda Ahmed")
        self.env["res.partner.bank"].create(
            [
                {"partner_id": self.husband.partner_id.id, "acc_number": "SA03 8000 0000 6080 1016 7519"},
                {"partner_id": third.partner_id.id, "acc_number": IBAN},
            ]
        )
        self.env["atta.family.member"].create(
            {"beneficiary_id": third.id, "name": "Ali", "relation": "other", "identity_number": "1000000040"}
        )
        # Listed in two households before the rule existed (an import): the screen finds it.
        self.env.cr.execute(
            "INSERT INTO atta_family_member (beneficiary_id, name, relation, identity_number, "
            "health_status, lives_with_beneficiary) VALUES (%s, 'Ali', 'other', '1000000040', "
            "'healthy', TRUE)",
            [self.wife.id],
        )
        self.env.invalidate_all()
        Signal = self.env["atta.duplicate.signal"].with_user(self.manager)
        found = {
            (s.kind, s.beneficiary_a_id, s.beneficiary_b_id, s.evidence)
            for s in Signal.search([("reviewed", "=", False)])
        }
        self.assertIn(("iban", self.husband, third, IBAN), found)
        self.assertIn(("member", self.wife, third, "1000000040"), found)
        self.assertNotIn("mobile", {kind for kind, *_rest in found}, "different mobiles are not a signal")
        self.assertIn(third.reference, self.husband.with_user(self.officer).duplicate_warning)
        with self.assertRaises(AccessError):
            self.env["atta.duplicate.signal"].with_user(self.officer).search([])

        pair = Signal.search([("kind", "=", "iban"), ("beneficiary_a_id", "=", self.husband.id)])
        action = pair.action_mark_reviewed()
        review = (
            self.env["atta.duplicate.review"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "Brothers-in-law: the account is the husband's, Huda's was typed wrong and corrected."})
        )
        self.assertFalse(Signal.search([("reviewed", "=", False), ("kind", "=", "iban")]))
        reviewed = Signal.search([("reviewed", "=", True)])
        self.assertEqual(reviewed.review_id, review)
        self.assertIn("typed wrong", reviewed.review_id.reason)
        self.assertNotIn(third.reference, self.husband.with_user(self.officer).duplicate_warning or "")

    def test_mobiles_and_addresses_are_compared_in_their_normal_form(self):
        self.wife.with_user(self.officer).write({"phone": "+966 50 111 1111", "national_address": "rrrd ٢٩٢٩"})
        self.husband.with_user(self.officer).write({"national_address": "RRRD2929"})
        self.assertEqual(self.wife.national_address, "RRRD2929")
        kinds = set(
            self.env["atta.duplicate.signal"]
            .search(
                [
                    ("beneficiary_a_id", "in", (self.husband + self.wife).ids),
                    ("beneficiary_b_id", "in", (self.husband + self.wife).ids),
                ]
            )
            .mapped("kind")
        )
        self.assertEqual(kinds, {"mobile", "address"})
        with self.assertRaisesText(ValidationError, "short national address"):
            self.wife.with_user(self.officer).write({"national_address": "Riyadh, Olaya street"})

    def test_adding_a_member_stays_within_a_query_budget(self):
        self._member(self.husband, "1000000032", name="Warm-up")
        self.env.invalidate_all()
        with self.assertQueryCount(22):
            self._member(self.husband, "1000000040", name="Counted")
