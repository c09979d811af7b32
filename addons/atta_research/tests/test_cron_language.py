"""What the scheduled jobs write for a person is in that person's language, whatever the server's is."""

import re

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaResearchCase
from .test_complaints import ComplaintCaseMixin

ARABIC = re.compile("[\u0600-\u06ff]")


@tagged("post_install", "-at_install")
class TestCronLanguage(ComplaintCaseMixin, AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._complaint_setup()
        cls.escalation_manager = cls.env["res.users"]._atta_manager()

    def _escalated_complaint(self, cron_lang):
        Complaint = self.env["atta.complaint"].with_context(lang=cron_lang)
        with freeze_time("2026-12-06 09:00:00"):
            complaint = self._desk_complaint()
        with freeze_time("2026-12-10 09:00:00"):
            Complaint._cron_watch_deadlines()
        with freeze_time("2026-12-14 09:00:00"):
            Complaint._cron_watch_deadlines()
        return complaint

    def test_complaint_escalation_reaches_an_arabic_manager_in_arabic_from_an_english_server(self):
        self.escalation_manager.lang = "ar_001"
        self.officer.lang = "en_US"
        complaint = self._escalated_complaint("en_US")
        late = complaint.activity_ids.filtered(lambda a: a.user_id == self.escalation_manager)
        self.assertEqual(len(late), 1)
        self.assertRegex(late.summary, ARABIC)
        self.assertNotIn("Late:", late.summary)
        self.assertIn(complaint.name, late.summary)
        # The reminder and the note are the owner's (an English-speaking officer).
        reminders = complaint.activity_ids.filtered(lambda a: "Answer due on" in (a.summary or ""))
        self.assertEqual(reminders.user_id, self.officer)
        complaint.invalidate_recordset(["message_ids"])
        self.assertTrue(complaint.message_ids.filtered(lambda m: "Escalated to" in str(m.body)))

    def test_complaint_escalation_reaches_an_english_manager_in_english_from_an_arabic_server(self):
        self.escalation_manager.lang = "en_US"
        self.officer.lang = "ar_001"
        complaint = self._escalated_complaint("ar_001")
        late = complaint.activity_ids.filtered(lambda a: a.user_id == self.escalation_manager)
        self.assertTrue(late.summary.startswith("Late: "), late.summary)
        theirs = complaint.activity_ids.filtered(lambda a: a.user_id == self.officer)
        self.assertTrue(theirs.filtered(lambda a: ARABIC.search(a.summary or "")), "the reminder is in Arabic")
        self.assertFalse(theirs.filtered(lambda a: "Answer due on" in (a.summary or "")))
        complaint.invalidate_recordset(["message_ids"])
        notes = complaint.message_ids.filtered(
            lambda m: complaint.name not in str(m.body) and ARABIC.search(str(m.body))
        )
        self.assertTrue(notes.filtered(lambda m: "صُعّد" in str(m.body)), "the owner's note is in Arabic")

    def test_request_deadline_reminder_and_escalation_in_each_recipients_language(self):
        self.escalation_manager.lang = "ar_001"
        self.officer.lang = "en_US"
        Request = self.env["atta.support.request"].with_context(lang="en_US")
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
        with freeze_time("2026-12-16 07:00:00"):
            Request._cron_watch_deadlines()
        with freeze_time("2026-12-21 07:00:00"):
            Request._cron_watch_deadlines()
        overdue = request.activity_ids.filtered(lambda a: a.user_id == self.escalation_manager)
        self.assertEqual(len(overdue), 1)
        self.assertRegex(overdue.summary, ARABIC)
        self.assertNotIn("Overdue", overdue.summary)
        reminder = request.activity_ids - overdue
        self.assertTrue(reminder.summary.startswith("Decision due on"), reminder.summary)
