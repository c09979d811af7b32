from odoo import fields, models


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    survey_opt_out = fields.Boolean(
        string="No Satisfaction Surveys",
        tracking=True,
        help="The beneficiary asked not to receive satisfaction surveys.",
    )

    def _atta_personal_data(self):
        sections = super()._atta_personal_data()
        sel = self._atta_selection_label
        answers = self.env["survey.user_input"].sudo().search([("atta_beneficiary_id", "=", self.id)])
        sections.append(
            {
                "title": self.env._("Satisfaction Surveys"),
                "columns": [
                    self.env._("Invited On"),
                    self.env._("Survey"),
                    self.env._("About"),
                    self.env._("Invited By"),
                    self.env._("Status"),
                    self.env._("Satisfaction (%)"),
                    self.env._("Your Remarks"),
                ],
                "rows": [
                    (
                        self._atta_date(a.atta_sent_on),
                        a.survey_id.title,
                        a.atta_request_id.name or a.atta_interaction_id.name or "",
                        sel(a, "atta_invitation_channel"),
                        self.env._("Expired") if a.atta_expired else sel(a, "state"),
                        a.atta_score if a.state == "done" else "",
                        " ".join(a._atta_free_texts().mapped("value_text_box")),
                    )
                    for a in answers
                ],
            }
        )
        actions = self.env["atta.improvement.action"].sudo().search([("beneficiary_id", "=", self.id)])
        sections.append(
            {
                "title": self.env._("Suggestions and Complaints"),
                "columns": [
                    self.env._("Number"),
                    self.env._("Subject"),
                    self.env._("What You Told Us"),
                    self.env._("Status"),
                    self.env._("Outcome"),
                ],
                "rows": [(a.name, a.title, a.description or "", sel(a, "state"), a.outcome or "") for a in actions],
            }
        )
        return sections

    def _atta_erase_records(self, values):
        """Answers keep their score for the statistics, without the person; remarks and messages go."""
        answers = self.env["survey.user_input"].search([("atta_beneficiary_id", "=", self.id)])
        answers._atta_anonymize()
        actions = self.env["atta.improvement.action"].search([("beneficiary_id", "=", self.id)])
        self._atta_wipe_traces(actions)
        actions.write({"title": self.env._("Erased"), "description": False, "outcome": False, "beneficiary_id": False})
        self.env["sms.sms"].search([("partner_id", "=", self.partner_id.id)]).unlink()
        return super()._atta_erase_records(values)
