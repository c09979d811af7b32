from odoo import fields, models

from odoo.addons.atta_beneficiary.models.interaction import INTERACTION_TYPES


class AttaSurveyTrigger(models.Model):
    """A point of contact after which the beneficiary is invited to say how it went [S3.5]."""

    _name = "atta.survey.trigger"
    _description = "Satisfaction Survey Trigger"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    event = fields.Selection(
        [
            ("decision", "After the committee's decision"),
            ("delivery", "After delivery"),
            ("interaction", "After a contact"),
        ],
        required=True,
        default="delivery",
    )
    interaction_type = fields.Selection(
        INTERACTION_TYPES, help="For contacts: only this type of contact (any type when empty)."
    )
    channel_ids = fields.Many2many(
        "atta.channel", string="Channels", help="For contacts: only these channels (any channel when empty)."
    )
    survey_id = fields.Many2one("survey.survey", required=True)
    delay_days = fields.Integer(string="Delay (days)", default=2, help="Days after the event before inviting.")
    invitation_channel = fields.Selection(
        [("email", "Email"), ("sms", "SMS link"), ("print", "Printed card with a QR code, for an in-person visit")],
        required=True,
        default="email",
        help="A printed card is handed over at the visit: the invitation is ready at once and waits for no delay.",
    )
    active = fields.Boolean(default=True)
