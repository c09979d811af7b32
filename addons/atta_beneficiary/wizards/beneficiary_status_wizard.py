from odoo import fields, models


class AttaBeneficiaryStatusWizard(models.TransientModel):
    _name = "atta.beneficiary.status.wizard"
    _description = "Suspend or Archive a Beneficiary File"

    beneficiary_id = fields.Many2one("atta.beneficiary", required=True)
    new_state = fields.Selection(
        [("suspended", "Suspend"), ("archived", "Archive")], required=True, default="suspended"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.beneficiary_id._set_status(self.new_state, self.reason)
        return {"type": "ir.actions.act_window_close"}
