from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class AttaCommitteeVote(models.Model):
    """One member's vote on one request in one session."""

    _name = "atta.committee.vote"
    _description = "Committee Vote"
    _order = "decision_id, id"
    _rec_name = "member_id"

    decision_id = fields.Many2one("atta.committee.decision", required=True, ondelete="cascade", index=True)
    session_id = fields.Many2one(related="decision_id.session_id", store=True, index=True)
    request_id = fields.Many2one(related="decision_id.request_id", store=True)
    member_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, index=True)
    vote = fields.Selection([("approve", "Approve"), ("reject", "Reject"), ("abstain", "Abstain")], required=True)
    comment = fields.Text()

    _one_vote_per_member = models.Constraint(
        "UNIQUE(decision_id, member_id)", "Each member votes once on each request."
    )

    @api.constrains("member_id", "decision_id")
    def _check_member(self):
        for vote in self:
            if vote.member_id not in vote.session_id.attendee_ids:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not recorded as present at session %(session)s and cannot vote.",
                        member=vote.member_id.name,
                        session=vote.session_id.name,
                    )
                )
            if vote.member_id == vote.request_id.researcher_id:
                # Conflict of interest [S7.5]: who researched the case does not judge it.
                raise ValidationError(
                    self.env._(
                        "%(member)s researched %(number)s and cannot vote on it (conflict of interest). "
                        "The other members present decide.",
                        member=vote.member_id.name,
                        number=vote.request_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        votes = super().create(vals_list)
        votes._check_session_open()
        votes._check_own_vote()
        return votes

    def write(self, vals):
        self._check_session_open()
        self._check_own_vote()
        if not self.env.su and set(vals) & {"decision_id", "member_id"}:
            raise UserError(self.env._("A vote stays the vote of its member on its request."))
        return super().write(vals)

    def _check_own_vote(self):
        """Each member casts and changes only their own vote; nobody votes for someone else."""
        if self.env.su:
            return
        if any(vote.member_id != self.env.user for vote in self):
            raise AccessError(self.env._("Each member casts their own vote; nobody can vote for another member."))

    def _check_session_open(self):
        if self.env.su:
            return  # erasing a person's data blanks the comment, nothing else
        if any(v.session_id.state != "open" for v in self):
            raise UserError(self.env._("Votes are cast while the session is in progress, and never changed after."))
