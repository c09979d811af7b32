from odoo import fields, models


class MailNotification(models.Model):
    """An SMS stopped because the person withdrew consent shows as opted out on the message."""

    _inherit = "mail.notification"

    failure_type = fields.Selection(selection_add=[("sms_optout", "Opted Out")], ondelete={"sms_optout": "set null"})
