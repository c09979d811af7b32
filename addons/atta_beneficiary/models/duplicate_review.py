from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .duplicate_signal import SIGNAL_KINDS


class AttaDuplicateReview(models.Model):
    """A manager's look at two files that share something, and why they are kept apart."""

    _name = "atta.duplicate.review"
    _description = "Reviewed Possible Duplicate"
    _order = "id desc"
    _rec_name = "kind"

    kind = fields.Selection(SIGNAL_KINDS, required=True)
    beneficiary_a_id = fields.Many2one(
        "atta.beneficiary", string="File", required=True, ondelete="cascade", context={"active_test": False}
    )
    beneficiary_b_id = fields.Many2one(
        "atta.beneficiary", string="Other File", required=True, ondelete="cascade", context={"active_test": False}
    )
    # Given by the signal the manager reviews (a default of the form it opens); shown read-only there.
    evidence = fields.Char()
    reason = fields.Text(required=True, help="Why these are two households, or what was corrected.")
    reviewed_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _pair_unique = models.Constraint(
        "UNIQUE(kind, beneficiary_a_id, beneficiary_b_id)", "This pair was already reviewed."
    )

    @api.constrains("beneficiary_a_id", "beneficiary_b_id", "reason")
    def _check_pair(self):
        for review in self:
            if review.beneficiary_a_id.id >= review.beneficiary_b_id.id:
                raise ValidationError(self.env._("A review names two different files, the older one first."))
            if not (review.reason or "").strip():
                raise ValidationError(self.env._("Write why the pair was reviewed."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            first, second = vals.get("beneficiary_a_id"), vals.get("beneficiary_b_id")
            if first and second and first > second:
                vals["beneficiary_a_id"], vals["beneficiary_b_id"] = second, first
        return super().create(vals_list)
