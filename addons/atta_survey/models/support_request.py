from odoo import fields, models


class AttaSupportRequest(models.Model):
    _inherit = "atta.support.request"

    satisfaction_score = fields.Float(string="Satisfaction (%)", readonly=True, copy=False, aggregator="avg")
    survey_answer_ids = fields.One2many("survey.user_input", "atta_request_id", string="Satisfaction Surveys")

    def write(self, vals):
        before = {request.id: request.state for request in self} if "state" in vals else {}
        result = super().write(vals)
        if before:
            events = {"approved": "decision", "rejected": "decision", "delivered": "delivery"}
            event = events.get(vals["state"])
            changed = self.filtered(lambda r: before.get(r.id) != r.state)
            if event and changed:
                changed._atta_schedule_surveys(event)
        return result

    def _atta_schedule_surveys(self, event):
        """Invitations through the survey module, honouring opt-out and the frequency cap."""
        triggers = self.env["atta.survey.trigger"].search([("event", "=", event)])
        if not triggers:
            return
        today = fields.Date.context_today(self)
        cap = int(self.env["ir.config_parameter"].sudo().get_param("atta_survey.frequency_days", 30))
        Answer = self.env["survey.user_input"].sudo()
        for request in self:
            beneficiary = request.beneficiary_id
            recent = Answer.search_count([
                ("atta_beneficiary_id", "=", beneficiary.id),
                ("create_date", ">=", fields.Datetime.subtract(fields.Datetime.now(), days=cap))])
            if beneficiary.survey_opt_out or recent:
                continue
            for trigger in triggers[:1]:
                trigger.survey_id.sudo()._create_answer(
                    partner=beneficiary.partner_id, check_attempts=False,
                    atta_request_id=request.id, atta_beneficiary_id=beneficiary.id,
                    atta_staff_id=(request.user_id or request.researcher_id).id,
                    atta_channel_id=request.channel_id.id, atta_trigger_id=trigger.id,
                    atta_send_on=fields.Date.add(today, days=trigger.delay_days))
