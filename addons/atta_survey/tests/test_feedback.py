import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestFeedbackAndContacts(HttpCase, AttaSurveyCase):
    def test_a_complaint_from_the_portal_becomes_a_contact_and_an_improvement_action(self):
        new_test_user(
            self.env, "fatimah_feedback", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id
        )
        self.authenticate("fatimah_feedback", "fatimah_feedback")
        page = self.url_open("/my/feedback")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/my/feedback",
            data={
                "csrf_token": token,
                "kind": "complaint",
                "subject": "Long wait at the desk",
                "message": "I waited two hours without being told why.",
            },
        )
        self.assertIn("o_atta_feedback_sent", response.text)
        interaction = self.env["atta.interaction"].search([("name", "=", "Long wait at the desk")])
        self.assertEqual(interaction.beneficiary_id, self.beneficiary)
        self.assertEqual(interaction.interaction_type, "complaint")
        self.assertEqual(interaction.channel_id, self.env.ref("atta_beneficiary.channel_website"))
        action = self.env["atta.improvement.action"].search([("interaction_id", "=", interaction.id)])
        self.assertEqual(action.source, "complaint")
        self.assertTrue(action.follow_up_beneficiary, "the beneficiary is told what was done")

    def test_a_portal_account_sends_a_bounded_number_of_messages_a_day(self):
        new_test_user(self.env, "fatimah_many", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id)
        self.authenticate("fatimah_many", "fatimah_many")
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/feedback").text).group(1)
        Interaction, Action = self.env["atta.interaction"], self.env["atta.improvement.action"]
        before = (Interaction.search_count([]), Action.search_count([]))
        for attempt in range(40):
            response = self.url_open(
                "/my/feedback",
                data={
                    "csrf_token": token,
                    "kind": "suggestion",
                    "subject": f"Idea {attempt}",
                    "message": "Open on Fridays.",
                },
            )
            self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (Interaction.search_count([]), Action.search_count([])),
            (before[0] + 3, before[1] + 3),
            "three messages a day by default: 40 posts made three contacts and three improvement actions",
        )
        self.assertIn("o_atta_feedback_error_limit", response.text, "the person is told on the page")
        self.assertFalse(Interaction.search([("name", "=", "Idea 3")]))
        # The association may allow more (System Parameters): the next one is received.
        self.env["ir.config_parameter"].set_param("atta_survey.feedback_limit_per_day", "4")
        response = self.url_open(
            "/my/feedback", data={"csrf_token": token, "kind": "complaint", "subject": "One more", "message": "Thanks."}
        )
        self.assertIn("o_atta_feedback_sent", response.text)

    def test_a_finished_contact_of_a_chosen_kind_invites_a_survey(self):
        self.env["atta.survey.trigger"].create(
            {
                "name": "After a phone inquiry",
                "event": "interaction",
                "interaction_type": "inquiry",
                "channel_ids": [(6, 0, self.env.ref("atta_beneficiary.channel_phone").ids)],
                "survey_id": self.env.ref("atta_survey.survey_satisfaction").id,
                "delay_days": 0,
            }
        )
        Interaction = self.env["atta.interaction"]
        visit = Interaction.create(
            {
                "name": "Visit",
                "beneficiary_id": self.beneficiary.id,
                "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
            }
        )
        visit.action_done()
        self.assertFalse(
            self.env["survey.user_input"].search([("atta_interaction_id", "=", visit.id)]), "not a phone contact"
        )
        call = Interaction.create(
            {
                "name": "Call",
                "beneficiary_id": self.beneficiary.id,
                "user_id": self.officer.id,
                "channel_id": self.env.ref("atta_beneficiary.channel_phone").id,
            }
        )
        call.action_done()
        answer = self.env["survey.user_input"].search([("atta_interaction_id", "=", call.id)])
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.atta_staff_id, self.officer)
