from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.atta_beneficiary.tools.xlsx import write_cells


class AttaSatisfactionReport(models.Model):
    """Satisfaction KPIs for improvement, never for punishment [S4.3].

    A staff member, or a team, appears by name only with at least k answers (k in the system
    parameter atta_survey.k_threshold, 5 by default); below that, their answers count under no
    name, so that no single answer can be traced back to a beneficiary.
    """

    _name = "atta.satisfaction.report"
    _description = "Satisfaction Analysis"
    _auto = False
    _order = "month desc"
    _rec_name = "month"

    month = fields.Date(readonly=True)
    channel_id = fields.Many2one("atta.channel", readonly=True)
    support_type_id = fields.Many2one("atta.support.type", readonly=True)
    team_id = fields.Many2one("atta.team", readonly=True)
    staff_id = fields.Many2one("res.users", string="Staff Member", readonly=True)
    invited = fields.Integer(readonly=True)
    answered = fields.Integer(readonly=True)
    satisfied = fields.Integer(readonly=True, help="Answers of 75% or more.")
    score_total = fields.Float(readonly=True)
    average_score = fields.Float(string="Average Score (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                WITH answers AS (
                    SELECT ui.id, ui.atta_staff_id, ui.atta_team_id, ui.atta_channel_id, r.support_type_id,
                           date_trunc('month', COALESCE(ui.atta_sent_on::timestamp, ui.create_date))::date AS month,
                           ui.state = 'done' AS is_done, ui.atta_score
                      FROM survey_user_input ui
                      LEFT JOIN atta_support_request r ON r.id = ui.atta_request_id
                     WHERE (ui.atta_beneficiary_id IS NOT NULL OR ui.atta_anonymized)
                       AND ui.atta_sent_on IS NOT NULL
                ), staff_answers AS (
                    SELECT atta_staff_id, COUNT(*) AS n FROM answers WHERE is_done GROUP BY atta_staff_id
                ), team_answers AS (
                    SELECT atta_team_id, COUNT(*) AS n FROM answers WHERE is_done GROUP BY atta_team_id
                ), threshold AS (
                    SELECT COALESCE((SELECT NULLIF(value, '')::int FROM ir_config_parameter
                                     WHERE key = 'atta_survey.k_threshold'), 5) AS k
                )
                SELECT MIN(a.id) AS id, a.month, a.atta_channel_id AS channel_id, a.support_type_id,
                       CASE WHEN ta.n >= (SELECT k FROM threshold) THEN a.atta_team_id END AS team_id,
                       CASE WHEN sa.n >= (SELECT k FROM threshold) THEN a.atta_staff_id END AS staff_id,
                       COUNT(*) AS invited,
                       COUNT(*) FILTER (WHERE a.is_done) AS answered,
                       COUNT(*) FILTER (WHERE a.is_done AND a.atta_score >= 75) AS satisfied,
                       COALESCE(SUM(a.atta_score) FILTER (WHERE a.is_done), 0) AS score_total,
                       AVG(a.atta_score) FILTER (WHERE a.is_done) AS average_score
                  FROM answers a
                  LEFT JOIN staff_answers sa ON sa.atta_staff_id = a.atta_staff_id
                  LEFT JOIN team_answers ta ON ta.atta_team_id = a.atta_team_id
              GROUP BY a.month, a.atta_channel_id, a.support_type_id,
                       CASE WHEN ta.n >= (SELECT k FROM threshold) THEN a.atta_team_id END,
                       CASE WHEN sa.n >= (SELECT k FROM threshold) THEN a.atta_staff_id END
            )""",
                SQL.identifier(self._table),
            )
        )

    def _export_xlsx(self, path):
        """The KPI table and the anonymised answers, written row by row with constant memory.

        Names of channels, support types and teams are written as text, never as formulas.
        """
        import xlsxwriter  # noqa: PLC0415 - declared in requirements.txt

        rows = self._read_group(
            [],
            ["month:month", "channel_id", "support_type_id", "team_id"],
            ["invited:sum", "answered:sum", "satisfied:sum", "score_total:sum"],
            order="month:month",
        )
        workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
        try:
            kpis = workbook.add_worksheet(self.env._("KPIs"))
            write_cells(
                kpis,
                0,
                [
                    self.env._("Month"),
                    self.env._("Channel"),
                    self.env._("Support Type"),
                    self.env._("Team"),
                    self.env._("Invited"),
                    self.env._("Answered"),
                    self.env._("Response Rate (%)"),
                    self.env._("CSAT (%)"),
                    self.env._("Average Score (%)"),
                ],
            )
            for index, (month, channel, support_type, team, invited, answered, satisfied, score_total) in enumerate(
                rows, 1
            ):
                write_cells(
                    kpis,
                    index,
                    [
                        month or "",
                        channel.name or "",
                        support_type.name or "",
                        team.name or "",
                        invited,
                        answered,
                        round(100.0 * answered / invited, 1) if invited else 0,
                        round(100.0 * satisfied / answered, 1) if answered else 0,
                        round(score_total / answered, 1) if answered else 0,
                    ],
                )
            answers_sheet = workbook.add_worksheet(self.env._("Answers"))
            write_cells(
                answers_sheet,
                0,
                [self.env._("Month"), self.env._("Channel"), self.env._("Support Type"), self.env._("Score (%)")],
            )
            Answer = self.env["survey.user_input"].sudo()
            domain = ["|", ("atta_beneficiary_id", "!=", False), ("atta_anonymized", "=", True), ("state", "=", "done")]
            row, last_id = 1, 0
            # Batches keep memory flat however many answers there are; no name, no staff member.
            while True:
                batch = Answer.search_fetch(
                    domain + [("id", ">", last_id)],
                    ["atta_sent_on", "atta_channel_id", "atta_request_id", "atta_score"],
                    order="id",
                    limit=2000,
                )
                if not batch:
                    break
                for answer in batch:
                    write_cells(
                        answers_sheet,
                        row,
                        [
                            answer.atta_sent_on.strftime("%Y-%m") if answer.atta_sent_on else "",
                            answer.atta_channel_id.name or "",
                            answer.atta_request_id.support_type_id.name or "",
                            answer.atta_score,
                        ],
                    )
                    row += 1
                last_id = batch[-1].id
                batch.invalidate_recordset()
        finally:
            workbook.close()
        return path
