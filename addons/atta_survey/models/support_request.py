from odoo import api, fields, models


class AttaSupportRequest(models.Model):
    _inherit = "atta.support.request"

    satisfaction_score = fields.Float(string="Satisfaction (%)", readonly=True, copy=False, aggregator="avg")
    survey_answer_ids = fields.One2many("survey.user_input", "atta_request_id", string="Satisfaction Surveys")
    survey_card_count = fields.Integer(compute="_compute_survey_card_count")

    def _compute_survey_card_count(self):
        self.env["survey.user_input"]._atta_set_card_counts("atta_request_id", self)

    def action_print_survey_card(self):
        """Hand the beneficiary a card with the survey link and its QR code at the visit."""
        return self.env["survey.user_input"]._atta_print_cards("atta_request_id", self)

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
        trigger = self.env["atta.survey.trigger"].search([("event", "=", event)], limit=1)
        if not trigger:
            return
        for request in self:
            self._atta_invite(
                request.beneficiary_id,
                trigger,
                staff=request.user_id or request.researcher_id,
                channel=request.channel_id,
                atta_request_id=request.id,
            )

    @api.model
    def _atta_invite(self, beneficiary, trigger, staff, channel, **links):
        """One invitation, unless the beneficiary opted out or was invited within the frequency cap."""
        cap = int(self.env["ir.config_parameter"].sudo().get_param("atta_survey.frequency_days", 30))
        Answer = self.env["survey.user_input"].sudo()
        recent = Answer.search_count(
            [
                ("atta_beneficiary_id", "=", beneficiary.id),
                ("create_date", ">=", fields.Datetime.subtract(fields.Datetime.now(), days=cap)),
            ]
        )
        if beneficiary.survey_opt_out or recent:
            return Answer
        return trigger.survey_id.sudo()._create_answer(
            partner=beneficiary.partner_id,
            check_attempts=False,
            atta_beneficiary_id=beneficiary.id,
            atta_staff_id=staff.id,
            atta_team_id=staff.sudo()._atta_team().id,
            atta_channel_id=channel.id,
            atta_trigger_id=trigger.id,
            atta_invitation_channel=trigger.invitation_channel,
            atta_send_on=fields.Date.add(
                fields.Date.context_today(self), days=0 if trigger.invitation_channel == "print" else trigger.delay_days
            ),
            **links,
        )
