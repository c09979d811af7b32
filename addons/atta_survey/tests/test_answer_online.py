from odoo.tests import HttpCase, tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestAnswerThroughTheToken(HttpCase, AttaSurveyCase):
    def test_a_beneficiary_answers_without_an_account_and_the_score_reaches_the_request(self):
        request = self._deliver()
        answer = request.survey_answer_ids
        survey = answer.survey_id
        page = self.url_open(f"/survey/start/{survey.access_token}?answer_token={answer.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('dir="rtl"', page.text, "the survey pages speak Arabic, right to left")
        questions = {q.title: q for q in survey.question_ids}
        self.make_jsonrpc_request(f"/survey/begin/{survey.access_token}/{answer.access_token}", {})
        self.make_jsonrpc_request(
            f"/survey/submit/{survey.access_token}/{answer.access_token}",
            {
                str(questions["Overall, how satisfied are you with the service?"].id): "1",
                str(questions["Was the information you were given clear?"].id): "2",
                str(questions["Were you treated with respect and courtesy?"].id): "5",
                str(questions["Was your request handled quickly enough?"].id): "2",
            },
        )
        self.assertEqual(answer.state, "done")
        # (0 + 1 + 4 + 1) of 16 → 37.5%
        self.assertEqual(request.satisfaction_score, 37.5)
        self.assertTrue(
            self.env["atta.improvement.action"].search([("user_input_id", "=", answer.id)]),
            "a low score opens an improvement action",
        )
