from odoo import fields, models


class AttaRequestActionWizard(models.TransientModel):
    """Steps of a request that need a written note: what is missing, an override, an appeal, a cancellation."""

    _name = "atta.request.action.wizard"
    _description = "Support Request Step with a Note"

    request_id = fields.Many2one("atta.support.request", required=True)
    action = fields.Selection(
        [
            ("needs_info", "Ask the applicant for information"),
            ("override", "Pass the document check without some documents"),
            ("appeal", "Appeal the rejection"),
            ("waiting_override", "Let the request in before the waiting period ends"),
            ("cancel", "Cancel the request"),
        ],
        required=True,
    )
    note = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        handlers = {
            "needs_info": self.request_id._request_information,
            "override": self.request_id._override_verification,
            "appeal": self.request_id._appeal,
            "waiting_override": self.request_id._override_waiting_period,
            "cancel": self.request_id._cancel,
        }
        handlers[self.action](self.note)
        return {"type": "ir.actions.act_window_close"}
