from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    atta_currency_id = fields.Many2one(related="company_id.currency_id", string="Atta Currency")
    atta_calendar_id = fields.Many2one(related="company_id.atta_calendar_id", readonly=False)
    atta_sufficiency_threshold = fields.Monetary(
        related="company_id.atta_sufficiency_threshold", readonly=False, currency_field="atta_currency_id")
    atta_reminder_days = fields.Integer(related="company_id.atta_reminder_days", readonly=False)
