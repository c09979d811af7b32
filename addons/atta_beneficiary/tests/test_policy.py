from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
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

    # ------------------------------------------------------------------ what the board approved stays as approved
    def _draft(self, **values):
        """A new version a manager writes in the library."""
        return (
            self.env["atta.policy.version"]
            .with_user(self.manager)
            .create(dict({"policy_id": self.policy.id, "name": "2", "body": "<p>Draft wording.</p>"}, **values))
        )

    def _approval(self):
        return {"board_session_number": "7", "approval_date": date(2026, 5, 3), "approval_date_hijri": "16/11/1447"}

    def test_a_version_comes_into_force_only_by_recording_the_board_approval(self):
        in_force = self.policy.current_version_id
        draft = self._draft()
        with self.assertRaisesText(UserError, "can only change through the steps"):
            draft.write({"state": "approved"})
        with self.assertRaisesText(UserError, "can only change through the steps"):
            draft.web_save({"state": "approved"}, {})
        with self.assertRaisesText(UserError, "can only change through the steps"):
            in_force.with_user(self.manager).write({"state": "superseded"})
        with self.assertRaisesText(UserError, "can only change through the steps"):
            self._draft(name="3", state="approved", **self._approval())
        self.assertEqual(draft.state, "draft")
        self.assertEqual(in_force.state, "approved")
        self.assertEqual(self.policy.current_version_id, in_force, "no version came into force by an edit")
        self.assertEqual(self.policy.version_ids.filtered(lambda v: v.name == "3"), self.env["atta.policy.version"])

    def test_an_officer_neither_approves_nor_edits_a_version(self):
        draft = self._draft(**self._approval())
        with self.assertRaisesText(UserError, "can only change through the steps"):
            draft.with_user(self.officer).write({"state": "approved"})
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).write({"body": "<p>Changed.</p>"})
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).action_approve()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.body, "<p>Draft wording.</p>")

    def test_the_approved_text_and_its_approval_are_kept_as_the_board_approved_them(self):
        version = self.policy.current_version_id.with_user(self.manager)
        body = version.body
        for values in (
            {"body": "<p>Altered after the approval.</p>"},
            {"board_session_number": "99"},
            {"approval_date": date(2025, 1, 1)},
            {"approval_date_hijri": "1/7/1446"},
            {"name": "1 bis"},
        ):
            with self.subTest(values=values), self.assertRaisesText(UserError, "Start a new version"):
                version.write(values)
        with self.assertRaisesText(UserError, "no longer a draft"):
            version.web_save({"body": "<p>Altered from the form.</p>"}, {})
        with self.assertRaisesText(UserError, "no longer a draft"):
            version.update_field_translations("body", {"ar_001": "<p>نص معدل بعد الاعتماد.</p>"})
        version.invalidate_recordset()
        self.assertEqual(version.body, body)
        self.assertEqual(version.board_session_number, "1")
        self.assertEqual(version.approval_date, date(2023, 10, 10))
        # Approving it again would record another session over the board's: refused too.
        with self.assertRaisesText(UserError, "already approved"):
            version.action_approve()

    def test_the_draft_is_amended_freely_and_then_approved_by_its_step(self):
        old = self.policy.current_version_id
        draft = self._draft()
        draft.write(dict(self._approval(), body="<p>Amended wording.</p>"))
        draft.action_approve()
        self.assertEqual((draft.state, old.state), ("approved", "superseded"))
        self.assertEqual(self.policy.current_version_id, draft)
        self.assertEqual(draft.body, "<p>Amended wording.</p>")
        # A superseded version is a record of what was in force: locked as well.
        with self.assertRaisesText(UserError, "Start a new version"):
            old.with_user(self.manager).write({"body": "<p>Rewritten history.</p>"})
        # Messages and followers of a locked version still work.
        draft.message_post(body="Circulated to the staff.")
