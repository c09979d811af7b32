from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AttaBeneficiaryCase


@tagged("post_install", "-at_install")
class TestPolicyLibrary(AttaBeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("atta_beneficiary.policy_beneficiary_relations")

    def test_seed_policy_keeps_the_board_approval_as_written(self):
        version = self.env.ref("atta_beneficiary.policy_beneficiary_relations_v1")
        self.assertEqual(self.policy.current_version_id, version)
        self.assertEqual(version.board_session_number, "1")
        self.assertEqual(version.approval_date_hijri, "24/3/1445")
        # The computed Umm al-Qura date for 24/3/1445 is 9 Oct 2023; the minutes say 10 Oct.
        self.assertEqual(version.approval_date, date(2023, 10, 10))
        self.assertIn("[S7]", version.body)
        kinds = set(self.env["atta.policy"].search([]).mapped("kind"))
        self.assertTrue({"bylaws", "research_guide", "support_policy", "request_form", "relations_policy"} <= kinds)

    def test_no_conversion_overwrites_an_entered_hijri_date(self):
        version = self.env["atta.policy.version"].new(
            {"policy_id": self.policy.id, "name": "2", "approval_date_hijri": "24/3/1445"}
        )
        version.approval_date = date(2023, 10, 10)
        version._onchange_approval_date()
        self.assertEqual(version.approval_date_hijri, "24/3/1445")
        empty = self.env["atta.policy.version"].new({"policy_id": self.policy.id, "name": "3"})
        empty.approval_date = date(2023, 10, 9)
        empty._onchange_approval_date()
        self.assertEqual(empty.approval_date_hijri, "24/3/1445 هـ")

    def test_review_reminder_cron_creates_the_activity_once_when_due(self):
        self.policy.write(
            {"next_review_date": date(2026, 12, 20), "review_notice_days": 30, "responsible_id": self.manager.id}
        )
        cron = self.env.ref("atta_beneficiary.ir_cron_policy_review_reminder")
        self.assertEqual(cron.code, "model._cron_remind_reviews()")
        Policy = self.env["atta.policy"]
        with freeze_time("2026-11-01"):
            Policy._cron_remind_reviews()
        self.assertFalse(self.policy.activity_ids, "not due yet: 49 days before the review")
        with freeze_time("2026-11-25"):
            Policy._cron_remind_reviews()
            Policy._cron_remind_reviews()
        activity = self.policy.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.date_deadline, date(2026, 12, 20))

    def test_approving_a_new_version_supersedes_the_old_one_and_schedules_the_review(self):
        old = self.policy.current_version_id
        new = self.env["atta.policy.version"].create({"policy_id": self.policy.id, "name": "2", "body": "<p>v2</p>"})
        with self.assertRaisesText(UserError, "board session number"):
            new.action_approve()
        new.write({"board_session_number": "7", "approval_date": date(2026, 5, 3), "approval_date_hijri": "16/11/1447"})
        new.action_approve()
        self.assertEqual(old.state, "superseded")
        self.assertEqual(self.policy.current_version_id, new)
        self.assertEqual(self.policy.next_review_date, date(2027, 5, 3))

    def test_staff_acknowledge_the_version_in_force(self):
        policy = self.policy.with_user(self.employee)
        self.assertFalse(policy.acknowledged_by_me)
        policy.action_acknowledge()
        policy.action_acknowledge()
        policy.invalidate_recordset()
        self.assertTrue(policy.acknowledged_by_me)
        self.assertEqual(self.policy.current_version_id.acknowledgement_count, 1)
