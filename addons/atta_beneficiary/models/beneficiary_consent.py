from odoo import fields, models


class AttaBeneficiaryConsent(models.Model):
    """Who accepted which declaration or consent text, when and through which channel [S7.4]."""

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
    ip_address = fields.Char(string="IP Address", readonly=True)
    signature = fields.Image(max_width=1024, max_height=512)
    withdrawn = fields.Boolean(tracking=True, readonly=True)
    withdrawn_on = fields.Datetime(readonly=True)

    def _atta_audit_reference(self):
        return self.beneficiary_id.reference

    def action_withdraw(self):
        """Withdrawal takes effect at once: outreach and surveys stop for this person [PDPL]."""
        in_force = self.filtered(lambda c: not c.withdrawn)
        in_force.write({"withdrawn": True, "withdrawn_on": fields.Datetime.now()})
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
