"""Scheduled jobs write each note, activity and message in the language of the person who reads it.

The server runs them in one language (its admin's); an Arabic officer on an English server, and an English
manager on an Arabic one, each read their own.
"""

import re
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaBeneficiaryCase

ARABIC = re.compile("[\u0600-\u06ff]")


@tagged("post_install", "-at_install")
class TestCronLanguage(AttaBeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.escalation_manager = cls.env["res.users"]._atta_manager()
        cls.identity = cls.env.ref("atta_beneficiary.document_type_identity")

    def _expiring_document(self, officer_lang, beneficiary_lang, cron_lang):
        self.officer.lang = officer_lang
        beneficiary = self._beneficiary(user_id=self.officer.id, lang=beneficiary_lang)
        with freeze_time("2026-11-01"):
            self._document(beneficiary, self.identity, issue_date="2021-01-10", expiry_date="2026-12-15")
        with freeze_time("2026-11-20"):
            self.assertEqual(self.env["atta.beneficiary.document"].with_context(lang=cron_lang)._cron_watch_expiry(), 1)
        told = beneficiary.message_ids.filtered(lambda m: beneficiary.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        return beneficiary.activity_ids, str(told.body)

    def test_document_expiry_speaks_arabic_to_the_officer_and_english_to_the_family_on_an_english_server(self):
        activity, told = self._expiring_document("ar_001", "en_US", "en_US")
        self.assertEqual(activity.user_id, self.officer)
        self.assertRegex(activity.summary, ARABIC)
        self.assertNotIn("expires on", activity.summary)
        self.assertIn("هـ", activity.summary, "the Hijri date beside the Gregorian one")
        self.assertIn("expires on", told)
        self.assertNotRegex(told, ARABIC)
        self.assertIn("AH", told)

    def test_document_expiry_speaks_english_to_the_officer_and_arabic_to_the_family_on_an_arabic_server(self):
        activity, told = self._expiring_document("en_US", "ar_001", "ar_001")
        self.assertIn("expires on", activity.summary)
        self.assertNotRegex(activity.summary, ARABIC)
        self.assertIn("AH", activity.summary)
        self.assertRegex(told, ARABIC)
        self.assertNotIn("expires on", told)
        self.assertIn("هـ", told)

    def _late_data_request(self, manager_lang, cron_lang):
        self.escalation_manager.lang = manager_lang
        beneficiary = self._beneficiary()
        with freeze_time("2026-10-01"):
            request = (
                self.env["atta.data.request"]
                .with_user(self.officer)
                .create(
                    {
                        "kind": "access",
                        "identity_type": beneficiary.identity_type,
                        "identity_number": beneficiary.identity_number,
                        "requester_name": beneficiary.name,
                        "channel_id": self.channel_interview.id,
                    }
                )
            )
        with freeze_time("2026-12-01"):
            self.assertEqual(self.env["atta.data.request"].with_context(lang=cron_lang)._cron_watch_deadlines(), 1)
        late = request.activity_ids.filtered(
            lambda a: a.user_id == self.escalation_manager and request.name in a.summary
        )
        self.assertEqual(len(late), 1)
        return late

    def test_a_late_data_request_reaches_an_arabic_manager_in_arabic_from_an_english_server(self):
        late = self._late_data_request("ar_001", "en_US")
        self.assertRegex(late.summary, ARABIC)
        self.assertNotIn("past its legal period", late.summary)

    def test_a_late_data_request_reaches_an_english_manager_in_english_from_an_arabic_server(self):
        late = self._late_data_request("en_US", "ar_001")
        self.assertIn("past its legal period", late.summary)
        self.assertNotRegex(late.summary, ARABIC)

    def _review_reminder(self, responsible_lang, cron_lang):
        self.manager.lang = responsible_lang
        policy = self.env.ref("atta_beneficiary.policy_beneficiary_relations")
        policy.write(
            {"next_review_date": date(2026, 12, 20), "review_notice_days": 30, "responsible_id": self.manager.id}
        )
        with freeze_time("2026-11-25"):
            self.env["atta.policy"].with_context(lang=cron_lang)._cron_remind_reviews()
        reminder = policy.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(reminder), 1)
        return reminder

    def test_the_policy_review_reminder_reaches_an_arabic_manager_in_arabic_from_an_english_server(self):
        reminder = self._review_reminder("ar_001", "en_US")
        self.assertRegex(reminder.summary, ARABIC)
        self.assertNotIn("Review due", reminder.summary)
        self.assertRegex(str(reminder.note), ARABIC)
        self.assertIn("هـ", str(reminder.note))

    def test_the_policy_review_reminder_reaches_an_english_manager_in_english_from_an_arabic_server(self):
        reminder = self._review_reminder("en_US", "ar_001")
        self.assertTrue(reminder.summary.startswith("Review due: Beneficiary relations policy"), reminder.summary)
        self.assertNotRegex(str(reminder.note), ARABIC)
        self.assertIn("AH", str(reminder.note))
