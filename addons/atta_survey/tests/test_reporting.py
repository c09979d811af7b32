import os
import tempfile

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestNonPunitiveReporting(AttaSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone = cls.env.ref("atta_beneficiary.channel_phone")

    def _answers(self, staff, count, score=80.0, channel=None, team=None):
        return self.env["survey.user_input"].create(
            [
                {
                    "atta_team_id": team.id if team else False,
                    "survey_id": self.survey.id,
                    "partner_id": self.beneficiary.partner_id.id,
                    "state": "done",
                    "atta_beneficiary_id": self.beneficiary.id,
                    "atta_staff_id": staff.id,
                    "atta_channel_id": (channel or self.phone).id,
                    "atta_sent_on": "2026-11-10",
                    "atta_score": score,
                }
                for _index in range(count)
            ]
        )

    def _named_staff(self):
        self.env.flush_all()
        self.env.invalidate_all()  # the view's rows keep their ids while their content changes
        return self.env["atta.satisfaction.report"].search([]).staff_id

    def test_a_staff_member_is_named_only_from_k_answers(self):
        self._answers(self.officer, 4)
        self.assertNotIn(self.officer, self._named_staff(), "4 answers could be traced back: no name")
        self._answers(self.officer, 1)
        self.assertIn(self.officer, self._named_staff(), "with 5 answers the row shows")
        self.env["ir.config_parameter"].set_param("atta_survey.k_threshold", "10")
        self.assertNotIn(self.officer, self._named_staff())

    def test_staff_see_their_own_aggregate_never_individual_answers(self):
        mine = self._answers(self.officer, 5)
        self._answers(self.researcher, 6)
        self.env.flush_all()
        self.env.invalidate_all()
        rows = self.env["atta.satisfaction.report"].with_user(self.officer).search([])
        self.assertEqual(rows.staff_id, self.officer)
        with self.assertRaises(AccessError):
            mine[0].with_user(self.officer).read(["atta_score"])
        with self.assertRaises(AccessError):
            mine[0].with_user(self.researcher).read(["atta_score"])
        managers_view = self.env["atta.satisfaction.report"].with_user(self.manager).search([])
        self.assertEqual(managers_view.staff_id, self.officer | self.researcher)

    def test_teams_are_reported_from_k_answers_like_people(self):
        relations = self.env.ref("atta_beneficiary.team_relations")
        research = self.env.ref("atta_beneficiary.team_research")
        self._answers(self.officer, 4, team=relations)
        self._answers(self.researcher, 5, score=40, team=research)
        self.env.flush_all()
        self.env.invalidate_all()
        Report = self.env["atta.satisfaction.report"]
        self.assertEqual(Report.search([]).team_id, research, "a team of 4 answers stays unnamed")
        by_team = dict(Report._read_group([("team_id", "!=", False)], ["team_id"], ["average_score:avg"]))
        self.assertEqual(by_team, {research: 40.0})
        self._answers(self.officer, 1, team=relations)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Report.search([]).team_id, relations | research)

    def test_xlsx_export_opens_and_its_totals_equal_the_pivot(self):
        exported_before = self.env["survey.user_input"].search_count(  # a trial database has sample answers
            ["|", ("atta_beneficiary_id", "!=", False), ("atta_anonymized", "=", True), ("state", "=", "done")]
        )
        self._answers(self.officer, 5, score=90)
        self._answers(self.researcher, 3, score=40, channel=self.env.ref("atta_beneficiary.channel_interview"))
        self.env.flush_all()
        Report = self.env["atta.satisfaction.report"]
        pivot = Report._read_group([], [], ["answered:sum", "invited:sum"])[0]
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        try:
            Report._export_xlsx(path)
            workbook = openpyxl.load_workbook(path, read_only=True)
            kpi_rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
            answer_rows = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
            header = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
        finally:
            os.unlink(path)
        self.assertEqual(sum(row[5] for row in kpi_rows), pivot[0])
        self.assertEqual(sum(row[4] for row in kpi_rows), pivot[1])
        self.assertEqual(header[3], "Team")
        self.assertEqual(len(answer_rows), exported_before + 8)
        flat = " ".join(str(value) for row in answer_rows for value in row)
        self.assertNotIn(self.beneficiary.name, flat, "answers are exported without names")
        self.assertNotIn(self.officer.name, flat)
