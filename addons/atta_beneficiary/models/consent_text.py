from odoo import api, fields, models


class AttaConsentText(models.Model):
    """A versioned declaration or consent wording that applicants accept."""

    _name = "atta.consent.text"
    _description = "Declaration or Consent Text"
    _inherit = ["mail.thread"]
    _order = "kind, version desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(
        [("declaration", "Applicant declaration"), ("consent", "Consent to data processing")],
        required=True,
        tracking=True,
    )
    version = fields.Integer(required=True, default=1, tracking=True)
    body = fields.Html(required=True, translate=True, sanitize=True)
    is_current = fields.Boolean(
        string="In Force",
        tracking=True,
        help="The version applicants accept from now on. Only one version of each kind is in force.",
    )
    date_start = fields.Date(string="In Force Since", tracking=True)
    acceptance_count = fields.Integer(compute="_compute_acceptance_count")

    _kind_version_unique = models.Constraint(
        "UNIQUE(kind, version)", "This version number already exists for this kind of text."
    )

    def _compute_acceptance_count(self):
        counts = dict(
            self.env["atta.beneficiary.consent"]._read_group([("text_id", "in", self.ids)], ["text_id"], ["__count"])
        )
        for text in self:
            text.acceptance_count = counts.get(text, 0)

    @api.model
    def _current(self, kind):
        return self.search([("kind", "=", kind), ("is_current", "=", True)], limit=1)

    def action_set_current(self):
        """Put this version in force; the previous one stops being offered."""
        for text in self:
            others = self.search([("kind", "=", text.kind), ("is_current", "=", True), ("id", "!=", text.id)])
            others.is_current = False
            text.write({"is_current": True, "date_start": fields.Date.context_today(text)})
