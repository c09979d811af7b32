from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.roles import MANAGER
from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestDataRequests(AttaBeneficiaryCase):
    """A person's request to see, copy or correct their data [PDPL]: answered within the legal period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls._complete_file(cls._beneficiary())
        cls.interview = cls.channel_interview

    def test_the_legal_period_is_watched_and_a_late_request_reaches_a_manager_once(self):
        self.env["res.users"]._atta_manager().lang = "en_US"  # the escalation is written in the manager's language
        with freeze_time("2026-12-01"):
            data_request = self._data_request("access", user_id=self.officer.id)
        self.assertEqual(data_request.deadline, date(2026, 12, 31))
        todo = data_request.activity_ids
        self.assertEqual((todo.user_id, todo.date_deadline), (self.officer, date(2026, 12, 31)))
        DataRequest = self.env["atta.data.request"]
        with freeze_time("2026-12-31"):
            self.assertEqual(DataRequest._cron_watch_deadlines(), 0, "due today is not late")
        with freeze_time("2027-01-01"):
            self.assertEqual(DataRequest._cron_watch_deadlines(), 1)
            self.assertEqual(DataRequest._cron_watch_deadlines(), 0, "escalated once")
        late = data_request.activity_ids.filtered(lambda a: "legal period" in a.summary)
        self.assertEqual(len(late), 1)
        self.assertTrue(late.user_id.has_group(MANAGER))
        with freeze_time("2027-01-02"):
            data_request.action_export()
        self.assertFalse(data_request.answered_on_time)
        self.assertFalse(data_request.activity_ids.filtered(lambda a: a.user_id == self.officer))

    def test_a_person_with_no_data_is_told_so(self):
        data_request = self._data_request("copy", identity_number="1000000024", requester_name="Someone")
        self.assertFalse(data_request.beneficiary_id)
        data_request.action_export()
        self.assertEqual(data_request.state, "done")
        self.assertIn("holds no personal data", data_request.response)
        self.assertFalse(data_request.message_ids.attachment_ids)
