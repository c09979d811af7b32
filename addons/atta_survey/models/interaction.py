from odoo import api, fields, models


class AttaInteraction(models.Model):
    _inherit = "atta.interaction"

    satisfaction_score = fields.Float(string="Satisfaction (%)", readonly=True, copy=False, aggregator="avg")
    survey_card_count = fields.Integer(compute="_compute_survey_card_count")

    def _compute_survey_card_count(self):
        self.env["survey.user_input"]._atta_set_card_counts("atta_interaction_id", self)

    def action_print_survey_card(self):
        """Hand the visitor a card with the survey link and its QR code."""
        return self.env["survey.user_input"]._atta_print_cards("atta_interaction_id", self)

    def action_done(self):
        result = super().action_done()
        self._atta_schedule_surveys()
        return result

    def _atta_schedule_surveys(self):
        """A finished contact of a chosen type and channel invites the beneficiary, like a delivery."""
        triggers = self.env["atta.survey.trigger"].search([("event", "=", "interaction")])
        for interaction in self.filtered("beneficiary_id"):
            for trigger in triggers:
                if trigger.interaction_type and trigger.interaction_type != interaction.interaction_type:
                    continue
                if trigger.channel_ids and interaction.channel_id not in trigger.channel_ids:
                    continue
                self.env["atta.support.request"]._atta_invite(
                    interaction.beneficiary_id,
                    trigger,
                    staff=interaction.user_id,
                    channel=interaction.channel_id,
                    atta_interaction_id=interaction.id,
                )
                break

    @api.model
    def _atta_from_portal(self, partner, kind, subject, message):
        """A portal suggestion or complaint: a contact on the website channel and an improvement action."""
        beneficiary = self.env["atta.beneficiary"].search([("partner_id", "=", partner.id)], limit=1)
        manager = self.env["res.users"]._atta_manager()
        staff = beneficiary.user_id or manager
        interaction = self.create(
            {
                "name": subject,
                "description": message,
                "interaction_type": kind,
                "direction": "incoming",
                "beneficiary_id": beneficiary.id,
                "caller_name": False if beneficiary else partner.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_website").id,
                "user_id": staff.id,
            }
        )
        self.env["atta.improvement.action"].create(
            {
                "title": subject,
                "source": kind,
                "interaction_id": interaction.id,
                "beneficiary_id": beneficiary.id,
                "description": message,
                "owner_id": (manager or staff).id,
                "category": "other",
                "date_deadline": fields.Date.add(fields.Date.context_today(self), days=14),
            }
        )
        return interaction
