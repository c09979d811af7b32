from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tools.roles import MANAGER

from .common import AttaResearchCase


@tagged("post_install", "-at_install")
class TestDecisionDeadline(AttaResearchCase):
    def _holiday(self, day):
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "resource_id": False,
                "date_from": datetime(day.year, day.month, day.day, 0, 0),
                "date_to": datetime(day.year, day.month, day.day, 23, 59),
            }
        )

    def test_thursday_submission_skips_the_weekend_and_a_public_holiday(self):
        with freeze_time("2026-12-03 09:00:00"):  # a Thursday
            plain = self._request()
            plain.with_user(self.officer).action_submit()
            self.assertEqual(plain.deadline, date(2026, 12, 17), "10 working days, Friday and Saturday off")
            self._holiday(date(2026, 12, 8))
            with_holiday = self._request()
            with_holiday.with_user(self.officer).action_submit()
        self.assertEqual(with_holiday.deadline, date(2026, 12, 20), "the holiday pushes it past the weekend")
        self.assertEqual(with_holiday.with_context(lang="en_US").deadline_hijri, "11 Rajab 1448 AH")

    def test_waiting_for_the_applicant_pauses_the_deadline(self):
        with freeze_time("2026-12-06 09:00:00"):  # Sunday
            request = self._request()
            request.with_user(self.officer).action_submit()
            request.with_user(self.officer).action_start_verification()
        self.assertEqual(request.deadline, date(2026, 12, 20))
        with freeze_time("2026-12-08 10:00:00"):
            request.with_user(self.officer)._request_information(
                "The lease contract is unreadable: please bring the original."
            )
            self.assertEqual(request.state, "needs_info")
        with freeze_time("2026-12-14 10:00:00"):  # 4 working days later: Wed, Thu, Sun, Mon
            request.with_user(self.officer).action_resume()
        self.assertEqual(request.state, "verification")
        self.assertEqual(request.paused_days, 4)
        self.assertEqual(request.deadline, date(2026, 12, 24))

    def test_overdue_flag_is_searchable(self):
        with freeze_time("2026-12-06 09:00:00"):
            late, on_time = self._request(), self._request()
            (late + on_time).with_user(self.officer).action_submit()
        on_time.with_user(self.officer)._cancel("Withdrawn by the applicant")
        with freeze_time("2026-12-21"):
            late.invalidate_recordset()
            self.assertTrue(late.is_overdue)
            overdue = self.env["atta.support.request"].search([("is_overdue", "=", True)])
            self.assertIn(late, overdue)
            self.assertNotIn(on_time, overdue)
            self.assertNotIn(late, self.env["atta.support.request"].search([("is_overdue", "=", False)]))

    def test_deadline_cron_reminds_then_escalates_once(self):
        self.env["res.users"]._atta_manager().lang = "en_US"  # the escalation is written in the manager's language
        with freeze_time("2026-12-06 09:00:00"):
            request = self._request()
            request.with_user(self.officer).action_submit()
        Request = self.env["atta.support.request"]
        with freeze_time("2026-12-16 07:00:00"):  # two working days before Sunday 20th
            Request._cron_watch_deadlines()
        self.assertTrue(request.deadline_reminded)
        self.assertEqual(len(request.activity_ids), 1)
        messages_before = len(request.message_ids)
        with freeze_time("2026-12-21 07:00:00"):
            Request._cron_watch_deadlines()
            Request._cron_watch_deadlines()
        self.assertTrue(request.overdue_escalated)
        escalations = request.activity_ids.filtered(lambda a: "Overdue" in a.summary)
        self.assertEqual(len(escalations), 1)
        self.assertTrue(escalations.user_id.has_group(MANAGER))
        overdue_mails = request.message_ids[: len(request.message_ids) - messages_before].filtered(
            lambda m: "taking longer than promised" in (m.subject or "")
        )
        self.assertEqual(len(overdue_mails), 1, "the applicant is told once, not at every run")

    def test_deadline_cron_query_count_does_not_grow_with_requests(self):
        with freeze_time("2026-12-06 09:00:00"):
            for _index in range(3):
                self._request().with_user(self.officer).action_submit()
        Request = self.env["atta.support.request"]
        with freeze_time("2026-12-07 07:00:00"):
            Request._cron_watch_deadlines()  # warm caches
            self.env.invalidate_all()
            with self.assertQueryCount(8):
                Request._cron_watch_deadlines()
            with freeze_time("2026-12-06 09:00:00"):
                for _index in range(20):
                    self._request().with_user(self.officer).action_submit()
            self.env.invalidate_all()
            with self.assertQueryCount(8):
                Request._cron_watch_deadlines()

    def test_one_broken_request_does_not_stop_the_cron(self):
        with freeze_time("2026-12-06 09:00:00"):
            broken, healthy = self._request(), self._request()
            (broken + healthy).with_user(self.officer).action_submit()
        broken_id = broken.id
        original = type(broken)._escalate_overdue

        def failing(records):
            if records.id == broken_id:
                raise ValueError("simulated failure")
            return original(records)

        with (
            freeze_time("2026-12-21 07:00:00"),
            self.patch_escalation(failing),
            self.assertLogs("odoo.addons.atta_beneficiary.tools.cron", "WARNING") as logged,
        ):
            self.env["atta.support.request"]._cron_watch_deadlines()
        self.assertEqual(len(logged.records), 1)
        self.assertNotIn(self.beneficiary.name, logged.output[0], "no personal data in the server log")
        self.assertTrue(healthy.overdue_escalated)
        self.assertFalse(broken.overdue_escalated)
        log = self.env["ir.logging"].search([("func", "=", "_escalate_overdue"), ("line", "=", str(broken_id))])
        self.assertEqual(len(log), 1)
        self.assertIn("simulated failure", log.message)

    def patch_escalation(self, replacement):
        return patch.object(type(self.env["atta.support.request"]), "_escalate_overdue", replacement)

    def test_public_holidays_are_added_once_per_hijri_year(self):
        Leave = self.env["resource.calendar.leaves"]
        installed = Leave.search([("calendar_id", "=", self.calendar.id)])
        self.assertTrue(installed, "installing Atta adds this year's holidays")
        installed.unlink()
        leaves = self.env["res.company"]._atta_add_public_holidays([1448])
        self.assertEqual(len(leaves), 4)
        fitr = leaves.filtered(lambda leave: "Fitr" in leave.name)
        # 1 Shawwal 1448 is 9 March 2027 on Umm al-Qura; the holiday starts the day before, Riyadh time.
        self.assertEqual(fitr.date_from, datetime(2027, 3, 7, 21, 0))
        self.assertFalse(self.env["res.company"]._atta_add_public_holidays([1448]), "not added twice")
        self.assertTrue(Leave.search_count([("calendar_id", "=", self.calendar.id), ("name", "=", "National Day")]))
