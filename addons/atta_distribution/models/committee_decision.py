from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AttaCommitteeDecision(models.Model):
    _inherit = "atta.committee.decision"

    programme_id = fields.Many2one(
        "atta.programme",
        string="Enrol in Programme",
        tracking=True,
        ondelete="restrict",
        help="Instead of a one-off amount, the committee enrols the family in this programme for the period below.",
    )
    enrol_months = fields.Integer(
        string="For (Months)",
        default=12,
        tracking=True,
        help="How long the family stays enrolled; 0: until the programme ends.",
    )

    @api.onchange("programme_id")
    def _onchange_programme_id(self):
        # A programme replaces the one-off amount: clear it rather than refuse the save.
        if self.programme_id:
            self.proposed_amount = 0.0

    @api.constrains("programme_id", "proposed_amount", "enrol_months")
    def _check_programme(self):
        for decision in self.filtered("programme_id"):
            if decision.proposed_amount:
                raise ValidationError(
                    self.env._(
                        "A decision either grants a one-off amount or enrols the family in a programme, not both: "
                        "set the amount to zero or remove the programme."
                    )
                )
            if decision.enrol_months < 0:
                raise ValidationError(self.env._("The enrolment period cannot be negative."))
