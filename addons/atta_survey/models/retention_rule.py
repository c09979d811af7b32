from odoo import fields, models


class AttaRetentionRule(models.Model):
    """Survey answers keep their score for the statistics and lose the person after the period."""

    _inherit = "atta.retention.rule"

    kind = fields.Selection(
        selection_add=[("survey_answer", "Satisfaction survey answers")], ondelete={"survey_answer": "cascade"}
    )

    def _retention_survey_answer_domain(self, cutoff):
        return "survey.user_input", [
            ("atta_beneficiary_id", "!=", False),
            ("create_date", "<", cutoff),
            "|",
            ("state", "=", "done"),
            ("atta_expired", "=", True),
        ]

    def _retention_survey_answer_anonymize(self, answers):
        answers._atta_anonymize()
