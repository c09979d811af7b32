from odoo import api, fields, models


class AttaPolicyClause(models.Model):
    """One clause of a policy version, as the board approved it [S6, S8].

    Records point at a clause by its reference (e.g. the code of a support type), never at a
    version: when the board approves a new version with its own clauses, the same reference
    finds the clause in force.
    """

    _name = "atta.policy.clause"
    _description = "Policy Clause"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one("atta.policy.version", required=True, ondelete="cascade", index=True)
    policy_id = fields.Many2one(related="version_id.policy_id", store=True, index=True)
    version_state = fields.Selection(related="version_id.state", string="Version Status")
    sequence = fields.Integer(default=10)
    code = fields.Char(
        string="Reference",
        required=True,
        help="How records point at this clause, kept from one version to the next: the code of a support "
        "type for the support policy guide, e.g. 'cash'.",
    )
    name = fields.Char(string="Title", required=True, translate=True)
    body = fields.Html(string="Text", translate=True, sanitize=True)

    _code_unique = models.Constraint(
        "UNIQUE(version_id, code)", "Each clause of a version needs its own reference; this one is already used."
    )

    @api.model_create_multi
    def create(self, vals_list):
        clauses = super().create(vals_list)
        # Checked on the clauses made, whichever way their version was given (a value, a default of the context).
        clauses.version_id._check_clauses_editable()
        return clauses

    def write(self, vals):
        self.version_id._check_clauses_editable()
        if "version_id" in vals:
            self.env["atta.policy.version"].browse(vals["version_id"])._check_clauses_editable()
        return super().write(vals)

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # The translation dialog writes the text in another language without `write`: the same lock.
        self.version_id._check_clauses_editable()
        return super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)

    def unlink(self):
        self.version_id._check_clauses_editable()
        return super().unlink()

    def action_open(self):
        """Open the clause read-only, from the record where it applies."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("%(policy)s — %(clause)s", policy=self.policy_id.name, clause=self.name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("atta_beneficiary.policy_clause_view_form").id, "form")],
            "target": "new",
        }
