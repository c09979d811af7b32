from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.atta_research.models.complaint import AttaComplaint

from .common import AttaResearchCase


class ComplaintCaseMixin:
    @classmethod
    def _complaint_setup(cls):
        cls.category = cls.env.ref("atta_research.complaint_category_service")
        cls.category.user_id = cls.officer
        cls.staff_category = cls.env.ref("atta_research.complaint_category_staff")
        cls.staff_category.user_id = cls.researcher

    def _sms_to(self, number):
        return self.env["sms.sms"].sudo().search([("number", "=", number)])

    def _desk_complaint(self, category=None, **values):
        """A complaint the relations officer records at the desk."""
        return (
            self.env["atta.complaint"]
            .with_user(self.officer)
            .create(
                dict(
                    {
                        "kind": "complaint",
                        "category_id": (category or self.category).id,
                        "subject": "Nobody answered the phone",
                        "description": "I called three times on Monday and nobody answered.",
                        "contact_name": "Saad Omar",
                        "mobile": "0551112233",
                    },
                    **values,
                )
            )
        )


@tagged("post_install", "-at_install")
class TestComplaints(ComplaintCaseMixin, AttaResearchCase):
    """A complaint gets a number, an owner, a deadline on the working calendar and an escalation [S3.3, S4]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._complaint_setup()

    def test_a_desk_complaint_gets_a_number_an_owner_and_a_working_day_deadline(self):
        with freeze_time("2026-12-06 09:00:00"):  # a Sunday
            complaint = self._desk_complaint()
            self.assertRegex(complaint.name, r"^CMP-1448-\d{5}$")
            self.assertEqual(complaint.user_id, self.officer, "the category's owner")
            self.assertEqual(str(complaint.deadline), "2026-12-13", "five working days, Friday and Saturday off")
            self.assertEqual(complaint.mobile, "+966551112233")
            self.assertEqual(complaint.state, "new")
            self.assertEqual(complaint.activity_ids.user_id, self.officer)
        sms = self._sms_to("+966551112233")
        self.assertEqual(len(sms), 1, "the person gets the number by SMS")
        self.assertIn(complaint.name, sms.body)
        self.assertEqual(sms.state, "outgoing", "in the SMS queue")

    def test_the_owner_defaults_to_the_team_leader_then_to_the_manager(self):
        team = self.env["atta.team"].create({"name": "Relations desk", "leader_id": self.manager.id})
        category = self.env["atta.complaint.category"].create({"name": "Waiting room", "team_id": team.id})
        self.assertEqual(self._desk_complaint(category).user_id, self.manager)
        category.team_id = False
        self.assertEqual(self._desk_complaint(category).user_id, self.env["res.users"]._atta_manager())

    def test_a_complaint_nobody_can_be_answered_on_is_refused(self):
        with self.assertRaisesText(ValidationError, "Give a mobile number or an e-mail address"):
            self._desk_complaint(mobile=False)
        with self.assertRaisesText(ValidationError, "is not a mobile number"):
            self._desk_complaint(mobile="12")
        with self.assertRaisesText(ValidationError, "is not an e-mail address"):
            self._desk_complaint(mobile=False, email="not-an-address")

    def test_a_complaint_past_its_deadline_is_reminded_then_escalated_once(self):
        Complaint = self.env["atta.complaint"]
        manager = self.env["res.users"]._atta_manager()
        manager.lang = "en_US"  # the escalation is written in the manager's language
        with freeze_time("2026-12-06 09:00:00"):
            complaint = self._desk_complaint()
        with freeze_time("2026-12-10 09:00:00"):
            Complaint._cron_watch_deadlines()
            self.assertTrue(complaint.reminded)
            self.assertFalse(complaint.escalated)
        with freeze_time("2026-12-14 09:00:00"):
            self.assertTrue(complaint.is_overdue)
            Complaint._cron_watch_deadlines()
            Complaint._cron_watch_deadlines()
        late = complaint.activity_ids.filtered(lambda a: "Late" in (a.summary or ""))
        self.assertEqual(len(late), 1, "escalated once, however often the cron runs")
        self.assertEqual(late.user_id, manager)
        self.assertTrue(complaint.escalated)
        complaint.invalidate_recordset(["message_ids"])
        escalations = complaint.message_ids.filtered(lambda m: "Escalated to" in str(m.body))
        self.assertEqual(len(escalations), 1)

    def test_an_answered_complaint_is_neither_reminded_nor_escalated(self):
        with freeze_time("2026-12-06 09:00:00"):
            complaint = self._desk_complaint()
            complaint.with_user(self.officer).answer = "We have added a second line at the desk."
            complaint.with_user(self.officer).action_answer()
        with freeze_time("2026-12-20 09:00:00"):
            self.env["atta.complaint"]._cron_watch_deadlines()
        self.assertFalse(complaint.escalated)
        self.assertFalse(complaint.reminded)

    @mute_logger("odoo.addons.atta_beneficiary.tools.cron")
    def test_a_broken_complaint_never_stops_the_cron(self):
        with freeze_time("2026-12-06 09:00:00"):
            broken = self._desk_complaint()
            healthy = self._desk_complaint(mobile="0551112244")
        escalate = AttaComplaint._escalate_overdue

        def escalate_or_break(record):
            if record == broken:
                raise ValueError("a broken record")
            return escalate(record)

        with freeze_time("2026-12-14 09:00:00"), patch.object(AttaComplaint, "_escalate_overdue", escalate_or_break):
            self.env["atta.complaint"]._cron_watch_deadlines()
        self.assertTrue(healthy.escalated)
        self.assertFalse(broken.escalated, "its savepoint was rolled back; the next run tries again")

    def test_the_owner_answers_and_the_person_receives_the_answer_by_sms(self):
        complaint = self._desk_complaint(self.staff_category)
        self.assertEqual(complaint.user_id, self.researcher)
        as_owner = complaint.with_user(self.researcher)
        as_owner.action_start()
        self.assertEqual(complaint.state, "in_progress")
        with self.assertRaisesText(UserError, "Write the answer"):
            as_owner.action_answer()
        as_owner.answer = "We apologise: the researcher will call you before each visit from now on."
        as_owner.action_answer()
        self.assertEqual(complaint.state, "answered")
        self.assertEqual(complaint.answered_by_id, self.researcher)
        answers = self._sms_to("+966551112233").filtered(lambda s: "call you before each visit" in s.body)
        self.assertEqual(len(answers), 1)
        self.assertFalse(complaint.activity_ids, "the owner's to-do is done")

    def test_an_owner_without_the_officer_role_writes_the_answer_only(self):
        as_owner = self._desk_complaint(self.staff_category).with_user(self.researcher)
        with self.assertRaisesText(AccessError, "write its answer only"):
            as_owner.subject = "Something else"
        with self.assertRaisesText(UserError, "through the steps of the process"):
            as_owner.state = "answered"
        with self.assertRaisesText(UserError, "through the steps of the process"):
            as_owner.escalated = True

    def test_researchers_and_committee_members_see_only_the_complaints_they_own(self):
        theirs = self._desk_complaint(self.staff_category)
        other = self._desk_complaint()
        Complaint = self.env["atta.complaint"]
        self.assertEqual(Complaint.with_user(self.researcher).search([]), theirs)
        self.assertFalse(Complaint.with_user(self.other_researcher).search([]))
        self.assertFalse(Complaint.with_user(self.chair).search([]))
        for user in (self.other_researcher, self.chair):
            with self.assertRaises(AccessError):
                theirs.with_user(user).read(["subject"])
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).read(["subject"])
        with self.assertRaises(AccessError):
            other.with_user(self.researcher).action_answer()
        with self.assertRaises(AccessError):
            Complaint.with_user(self.employee).search([])
        self.assertEqual(Complaint.with_user(self.officer).search([("id", "in", (theirs + other).ids)]), theirs + other)
        self.assertEqual(Complaint.with_user(self.manager).search([("id", "in", (theirs + other).ids)]), theirs + other)

    def test_an_answer_once_sent_stays_as_it_was_sent(self):
        complaint = self._desk_complaint()
        complaint.with_user(self.officer).answer = "Fixed."
        complaint.with_user(self.officer).action_answer()
        with self.assertRaisesText(UserError, "was answered"):
            complaint.with_user(self.officer).answer = "Something else."
        with self.assertRaisesText(UserError, "was already answered"):
            complaint.with_user(self.officer).action_answer()
        with self.assertRaisesText(UserError, "keep it"):
            complaint.with_user(self.manager).unlink()

    def test_a_beneficiary_is_answered_by_their_file_and_never_after_withdrawing_consent(self):
        consent = self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
            }
        )
        complaint = self._desk_complaint(beneficiary_id=self.beneficiary.id, mobile=False, contact_name=False)
        complaint.invalidate_recordset(["message_ids"])
        self.assertEqual(complaint.contact_name, self.beneficiary.name)
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: self.beneficiary.partner_id in m.partner_ids),
            "the acknowledgement went to the person's file",
        )
        consent.action_withdraw()
        sms_before = self.env["sms.sms"].sudo().search_count([])
        messages_before = complaint.message_ids
        complaint.with_user(self.officer).answer = "We have reviewed the case."
        complaint.with_user(self.officer).action_answer()
        complaint.invalidate_recordset(["message_ids"])
        new_messages = complaint.message_ids - messages_before
        self.assertFalse(
            new_messages.filtered(
                lambda m: self.beneficiary.partner_id in m.partner_ids or "reviewed the case" in str(m.body)
            ),
            "nothing about the answer reached the person",
        )
        self.assertEqual(self.env["sms.sms"].sudo().search_count([]), sms_before)
        self.assertTrue(
            new_messages.filtered(lambda m: self.beneficiary.name in str(m.body)), "why nothing was sent is logged"
        )

    def _mails_to(self, email):
        return self.env["mail.mail"].sudo().search([("email_to", "=", email)])

    def test_an_address_without_a_file_is_acknowledged_with_the_number_only(self):
        """Anyone may type a stranger's address: what is sent there repeats nothing they typed."""
        complaint = self._desk_complaint(
            subject="Claim your prize at prize.example",
            contact_name="Prize Office",
            email="stranger@example.com",
        )
        mail = self._mails_to("stranger@example.com")
        self.assertEqual(len(mail), 1)
        sms = self._sms_to("+966551112233")
        for sent, text in ((mail.subject, "subject"), (str(mail.body_html), "body"), (sms.body, "SMS")):
            with self.subTest(part=text):
                self.assertNotIn("prize", sent.lower())
                self.assertNotIn("Prize Office", sent)
        self.assertIn(complaint.name, mail.subject)
        self.assertIn(complaint.name, str(mail.body_html))
        self.assertIn(complaint.name, sms.body)
        # The owner's answer, written by the association, still reaches the address.
        complaint.with_user(self.officer).answer = "We could not find your visit in our records."
        complaint.with_user(self.officer).action_answer()
        self.assertTrue(
            any("could not find your visit" in str(m.body_html) for m in self._mails_to("stranger@example.com"))
        )

    def test_a_manager_s_desk_complaint_to_a_typed_address_is_acknowledged_the_same_way(self):
        complaint = (
            self.env["atta.complaint"]
            .with_user(self.manager)
            .create(
                {
                    "category_id": self.category.id,
                    "subject": "Visit https://bad.example now",
                    "description": "Text chosen by whoever gave this address.",
                    "contact_name": "Bad Sender",
                    "email": "someone@example.com",
                }
            )
        )
        body = str(self._mails_to("someone@example.com").body_html)
        self.assertIn(complaint.name, body)
        self.assertNotIn("bad.example", body)
        self.assertNotIn("Bad Sender", body)
