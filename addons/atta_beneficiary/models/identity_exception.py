from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import identity_number_problem, with_normalized_identity


class AttaIdentityException(models.Model):
    """A manager's justified exception: one identity number on two household files (a split household, a
    divorce with children in both homes). Shown on both files; without it, a number belongs to one household."""

    _name = "atta.identity.exception"
    _description = "Identity in Two Households"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "identity_number"

    identity_number = fields.Char(required=True, index=True, tracking=True)
    beneficiary_ids = fields.Many2many(
        "atta.beneficiary",
        "atta_identity_exception_beneficiary_rel",
        "exception_id",
        "beneficiary_id",
        string="Household Files",
        required=True,
        context={"active_test": False},
        help="The files on which this person may be listed at the same time.",
    )
    reason = fields.Text(required=True, tracking=True, help="Why the same person belongs to both households.")
    approved_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.constrains("beneficiary_ids", "reason")
    def _check_files(self):
        for exception in self:
            if len(exception.beneficiary_ids) < 2:
                raise ValidationError(self.env._("An exception names the two household files concerned."))
            if not (exception.reason or "").strip():
                raise ValidationError(self.env._("Write why this person belongs to both households."))

    @api.constrains("identity_number")
    def _check_identity_number(self):
        """The number as stored on the files (ASCII letters and digits): another digit form or script would never
        match the family member it is meant for."""
        for exception in self:
            # The type is the family member's: any identity document's number is checked for its characters.
            problem = identity_number_problem("passport", exception.identity_number or "")
            if problem:
                raise ValidationError(
                    self.env["atta.beneficiary"]._identity_problem_message(problem, exception.identity_number)
                )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([with_normalized_identity(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(with_normalized_identity(vals))

    @api.model
    def _allows(self, identity_number, beneficiaries):
        """Whether a recorded exception lets this number stand on all of these files."""
        exceptions = self.sudo().search([("identity_number", "=", identity_number)])
        return any(not (beneficiaries - exception.beneficiary_ids) for exception in exceptions)
