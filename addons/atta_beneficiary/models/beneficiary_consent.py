from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import check_roles, refuse_step_fields
from ..tools.roles import OFFICER

# Set by the signing itself (when, by whom it was recorded, from where) or by the withdrawal step: never typed.
SIGNING_FIELDS = ("accepted_on", "recorded_by_id", "ip_address", "withdrawn", "withdrawn_on")


class AttaBeneficiaryConsent(models.Model):
    """Who accepted which declaration or consent text, when and through which channel [S7.4].

    Append-only: a consent is recorded once, as signed, and never edited afterwards. Only the withdrawal step
    changes it (and erasure and retention, inside their own superuser flows); a person who signs again gets a
    new record. Recording, withdrawing and deleting each leave a row in the audit trail.
    """

    _name = "atta.beneficiary.consent"
    _description = "Accepted Declaration or Consent"
    _inherit = ["mail.thread", "atta.audit.mixin"]
    _order = "accepted_on desc, id desc"
    _rec_name = "text_id"

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, ondelete="cascade", index=True)
    text_id = fields.Many2one(
        "atta.consent.text",
        string="Text Accepted",
        required=True,
        ondelete="restrict",
        domain=[("is_current", "=", True)],
    )
    kind = fields.Selection(related="text_id.kind", store=True)
    version = fields.Integer(related="text_id.version", store=True)
    accepted_on = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    accepted_by_name = fields.Char(
        string="Signed By", required=True, help="The applicant, or the guardian who signs on their behalf."
    )
    channel_id = fields.Many2one("atta.channel", required=True)
    recorded_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    recorded_by_label = fields.Char(string="Who Recorded It", compute="_compute_recorded_by_label")
    ip_address = fields.Char(string="IP Address", readonly=True)
    signature = fields.Image(max_width=1024, max_height=512)
    withdrawn = fields.Boolean(tracking=True, readonly=True)
    withdrawn_on = fields.Datetime(readonly=True)

    @api.depends("recorded_by_id")
    def _compute_recorded_by_label(self):
        # Accepted on the website, a consent is recorded by no member of staff: it says so, not "Public user".
        for consent in self:
            consent.recorded_by_label = consent.recorded_by_id.name or self.env._("The applicant, online")

    def _atta_audit_reference(self):
        return self.beneficiary_id.reference

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, SIGNING_FIELDS, creating=True)
        consents = super().create(vals_list)
        superseded = consents.text_id.filtered(lambda text: not text.is_current)
        if superseded and not self.env.su:
            # A person signs the wording in force, not one the association has replaced.
            raise UserError(
                self.env._(
                    "“%(text)s” version %(version)s is no longer in force. Record the signature on the version in "
                    "force, which the person has read.",
                    text=superseded[0].name,
                    version=superseded[0].version,
                )
            )
        self.env["atta.audit.log"]._log("signed", consents, detail=self._description)
        return consents

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A signed declaration or consent is kept as it was signed and cannot be edited. Withdraw it, and "
                    "record a new one if the person signs again."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_by_hand(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A signed declaration or consent is part of the file and cannot be deleted. Withdraw it instead."
                )
            )

    def unlink(self):
        # The deletion is in the trail (an erasure's or a retention's own flow); a refusal takes the entry with it.
        if not (self.env.su and self.env.context.get("atta_erasing")):
            self.env["atta.audit.log"]._log("delete", self, detail=self._description)
        return super().unlink()

    def _atta_files_sealed(self):
        """Every consent is recorded as signed: its signature image stays as it was captured."""
        return self

    def action_withdraw(self):
        """Withdrawal takes effect at once: outreach and surveys stop for this person [PDPL]."""
        check_roles(self, (OFFICER,), self.env._("withdraw a consent"))
        self.check_access("write")
        in_force = self.filtered(lambda c: not c.withdrawn)
        # Superuser mode for the withdrawal only: no other write reaches a signed consent.
        in_force.sudo().write({"withdrawn": True, "withdrawn_on": fields.Datetime.now()})
        for consent in in_force:
            consent.beneficiary_id.message_post(
                body=self.env._(
                    "%(text)s (version %(version)s) withdrawn: no survey or outreach will be sent from now on.",
                    text=consent.text_id.name,
                    version=consent.version,
                )
            )
        self.env["atta.audit.log"]._log("consent", in_force.beneficiary_id)
        return True
