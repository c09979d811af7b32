from urllib.parse import quote

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestInvitationChannels(AttaSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trigger = cls.env.ref("atta_survey.survey_trigger_delivery")
        cls.relations = cls.env.ref("atta_beneficiary.team_relations")
        cls.relations.member_ids = cls.officer | cls.env.user

    def _sms(self, answer):
        return (
            self.env["sms.sms"]
            .search([("partner_id", "=", self.beneficiary.partner_id.id)])
            .filtered(lambda sms: answer.access_token in sms.body)
        )

    def test_an_sms_invitation_is_queued_with_the_link_and_reminded_once_by_sms(self):
        self.trigger.invitation_channel = "sms"
        with freeze_time("2026-12-01 09:00:00"):
            request = self._deliver()
        answer = request.survey_answer_ids
        self.assertEqual(answer.atta_invitation_channel, "sms")
        self.assertEqual(answer.atta_team_id, self.relations, "the team of the staff member who handled it")
        Answer = self.env["survey.user_input"]
        with freeze_time("2026-12-03 09:00:00"):
            Answer._cron_atta_invitations()
        sms = self._sms(answer)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing", "queued for Odoo's SMS provider, not sent from the cron")
        self.assertEqual(sms.number, "+966501234567")
        self.assertIn(answer.get_base_url() + "/survey/start/", sms.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("subject", "=", "How was our service?"), ("recipient_ids", "in", self.beneficiary.partner_id.ids)]
            )
        )
        self.assertIn("Satisfaction survey sent", request.message_ids[0].body)
        with freeze_time("2026-12-09 09:00:00"):
            Answer._cron_atta_invitations()
            Answer._cron_atta_invitations()
        self.assertEqual(len(self._sms(answer)), 2, "one reminder, by SMS too")

    def test_no_sms_to_a_beneficiary_who_withdrew_consent(self):
        self.trigger.invitation_channel = "sms"
        with freeze_time("2026-12-01 09:00:00"):
            answer = self._deliver().survey_answer_ids
        self.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                "accepted_by_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
            }
        ).action_withdraw()
        with freeze_time("2026-12-03 09:00:00"):
            self.env["survey.user_input"]._cron_atta_invitations()
        self.assertFalse(self._sms(answer))

    def _visit(self):
        self.env["atta.survey.trigger"].create(
            {
                "name": "After an interview",
                "event": "interaction",
                "survey_id": self.trigger.survey_id.id,
                "channel_ids": [(6, 0, self.env.ref("atta_beneficiary.channel_interview").ids)],
                "invitation_channel": "print",
                "delay_days": 3,
            }
        )
        interaction = (
            self.env["atta.interaction"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Asked about the food basket",
                    "beneficiary_id": self.beneficiary.id,
                    "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
                    "user_id": self.officer.id,
                }
            )
        )
        interaction.action_done()
        return interaction

    def test_a_printed_card_is_ready_at_the_visit_with_the_link_and_its_qr_code(self):
        interaction = self._visit()
        card = self.env["survey.user_input"].search([("atta_interaction_id", "=", interaction.id)])
        self.assertEqual(card.atta_invitation_channel, "print")
        self.assertEqual(card.atta_send_on, card.create_date.date(), "no delay: it is handed over now")
        self.assertEqual(interaction.with_user(self.officer).survey_card_count, 1)
        action = interaction.with_user(self.officer).action_print_survey_card()
        self.assertEqual(action["report_name"], "atta_survey.report_survey_card")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("atta_survey.report_survey_card", card.ids)[0]
            .decode()
        )
        self.assertIn(card._atta_public_url(), html)
        self.assertIn("/report/barcode/QR/" + quote(card._atta_public_url(), safe=""), html)
        self.env["survey.user_input"]._cron_atta_invitations()
        self.assertTrue(card.atta_sent_on)
        self.assertFalse(
            self.env["mail.mail"].search([("subject", "=", "How was our service?")]), "a printed card sends no email"
        )

    def test_only_staff_who_may_see_the_contact_print_its_card(self):
        card = self.env["survey.user_input"].search([("atta_interaction_id", "=", self._visit().id)])
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.employee)._render_qweb_html(
                "atta_survey.report_survey_card", card.ids
            )
        card._mark_done()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.officer)._render_qweb_html(
                "atta_survey.report_survey_card", card.ids
            )
