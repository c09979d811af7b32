from odoo import api, models
from odoo.exceptions import AccessError


class ReportSurveyCard(models.AbstractModel):
    """The printed invitation card, for staff who may see the contact or request it evaluates.

    Staff never read survey answers themselves [S4.3]; the card only needs the invitation's link.
    """

    _name = "report.atta_survey.report_survey_card"
    _description = "Satisfaction Survey Card"

    @api.model
    def _get_report_values(self, docids, data=None):
        invitations = self.env["survey.user_input"].sudo().browse(docids).exists()
        for invitation in invitations:
            evaluated = invitation.atta_request_id or invitation.atta_interaction_id
            if not evaluated or invitation.state == "done":
                raise AccessError(self.env._("Only an open invitation for a request or a contact can be printed."))
            evaluated.with_env(self.env).check_access("read")
        return {"doc_ids": invitations.ids, "doc_model": "survey.user_input", "docs": invitations}
