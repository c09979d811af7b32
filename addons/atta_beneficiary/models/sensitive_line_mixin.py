from odoo import api, models


class AttaSensitiveLineMixin(models.AbstractModel):
    """Lines of a beneficiary file (family, income, expenses): every change, view and export is audited."""

    _name = "atta.sensitive.line.mixin"
    _inherit = ["atta.audit.mixin"]
    _description = "Audited Line of a Beneficiary File"

    def _atta_audit_reference(self):
        # The file the line belongs to: the trail names file numbers, never the family member.
        return self.beneficiary_id.reference

    def _atta_audit_lines(self, beneficiaries):
        # Only an erasure (superuser mode) goes unlogged; a context key sent by a client does not.
        if beneficiaries and not (self.env.su and self.env.context.get("atta_erasing")):
            self.env["atta.audit.log"]._log("change", beneficiaries, detail=self._description)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._atta_audit_lines(lines.beneficiary_id)
        return lines

    def write(self, vals):
        result = super().write(vals)
        self._atta_audit_lines(self.beneficiary_id)
        return result

    def unlink(self):
        beneficiaries = self.beneficiary_id
        result = super().unlink()
        self._atta_audit_lines(beneficiaries)
        return result
