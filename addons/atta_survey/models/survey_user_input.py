from urllib.parse import quote

from odoo import api, fields, models

from odoo.addons.atta_beneficiary.tools import run_batches


class SurveyUserInput(models.Model):
    """A satisfaction invitation: created through the survey module, linked to what it evaluates."""

    _inherit = "survey.user_input"

    atta_request_id = fields.Many2one("atta.support.request", string="Support Request", index=True, ondelete="set null")
    atta_beneficiary_id = fields.Many2one("atta.beneficiary", string="Beneficiary", index=True, ondelete="set null")
    atta_interaction_id = fields.Many2one(
        "atta.interaction", string="Contact Evaluated", index=True, ondelete="set null"
    )
    atta_staff_id = fields.Many2one("res.users", string="Staff Member Evaluated", index=True)
    atta_team_id = fields.Many2one("atta.team", string="Team Evaluated", index=True, ondelete="set null")
    atta_channel_id = fields.Many2one("atta.channel", string="Contact Channel")
    atta_invitation_channel = fields.Selection(
        [("email", "Email"), ("sms", "SMS link"), ("print", "Printed card")], string="Invited By", default="email"
    )
    atta_trigger_id = fields.Many2one("atta.survey.trigger", string="Trigger", ondelete="set null")
    atta_send_on = fields.Date(string="Invite On", index=True)
    atta_sent_on = fields.Date(string="Invited On", readonly=True)
    atta_reminded = fields.Boolean(string="Reminded", readonly=True)
    atta_expired = fields.Boolean(string="Expired", readonly=True, index=True)
    atta_anonymized = fields.Boolean(
        string="Anonymised",
        readonly=True,
        index=True,
        help="Counted in the statistics, no longer linked to the person.",
    )
    atta_score = fields.Float(
        string="Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        help="The answers on the 1-5 scales, as a percentage.",
    )

    def _mark_done(self):
        result = super()._mark_done()
        self.filtered(lambda a: a.atta_request_id or a.atta_interaction_id)._atta_record_result()
        return result

    def _atta_record_result(self):
        """Store the score where it belongs; a low score or a written remark opens an improvement action."""
        threshold = float(self.env["ir.config_parameter"].sudo().get_param("atta_survey.low_score", 60))
        for answer in self:
            scales = answer.user_input_line_ids.filtered(lambda line: line.answer_type == "scale" and not line.skipped)
            if scales:
                spans = [
                    (
                        line.value_scale - line.question_id.scale_min,
                        line.question_id.scale_max - line.question_id.scale_min,
                    )
                    for line in scales
                ]
                answer.atta_score = round(100.0 * sum(v for v, _s in spans) / sum(s for _v, s in spans), 1)
            answer.atta_request_id.sudo().satisfaction_score = answer.atta_score
            answer.atta_interaction_id.sudo().satisfaction_score = answer.atta_score
            remark = " ".join(
                answer.user_input_line_ids.filtered(
                    lambda line: line.answer_type == "text_box" and not line.skipped
                ).mapped("value_text_box")
            ).strip()
            if (scales and answer.atta_score < threshold) or remark:
                answer._atta_open_improvement(remark)

    def _atta_open_improvement(self, remark):
        self.ensure_one()
        manager = self.env["res.users"]._atta_manager()
        self.env["atta.improvement.action"].sudo().create(
            {
                "title": self.env._(
                    "Satisfaction %(score)s%% on %(number)s",
                    score=self.atta_score,
                    number=self.atta_request_id.name or self.atta_interaction_id.name,
                ),
                "source": "survey",
                "user_input_id": self.id,
                "beneficiary_id": self.atta_beneficiary_id.id,
                "description": remark or False,
                "owner_id": (manager or self.env.user).id,
                "date_deadline": fields.Date.add(fields.Date.context_today(self), days=14),
            }
        )

    @api.model
    def _cron_atta_invitations(self, batch_size=200):
        """Send due invitations, remind once, and mark the unanswered old ones expired (never deleted)."""
        today = fields.Date.context_today(self)
        param = self.env["ir.config_parameter"].sudo().get_param
        remind_after = int(param("atta_survey.remind_after_days", 5))
        expire_after = int(param("atta_survey.expire_after_days", 30))
        base = [("atta_beneficiary_id", "!=", False), ("atta_expired", "=", False), ("state", "!=", "done")]
        due = self.search(base + [("atta_sent_on", "=", False), ("atta_send_on", "<=", today)], limit=batch_size)
        reminders = self.search(
            base
            + [("atta_sent_on", "<=", fields.Date.subtract(today, days=remind_after)), ("atta_reminded", "=", False)],
            limit=batch_size,
        )
        expired = self.search(base + [("atta_sent_on", "<=", fields.Date.subtract(today, days=expire_after))])
        run_batches(due, "_atta_send_invitation")
        run_batches(reminders - expired, "_atta_send_reminder")
        expired.write({"atta_expired": True})
        return len(due)

    def _atta_may_contact(self):
        """No survey to someone who opted out, withdrew consent or had their data erased."""
        beneficiary = self.atta_beneficiary_id
        return bool(beneficiary) and not beneficiary.survey_opt_out and beneficiary._atta_may_contact()

    def _atta_free_texts(self):
        return self.user_input_line_ids.filtered(lambda line: line.answer_type in ("text_box", "char_box"))

    def _atta_anonymize(self):
        """Keep the score for the statistics; drop who answered and what they wrote."""
        self._atta_free_texts().write({"value_text_box": False, "value_char_box": False})
        self.write(
            {
                "partner_id": False,
                "email": False,
                "nickname": False,
                "atta_beneficiary_id": False,
                "atta_anonymized": True,
            }
        )

    def _atta_send_invitation(self):
        """Email or SMS; a printed card was handed over at the visit, so it only counts as sent."""
        self.ensure_one()
        if self._atta_may_contact():
            if self.atta_invitation_channel == "sms":
                self._atta_post_sms("atta_survey.sms_template_survey_invitation")
            elif self.atta_invitation_channel != "print":
                self._atta_post("atta_survey.mail_template_survey_invitation")
        self.atta_sent_on = fields.Date.context_today(self)

    def _atta_send_reminder(self):
        """One reminder, by the channel of the invitation (a printed card is reminded by email)."""
        self.ensure_one()
        if self._atta_may_contact():
            if self.atta_invitation_channel == "sms":
                self._atta_post_sms("atta_survey.sms_template_survey_reminder")
            else:
                self._atta_post("atta_survey.mail_template_survey_reminder")
        self.atta_reminded = True

    def _atta_post(self, xmlid):
        self.env.ref(xmlid).sudo().send_mail(self.id)
        self._atta_note_sent()

    def _atta_post_sms(self, xmlid):
        """Queued through Odoo's SMS module (its provider and its queue), logged on the record evaluated."""
        body = self.env.ref(xmlid).sudo()._render_field("body", self.ids)[self.id]
        self.sudo()._message_sms(body, partner_ids=self.partner_id.ids, put_in_queue=True)
        self._atta_note_sent()

    def _atta_note_sent(self):
        (self.atta_request_id or self.atta_interaction_id).sudo().message_post(
            body=self.env._("Satisfaction survey sent to the beneficiary: %(survey)s", survey=self.survey_id.title)
        )

    def _atta_public_url(self):
        """The absolute link a beneficiary opens from a message or a printed card."""
        self.ensure_one()
        return self.get_base_url() + self.get_start_url()

    def _atta_qr_src(self):
        """The QR code of the survey link, drawn by Odoo's own barcode route."""
        return f"/report/barcode/QR/{quote(self._atta_public_url(), safe='')}?width=220&height=220"

    def _atta_card_date(self):
        return self.env["atta.beneficiary"]._atta_date(fields.Date.context_today(self))

    @api.model
    def _atta_open_cards_domain(self, link_field, ids):
        """Unanswered, unexpired invitations meant to be printed, for these requests or contacts."""
        return [
            (link_field, "in", ids),
            ("atta_invitation_channel", "=", "print"),
            ("state", "!=", "done"),
            ("atta_expired", "=", False),
        ]

    @api.model
    def _atta_set_card_counts(self, link_field, records):
        counts = dict(
            self.sudo()._read_group(self._atta_open_cards_domain(link_field, records.ids), [link_field], ["__count"])
        )
        for record in records:
            record.survey_card_count = counts.get(record, 0)

    @api.model
    def _atta_print_cards(self, link_field, records):
        """Staff print the cards of what they may see; the report checks that again."""
        cards = self.sudo().search(self._atta_open_cards_domain(link_field, records.ids))
        return self.env.ref("atta_survey.action_report_survey_card").report_action(cards)
