from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AttaCommitteeDecision(models.Model):
    """One request on a session's agenda, and what the committee decided on it."""

    _name = "atta.committee.decision"
    _description = "Committee Decision"
    _inherit = ["mail.thread"]
    _order = "session_id desc, id"
    _rec_name = "request_id"

    session_id = fields.Many2one("atta.committee.session", required=True, ondelete="cascade", index=True)
    session_state = fields.Selection(related="session_id.state")
    request_id = fields.Many2one("atta.support.request", required=True, ondelete="cascade", index=True)
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id")
    support_type_id = fields.Many2one(related="request_id.support_type_id")
    eligibility_score = fields.Float(related="request_id.eligibility_score")
    recommendation = fields.Selection(related="request_id.recommendation")
    currency_id = fields.Many2one(related="request_id.currency_id")
    proposed_amount = fields.Monetary(tracking=True, help="The amount put to the vote.")
    approved_amount = fields.Monetary(readonly=True)
    reasons = fields.Text(tracking=True, help="The grounds of the decision, told to the applicant.")
    vote_ids = fields.One2many("atta.committee.vote", "decision_id", string="Votes")
    approve_count = fields.Integer(compute="_compute_counts", string="For")
    reject_count = fields.Integer(compute="_compute_counts", string="Against")
    abstain_count = fields.Integer(compute="_compute_counts", string="Abstained")
    result = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected"),
         ("no_majority", "No majority: deferred")],
        default="pending", required=True, readonly=True, tracking=True)

    _session_request_unique = models.Constraint(
        "UNIQUE(session_id, request_id)", "This request is already on the session's agenda.")

    @api.depends("vote_ids.vote")
    def _compute_counts(self):
        for decision in self:
            votes = decision.vote_ids.mapped("vote")
            decision.approve_count = votes.count("approve")
            decision.reject_count = votes.count("reject")
            decision.abstain_count = votes.count("abstain")

    @api.constrains("proposed_amount", "request_id")
    def _check_amount(self):
        for decision in self:
            maximum = decision.request_id.support_type_id.max_amount
            if decision.proposed_amount < 0:
                raise ValidationError(self.env._("Amounts cannot be negative."))
            if maximum and decision.proposed_amount > maximum:
                raise ValidationError(self.env._(
                    "%(amount)s is above the maximum of “%(type)s” (%(maximum)s). Lower the amount or change "
                    "the support type's maximum.", amount=decision.currency_id.format(decision.proposed_amount),
                    type=decision.request_id.support_type_id.name,
                    maximum=decision.currency_id.format(maximum)))

    def write(self, vals):
        unlocked = self.env.context.get("atta_closing") or self.env.context.get("atta_erasing")
        if any(d.session_id.state == "closed" for d in self) and not unlocked:
            raise UserError(self.env._(
                "Decisions of a closed session cannot be edited. A new session can reconsider the request."))
        return super().write(vals)

    def _tally(self):
        """Majority of the members present; on a tie the chair's vote decides."""
        self.ensure_one()
        if self.approve_count > self.reject_count:
            result = "approved"
        elif self.reject_count > self.approve_count:
            result = "rejected"
        else:
            chair_vote = self.vote_ids.filtered(lambda v: v.member_id == self.session_id.chair_id).vote
            result = {"approve": "approved", "reject": "rejected"}.get(chair_vote, "no_majority")
        if result == "rejected" and not (self.reasons or "").strip():
            raise UserError(self.env._(
                "Write the reasons for rejecting %(number)s: the applicant is told why.", number=self.request_id.name))
        self.with_context(atta_closing=True).write({
            "result": result,
            "approved_amount": self.proposed_amount if result == "approved" else 0.0,
        })

    def action_open_votes(self):
        """Each member records their own vote on this request."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Votes on %(number)s", number=self.request_id.name),
            "res_model": "atta.committee.vote",
            "view_mode": "list",
            "domain": [("decision_id", "=", self.id)],
            "context": {"default_decision_id": self.id},
            "target": "new",
        }
