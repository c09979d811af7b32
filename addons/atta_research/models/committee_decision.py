from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.atta_beneficiary.tools import check_parent_change, refuse_step_fields

STEP_FIELDS = {"result", "approved_amount"}


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
        [
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("no_majority", "No majority: deferred"),
        ],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
    )

    _session_request_unique = models.Constraint(
        "UNIQUE(session_id, request_id)", "This request is already on the session's agenda."
    )

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
                raise ValidationError(
                    self.env._(
                        "%(amount)s is above the maximum of “%(type)s” (%(maximum)s). Lower the amount or change "
                        "the support type's maximum.",
                        amount=decision.currency_id.format(decision.proposed_amount),
                        type=decision.request_id.support_type_id.name,
                        maximum=decision.currency_id.format(maximum),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions._check_agenda()
        return decisions

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            for parent in ("session_id", "request_id"):
                check_parent_change(self, vals, parent, lambda d: False)
            if any(d.session_id.state == "closed" for d in self):
                raise UserError(
                    self.env._(
                        "Decisions of a closed session cannot be edited. A new session can reconsider the request."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_sessions(self):
        if any(d.session_id.state == "closed" for d in self):
            raise UserError(
                self.env._("Decisions of a closed session cannot be edited. A new session can reconsider the request.")
            )

    def _check_agenda(self):
        """A committee's agenda takes only the requests waiting for that committee, once."""
        for decision in self:
            request, session = decision.request_id, decision.session_id
            if session.state == "closed":
                raise UserError(self.env._("A closed session takes no new request."))
            if request.state != "committee" or request.committee_id != session.committee_id:
                raise UserError(
                    self.env._(
                        "%(number)s is not waiting for %(committee)s: only requests sent to this committee go on its "
                        "agenda.",
                        number=request.name,
                        committee=session.committee_id.name,
                    )
                )
            if request.appeal_refused_session_id == session:
                raise UserError(
                    self.env._(
                        "%(number)s is an appeal against a refusal of session %(session)s: another session must "
                        "hear it. Put it on the agenda of a new session.",
                        number=request.name,
                        session=session.name,
                    )
                )
            # Superuser mode for the count: the other session may belong to a committee the chair cannot see.
            elsewhere = self.sudo().search_count(
                [
                    ("request_id", "=", request.id),
                    ("id", "!=", decision.id),
                    ("session_id.state", "in", ("draft", "open")),
                ]
            )
            if elsewhere:
                raise UserError(
                    self.env._("%(number)s is already on the agenda of another open session.", number=request.name)
                )

    def _voting_members(self):
        """The members present who may vote on this request: not those with a conflict of interest [S7.5]."""
        self.ensure_one()
        Vote = self.env["atta.committee.vote"]
        return self.session_id.attendee_ids.filtered(
            lambda member: not Vote._atta_conflict_reason(member, self.request_id)
        )

    def _tally(self):
        """Majority of the members present who may vote; on a tie the chair's vote decides.

        An abstention or a vote not cast counts toward neither side: one approval among three members present
        is no majority.
        """
        self.ensure_one()
        votes = self._all_votes()
        approve, reject = votes.mapped("vote").count("approve"), votes.mapped("vote").count("reject")
        voters = len(self._voting_members())
        if approve * 2 > voters:
            result = "approved"
        elif reject * 2 > voters:
            result = "rejected"
        elif approve != reject:
            result = "no_majority"
        else:
            chair_vote = votes.filtered(lambda v: v.member_id == self.session_id.chair_id).vote
            result = {"approve": "approved", "reject": "rejected"}.get(chair_vote, "no_majority")
        if result == "rejected" and not (self.reasons or "").strip():
            raise UserError(
                self.env._(
                    "Write the reasons for rejecting %(number)s: the applicant is told why.",
                    number=self.request_id.name,
                )
            )
        # Superuser mode: the result is the count of the votes, written only here.
        self.sudo().write(
            {
                "result": result,
                "approved_amount": self.proposed_amount if result == "approved" else 0.0,
            }
        )

    def _all_votes(self):
        """Every vote on these decisions, for the count and the minutes.

        Superuser mode: a member reads the others' votes only once their own is cast, and what the
        session decides must not depend on which votes the person closing it has seen.
        """
        return self.env["atta.committee.vote"].sudo().search([("decision_id", "in", self.ids)])

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
