from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestInteraction(AttaBeneficiaryCase):
    def test_referral_creates_an_activity_for_the_researcher(self):
        researcher = new_test_user(self.env, "atta_ref_researcher", groups="base.group_user")
        beneficiary = self._beneficiary()
        interaction = (
            self.env["atta.interaction"]
            .with_user(self.officer)
            .create(
                {
                    "name": "How does the committee decide?",
                    "beneficiary_id": beneficiary.id,
                    "channel_id": self.channel_interview.id,
                    "interaction_type": "inquiry",
                    "referred_user_id": researcher.id,
                    "referral_reason": "The applicant does not understand the research visit.",
                }
            )
        )
        self.assertEqual(interaction.state, "referred")
        activity = interaction.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, researcher)
        self.assertIn("How does the committee decide?", activity.summary)
        # Saving again without changing the researcher does not pile up activities.
        interaction.write({"answer": "Explained", "referred_user_id": researcher.id})
        self.assertEqual(len(interaction.activity_ids), 1)

    def test_counts_by_channel(self):
        beneficiary = self._beneficiary()
        Interaction = self.env["atta.interaction"]
        for channel, count in ((self.channel_interview, 3), (self.channel_phone, 2)):
            for index in range(count):
                Interaction.create(
                    {"name": f"Contact {index}", "beneficiary_id": beneficiary.id, "channel_id": channel.id}
                )
        Interaction.create(
            {
                "name": "Unknown caller",
                "caller_name": "Abu Ahmad",
                "caller_phone": "0551234567",
                "channel_id": self.channel_phone.id,
                "interaction_type": "complaint",
            }
        )
        counts = dict(
            Interaction._read_group(
                [("channel_id", "in", (self.channel_interview + self.channel_phone).ids)], ["channel_id"], ["__count"]
            )
        )
        self.assertEqual(counts[self.channel_interview], 3)
        self.assertEqual(counts[self.channel_phone], 3)
        self.assertEqual(beneficiary.interaction_count, 5)
        self.assertEqual(self.channel_phone.interaction_count, 3)

    def test_seven_channels_of_the_policy_are_seeded(self):
        codes = set(self.env["atta.channel"].search([]).mapped("code"))
        self.assertTrue(
            {"interview", "phone", "social_media", "letter", "help_request", "volunteer", "website"} <= codes
        )

    def test_unknown_caller_needs_a_name_and_a_real_phone(self):
        with self.assertRaisesText(ValidationError, "caller's name"):
            self.env["atta.interaction"].create({"name": "Silent call", "channel_id": self.channel_phone.id})
        with self.assertRaisesText(ValidationError, "is not a phone number"):
            self.env["atta.interaction"].create(
                {"name": "x", "caller_name": "A", "caller_phone": "123", "channel_id": self.channel_phone.id}
            )
        call = self.env["atta.interaction"].create(
            {"name": "x", "caller_name": "A", "caller_phone": "0551234567", "channel_id": self.channel_phone.id}
        )
        self.assertEqual(call.caller_phone, "+966551234567")

    def test_letters_are_numbered_by_direction_and_hijri_year(self):
        Letter = self.env["atta.letter"]
        out1 = Letter.create({"subject": "Decision", "direction": "outgoing", "date": "2026-11-26"})
        out2 = Letter.create({"subject": "Decision 2", "direction": "outgoing", "date": "2026-11-26"})
        incoming = Letter.create({"subject": "Ministry", "direction": "incoming", "date": "2026-11-26"})
        self.assertRegex(out1.name, r"^OUT-1448-\d{5}$")
        self.assertEqual(int(out2.name[-5:]), int(out1.name[-5:]) + 1)
        self.assertRegex(incoming.name, r"^IN-1448-\d{5}$")

    def test_reading_contacts_and_consents_is_in_the_audit_trail(self):
        """Contacts hold what a person asked and a caller's number; consents, who signed [S1]."""
        beneficiary = self._beneficiary()
        contact = (
            self.env["atta.interaction"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Asked about rent support",
                    "beneficiary_id": beneficiary.id,
                    "channel_id": self.channel_phone.id,
                }
            )
        )
        consent = self._sign_declaration(beneficiary)
        Log = self.env["atta.audit.log"]
        for records, call in (
            (contact, lambda: contact.with_user(self.officer).search_read([("id", "=", contact.id)], ["description"])),
            (consent, lambda: consent.with_user(self.officer).read(["accepted_by_name"])),
        ):
            before = Log.search_count([("res_model", "=", records._name)])
            call()
            entries = Log.search([("res_model", "=", records._name)], order="id desc")
            self.assertEqual(len(entries) - before, 1, "one entry per call")
            self.assertEqual(entries[0].user_id, self.officer)
            self.assertIn(str(records.id), (entries[0].res_ids or str(entries[0].res_id)).split(","))
