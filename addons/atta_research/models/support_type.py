from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AttaSupportType(models.Model):
    """A kind of support the association gives, with what it takes to decide on it."""

    _name = "atta.support.type"
    _description = "Support Type"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="Shown to applicants on the website.")
    kind = fields.Selection(
        [("cash", "Cash"), ("in_kind", "In kind"), ("service", "Service")], required=True, default="cash", tracking=True
    )
    required_document_type_ids = fields.Many2many(
        "atta.document.type",
        string="Required Documents",
        help="Checked against the beneficiary's verified, unexpired documents before research.",
    )
    field_visit_required = fields.Boolean(tracking=True, help="A social researcher visits the home.")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    default_amount = fields.Monetary(tracking=True)
    max_amount = fields.Monetary(
        string="Maximum Amount", tracking=True, help="The committee cannot approve more than this. Zero means no limit."
    )
    default_items = fields.Text(translate=True, help="What an in-kind support usually contains.")
    decision_days = fields.Integer(
        string="Decision Period (working days)",
        default=10,
        required=True,
        tracking=True,
        help="Working days, on the association's calendar, within which the applicant is promised "
        "a decision (the policy's two weeks).",
    )
    reapply_waiting_days = fields.Integer(
        string="Waiting Period after a Refusal (days)",
        default=0,
        tracking=True,
        help="After a refusal, the same household may request this support again only after so many days, "
        "unless a manager overrides with a reason. Zero: no waiting period.",
    )
    website_published = fields.Boolean(
        string="Offered on the Website", default=True, help="Applicants can choose it on the online form."
    )
    policy_clause_code = fields.Char(
        string="Clause of the Support Policy Guide",
        help="The reference of this support's clause in the beneficiary support policy guide. Empty: the "
        "clause whose reference is this support type's code.",
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Another support type already uses this code.")

    @api.constrains("decision_days", "default_amount", "max_amount", "reapply_waiting_days")
    def _check_amounts(self):
        for support_type in self:
            if support_type.reapply_waiting_days < 0:
                raise ValidationError(self.env._("The waiting period after a refusal cannot be negative."))
            if support_type.decision_days <= 0:
                raise ValidationError(self.env._("The decision period must be at least one working day."))
            if support_type.default_amount < 0 or support_type.max_amount < 0:
                raise ValidationError(self.env._("Amounts cannot be negative."))
            if support_type.max_amount and support_type.default_amount > support_type.max_amount:
                raise ValidationError(
                    self.env._("The default amount of “%(type)s” is above its maximum.", type=support_type.name)
                )

    def action_open_policy_clause(self):
        """Open the support policy guide's clause in force for this support, where the officer works [S6.3]."""
        self.ensure_one()
        clause = self._policy_clause()
        if not clause:
            raise UserError(
                self.env._(
                    "The beneficiary support policy guide in force has no clause for “%(type)s” (reference "
                    "“%(code)s”). A manager adds it to a new version of the guide in the policy library, or "
                    "sets the clause's reference on the support type.",
                    type=self.name,
                    code=self.policy_clause_code or self.code,
                )
            )
        return clause.action_open()

    def _policy_clause(self):
        """The clause of the support policy guide in force whose reference is this support's [S6.3]."""
        self.ensure_one()
        guide = self.env["atta.policy"]._of_kind("support_policy")
        code = self.policy_clause_code or self.code
        return guide._clause_in_force(code) if guide and code else self.env["atta.policy.clause"]
