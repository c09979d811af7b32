from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import check_parent_change, hijri_datetime_string, phone_to_e164
from ..tools.roles import OFFICER

# What the person a contact is referred to may change on it: their answer, and closing it.
REFERRED_USER_FIELDS = {"answer", "duration", "state", "message_main_attachment_id"}

INTERACTION_TYPES = [
    ("inquiry", "Inquiry"),
    ("request", "Request"),
    ("complaint", "Complaint"),
    ("suggestion", "Suggestion"),
    ("follow_up", "Follow-up"),
    ("thanks", "Thanks"),
]


class AttaInteraction(models.Model):
    """One contact with a beneficiary or an unknown caller, on one channel [S5]."""

    _name = "atta.interaction"
    _description = "Interaction"
    _inherit = ["mail.thread", "mail.activity.mixin", "atta.audit.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    beneficiary_id = fields.Many2one("atta.beneficiary", index=True, tracking=True)
    caller_name = fields.Char(help="For a person who has no beneficiary file yet.")
    caller_phone = fields.Char()
    channel_id = fields.Many2one("atta.channel", required=True, tracking=True, index=True)
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], required=True, default="incoming"
    )
    interaction_type = fields.Selection(
        INTERACTION_TYPES, string="Type", required=True, default="inquiry", tracking=True, index=True
    )
    description = fields.Text(string="What Was Asked")
    answer = fields.Text(string="Answer Given")
    user_id = fields.Many2one(
        "res.users", string="Staff Member", required=True, default=lambda self: self.env.user, tracking=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    duration = fields.Float(help="Length of the contact, in hours and minutes.")
    referred_user_id = fields.Many2one(
        "res.users",
        string="Referred To",
        tracking=True,
        domain=[("share", "=", False)],
        help="The social researcher who will explain the procedure to the beneficiary [S7.3].",
    )
    referral_reason = fields.Text()
    state = fields.Selection(
        [("open", "Open"), ("referred", "Referred"), ("done", "Done")], default="open", required=True, tracking=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    def _atta_audit_reference(self):
        # The file's number when the contact has one; never the caller's name.
        return self.beneficiary_id.reference or False

    @api.depends("date")
    @api.depends_context("lang", "tz")
    def _compute_date_hijri(self):
        for interaction in self:
            interaction.date_hijri = hijri_datetime_string(interaction, interaction.date, self.env.lang or "en_US")

    # "date" always has a value on create, so the check runs even when both are left empty.
    @api.constrains("beneficiary_id", "caller_name", "date")
    def _check_who(self):
        for interaction in self:
            if not interaction.beneficiary_id and not interaction.caller_name:
                raise ValidationError(
                    self.env._("Choose the beneficiary, or write the caller's name when they have no file yet.")
                )

    @api.constrains("duration")
    def _check_duration(self):
        if any(i.duration < 0 for i in self):
            raise ValidationError(self.env._("The duration cannot be negative."))

    @api.model
    def _prepare_vals(self, vals):
        if vals.get("caller_phone"):
            e164 = phone_to_e164(vals["caller_phone"])
            if not e164:
                raise ValidationError(
                    self.env._(
                        "%(phone)s is not a phone number. Type a Saudi mobile such as 0501234567.",
                        phone=vals["caller_phone"],
                    )
                )
            vals = dict(vals, caller_phone=e164)
        if vals.get("referred_user_id"):
            vals = dict(vals, state="referred")
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create([self._prepare_vals(v) for v in vals_list])
        interactions.filtered("referred_user_id")._notify_referral()
        return interactions

    def write(self, vals):
        if not self.env.su and set(vals) - REFERRED_USER_FIELDS and not self.env.user.has_group(OFFICER):
            # A researcher answers the contact referred to them; who it concerns stays as the officer recorded.
            raise AccessError(
                self.env._(
                    "You may record the answer and close this contact; who it concerns and to whom it is referred "
                    "are changed by a relations officer."
                )
            )
        check_parent_change(self, vals, "beneficiary_id", lambda i: True)
        vals = self._prepare_vals(vals)
        newly_referred = self.filtered(
            lambda i: vals.get("referred_user_id") and i.referred_user_id.id != vals["referred_user_id"]
        )
        result = super().write(vals)
        newly_referred._notify_referral()
        return result

    def _notify_referral(self):
        """The researcher gets a to-do to explain the procedure to the person [S7.3]."""
        for interaction in self:
            interaction.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=interaction.referred_user_id.id,
                summary=self.env._("Explain the procedure: %(subject)s", subject=interaction.name),
                note=interaction.referral_reason or interaction.description or "",
            )

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True
