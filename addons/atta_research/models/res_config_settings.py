from odoo import api, fields, models

from ..wizards.research_settings import check_research_settings


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    atta_currency_id = fields.Many2one(related="company_id.currency_id", string="Atta Currency")
    atta_calendar_id = fields.Many2one(related="company_id.atta_calendar_id", readonly=False)
    atta_sufficiency_threshold = fields.Monetary(
        related="company_id.atta_sufficiency_threshold", readonly=False, currency_field="atta_currency_id"
    )
    atta_reminder_days = fields.Integer(related="company_id.atta_reminder_days", readonly=False)
    atta_appeal_window_days = fields.Integer(related="company_id.atta_appeal_window_days", readonly=False)
    # The online application form [S5.7]: bounds of the answers, limits against abuse, captcha.
    atta_apply_max_household = fields.Integer(related="company_id.atta_apply_max_household", readonly=False)
    atta_apply_max_income = fields.Monetary(
        related="company_id.atta_apply_max_income", readonly=False, currency_field="atta_currency_id"
    )
    atta_apply_limit_per_ip_hour = fields.Integer(
        string="Applications per Connection per Hour",
        config_parameter="atta_research.apply_limit_per_ip_hour",
        default=5,
    )
    atta_apply_limit_per_identity_day = fields.Integer(
        string="Verified Applications per Person per Day",
        config_parameter="atta_research.apply_limit_per_identity_day",
        default=3,
    )
    atta_apply_codes_per_file_day = fields.Integer(
        string="Codes Sent per File per Day", config_parameter="atta_research.apply_codes_per_file_day", default=5
    )
    atta_apply_max_upload_mb = fields.Float(
        string="Largest Document (MB)", config_parameter="atta_research.apply_max_upload_mb", default=5
    )
    atta_apply_max_submission_mb = fields.Float(
        string="Largest Application (MB)", config_parameter="atta_research.apply_max_submission_mb", default=15
    )
    atta_apply_max_files = fields.Integer(
        string="Documents per Application", config_parameter="atta_research.apply_max_files", default=8
    )
    atta_apply_max_megapixels = fields.Float(
        string="Largest Photo (megapixels)", config_parameter="atta_research.apply_max_megapixels", default=40
    )
    atta_apply_captcha = fields.Boolean(
        string="Captcha on the Public Forms", config_parameter="atta_research.apply_captcha"
    )
    atta_apply_captcha_provider = fields.Char(compute="_compute_atta_apply_captcha_provider")

    @api.depends("atta_apply_captcha")
    def _compute_atta_apply_captcha_provider(self):
        provider = self.env["res.company"]._atta_captcha_provider()
        for settings in self:
            settings.atta_apply_captcha_provider = provider

    def set_values(self):
        check_research_settings(self)
        return super().set_values()
