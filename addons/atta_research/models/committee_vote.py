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
            reason = self._atta_conflict_reason(vote.member_id, vote.request_id)
            if reason:
                # Conflict of interest [S7.5]: who researched or visited the case does not judge it.
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot vote on %(number)s (conflict of interest): %(reason)s. "
                        "The other members present decide.",
                        member=vote.member_id.name,
                        number=vote.request_id.name,
                        reason=reason,
                    )
                )

    def _atta_audit_reference(self):
        """The request's number for the trail (called in superuser mode by the trail)."""
        return self.request_id.name

    @api.model
    def _atta_conflict_reason(self, member, request):
        """Why `member` may not judge `request`, or False: they researched it, visited the family, or are the same
        person as one who did under another login (the same contact or employee)."""
        # Superuser mode to read who researched and visited only: a member does not read the visits themselves.
        request = request.sudo()
        member = member.sudo()
        if member == request.researcher_id:
            return self.env._("they researched the request")
        if member in request.visit_ids.researcher_id:
            return self.env._("they visited the family for this request")
        for colleague in request.researcher_id | request.visit_ids.researcher_id:
            if self._atta_same_person(member, colleague):
                return self.env._(
                    "they are %(name)s, who researched or visited this request, under another login",
                    name=colleague.name,
                )
        return False

    @api.model
    def _atta_same_person(self, user, other):
        if user.partner_id == other.partner_id:
            return True
        # With Employees installed, two logins of one employee.
        return "employee_ids" in user._fields and bool(user.employee_ids & other.employee_ids)

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

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own_vote_in_session(self):
        """The votes of a closed session are the record of its decisions: nobody removes them, not even a manager or
        the code's own steps. While the session is in progress a member may withdraw their own vote, in the trail."""
        if any(vote.session_id.state != "open" for vote in self):
            raise UserError(
                self.env._(
                    "The votes of a closed session are the record of its decisions: they cannot be deleted. A new "
                    "session can reconsider the request."
                )
            )
        self._check_own_vote()
        self.env["atta.audit.log"]._log("delete", self, detail=self.env._("Vote withdrawn during the session"))

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
