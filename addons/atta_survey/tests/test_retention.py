from odoo.tests import tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestRetention(AttaSurveyCase):
    def _old_answers(self, count):
        """`count` answered invitations from three years ago, inserted in one statement."""
        survey = self.env.ref("atta_survey.survey_satisfaction")
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO survey_user_input (survey_id, state, access_token, partner_id, email, atta_beneficiary_id,
                                           atta_sent_on, atta_score, create_date, write_date, create_uid, write_uid)
            SELECT %s, 'done', md5(random()::text || g), %s, 'f@example.com', %s, now() - interval '3 years',
                   80, now() - interval '3 years', now() - interval '3 years', 1, 1
              FROM generate_series(1, %s) g
            RETURNING id""",
            (survey.id, self.beneficiary.partner_id.id, self.beneficiary.id, count),
        )
        return self.env["survey.user_input"].browse(sorted(row[0] for row in self.env.cr.fetchall()))

    def test_ten_thousand_answers_in_batches_and_one_broken_does_not_stop_the_run(self):
        answers = self._old_answers(10000)
        recent = self._deliver().survey_answer_ids
        rule = self.env.ref("atta_survey.retention_survey_answer")
        self.assertEqual(rule.candidate_count, 10000, "the dry run counts what would go; the recent one stays")
        preview = rule.action_preview()
        self.assertEqual(len(preview["domain"][0][2]), 10000)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("atta_beneficiary_id", "=", self.beneficiary.id)]),
            10001,
            "a dry run changes nothing",
        )
        broken = answers[4321]
        Answer = type(self.env["survey.user_input"])
        anonymize = Answer._atta_anonymize
        batches = []

        def anonymize_or_break(records):
            batches.append(len(records))
            if broken in records:
                raise ValueError("a broken record")
            return anonymize(records)

        Answer._atta_anonymize = anonymize_or_break
        try:
            with self.assertLogs("odoo.addons.atta_beneficiary.tools.cron", "WARNING") as logs:
                done, skipped = rule._run(batch_size=1000)
        finally:
            Answer._atta_anonymize = anonymize
        self.assertEqual((done, skipped), (9999, 1))
        self.assertEqual(batches.count(1000), 10, "ten batches of 1,000 tried at once; one held the broken record")
        self.assertEqual(batches.count(1), 1000, "that batch was redone one by one")
        self.assertIn(f"survey.user_input({broken.id}) skipped (ValueError)", logs.output[0])
        self.assertNotIn("example.com", logs.output[0], "no personal data in the server log")
        self.env.invalidate_all()
        self.assertEqual(rule._candidates(), broken, "only the broken record is left for the next run")
        self.assertFalse((answers - broken).filtered("partner_id"))
        self.assertFalse((answers - broken).filtered("email"))
        self.assertTrue(all((answers - broken).mapped("atta_anonymized")))
        self.assertEqual(set((answers - broken).mapped("atta_score")), {80.0}, "scores stay for the statistics")
        self.assertEqual(recent.atta_beneficiary_id, self.beneficiary)
        self.assertEqual(rule.last_run_summary, "9999 anonymised, 1 skipped")
        trace = self.env["ir.logging"].search([("name", "=", "atta.retention"), ("line", "=", str(broken.id))])
        self.assertEqual(len(trace), 1)
