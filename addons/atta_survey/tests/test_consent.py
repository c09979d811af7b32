from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestConsentWithdrawal(AttaSurveyCase):
    def _sent_to(self, partner):
        """Mails and SMS that would actually leave for this person."""
        mails = self.env["mail.mail"].search([("recipient_ids", "in", partner.ids), ("state", "!=", "cancel")])
        sms = self.env["sms.sms"].search([("partner_id", "=", partner.id), ("state", "!=", "canceled")])
        return mails, sms

    def test_after_withdrawal_the_next_cron_runs_send_nothing_to_that_person(self):
        partner = self.beneficiary.partner_id
        consent = self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
            }
        )
        with freeze_time("2026-12-01 09:00:00"):
            answer = self._deliver().survey_answer_ids
        self.assertTrue(answer)
        identity = self.beneficiary.document_ids.filtered(
            lambda d: d.document_type_id == self.env.ref("atta_beneficiary.document_type_identity")
        )
        identity.write({"expiry_date": "2026-12-20"})
        self.beneficiary.write({"state": "registered", "registration_date": "2025-12-10"})
        self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)]).unlink()

        consent.action_withdraw()
        self.assertTrue(self.beneficiary.consent_withdrawn)
        with freeze_time("2026-12-05 09:00:00"):
            self.env["survey.user_input"]._cron_atta_invitations()
            self.env["atta.beneficiary.document"]._cron_watch_expiry()
            self.env["atta.beneficiary"]._cron_follow_up_renewals()
        mails, sms = self._sent_to(partner)
        self.assertFalse(mails)
        self.assertFalse(sms)
        self.assertTrue(answer.atta_sent_on, "the invitation is settled, not retried forever")
        self.assertTrue(self.beneficiary.renewal_reminded)
        self.assertTrue(self.beneficiary.activity_ids, "the officer still gets the follow-up activities")
        self.assertEqual(self.env["atta.audit.log"].search([("action", "=", "consent")]).res_id, self.beneficiary.id)

    def test_any_mail_to_a_person_who_withdrew_is_stopped_and_kept_with_the_reason(self):
        partner = self.beneficiary.partner_id
        consent = self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
            }
        )
        request = self._request()
        request.message_post(
            body="Your request is being studied",
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(self._sent_to(partner)[0], "with consent in force, the mail goes")
        consent.action_withdraw()
        request.message_post(
            body="A second message", partner_ids=partner.ids, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        stopped = self.env["mail.mail"].search(
            [("recipient_ids", "=", False), ("state", "=", "cancel"), ("body_html", "ilike", "A second message")]
        )
        self.assertEqual(len(stopped), 1)
        self.assertIn("withdrew consent", stopped.failure_reason)
        request._message_sms("Your appointment is tomorrow", partner_ids=partner.ids, put_in_queue=True)
        sms = self.env["sms.sms"].search([("partner_id", "=", partner.id)])
        self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_optout"), "an SMS is stopped the same way")
