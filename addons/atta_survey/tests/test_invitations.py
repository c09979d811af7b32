from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestSatisfactionInvitations(AttaSurveyCase):
    def test_delivery_invites_after_the_delay_then_reminds_once_then_expires(self):
        with freeze_time("2026-12-01 09:00:00"):
            request = self._deliver()
        answer = request.survey_answer_ids
        self.assertEqual(len(answer), 1, "created through the survey module, linked to the request")
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, self.beneficiary.partner_id)
        self.assertEqual(answer.atta_send_on, date(2026, 12, 3))
        self.assertEqual(answer.atta_staff_id, request.user_id)
        Answer = self.env["survey.user_input"]
        partner = self.beneficiary.partner_id
        with freeze_time("2026-12-02 09:00:00"):
            Answer._cron_atta_invitations()
        self.assertFalse(answer.atta_sent_on, "not before the delay")
        with freeze_time("2026-12-03 09:00:00"):
            Answer._cron_atta_invitations()
        self.assertEqual(answer.atta_sent_on, date(2026, 12, 3))
        invitation = self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids), ("subject", "=", "How was our service?")]
        )
        self.assertEqual(len(invitation), 1)
        self.assertIn(answer.access_token, invitation.body_html)
        with freeze_time("2026-12-09 09:00:00"):
            Answer._cron_atta_invitations()
            Answer._cron_atta_invitations()
        self.assertTrue(answer.atta_reminded)
        reminders = self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids), ("subject", "=", "A minute for your opinion?")]
        )
        self.assertEqual(len(reminders), 1, "one reminder only")
        with freeze_time("2027-01-03 09:00:00"):
            Answer._cron_atta_invitations()
        self.assertTrue(answer.exists())
        self.assertTrue(answer.atta_expired, "marked expired, not deleted")

    def test_frequency_cap_and_opt_out_are_honoured(self):
        with freeze_time("2026-12-01 09:00:00"):
            first = self._deliver()
            second = self._deliver()
        self.assertTrue(first.survey_answer_ids)
        self.assertFalse(second.survey_answer_ids, "one invitation per beneficiary per 30 days")
        other = self._complete_beneficiary("2000000006", "Maryam Yousef", identity_type="iqama", survey_opt_out=True)
        with freeze_time("2026-12-01 09:00:00"):
            self.assertFalse(self._deliver(beneficiary=other).survey_answer_ids)

    def test_an_answer_stores_its_score_and_a_low_score_opens_an_improvement_action(self):
        request = self._deliver()
        answer = request.survey_answer_ids
        questions = {q.title: q for q in self.survey.question_ids}
        answer._save_lines(questions["Overall, how satisfied are you with the service?"], "2")
        answer._save_lines(questions["Was the information you were given clear?"], "3")
        answer._save_lines(questions["Any suggestion or complaint?"], "Nobody told me about the visit.")
        answer._mark_done()
        # (2-1) + (3-1) out of 4 + 4 → 37.5%
        self.assertEqual(answer.atta_score, 37.5)
        self.assertEqual(request.satisfaction_score, 37.5)
        action = self.env["atta.improvement.action"].search([("user_input_id", "=", answer.id)])
        self.assertEqual(len(action), 1)
        self.assertIn("Nobody told me", action.description)
