from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.atta_beneficiary.tools import (
    check_parent_change,
    hijri_datetime_string,
    number_new_records,
    refuse_step_fields,
)
from odoo.addons.atta_beneficiary.tools.roles import MANAGER

STEP_FIELDS = {"name", "state", "minutes"}


class AttaCommitteeSession(models.Model):
    """A sitting of the research committee: agenda, attendance, votes, decisions and minutes."""

    _name = "atta.committee.session"
    _description = "Committee Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    committee_id = fields.Many2one("atta.committee", required=True, tracking=True, index=True)
    chair_id = fields.Many2one(related="committee_id.chair_id", store=True)
    company_id = fields.Many2one(related="committee_id.company_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    state = fields.Selection(
        [("draft", "Planned"), ("open", "In session"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    attendee_ids = fields.Many2many("res.users", string="Members Present", domain="[('id', 'in', member_ids)]")
    member_ids = fields.Many2many(related="committee_id.member_ids")
    decision_ids = fields.One2many("atta.committee.decision", "session_id", string="Agenda")
    request_count = fields.Integer(compute="_compute_request_count")
    is_chair = fields.Boolean(compute="_compute_is_chair", help="The user runs this session: the chair, or a manager.")
    minutes = fields.Html(readonly=True, copy=False, sanitize=True)
    notes = fields.Html()

    @api.depends("date")
    @api.depends_context("lang", "tz")
    def _compute_date_hijri(self):
        for session in self:
            session.date_hijri = hijri_datetime_string(session, session.date, self.env.lang or "en_US")

    @api.depends("decision_ids")
    def _compute_request_count(self):
        for session in self:
            session.request_count = len(session.decision_ids)

    @api.depends("chair_id")
    @api.depends_context("uid")
    def _compute_is_chair(self):
        stands_in = self.env.user.has_group(MANAGER)
        for session in self:
            session.is_chair = stands_in or session.chair_id == self.env.user

    @api.constrains("attendee_ids", "committee_id")
    def _check_attendees(self):
        for session in self:
            strangers = session.attendee_ids - session.committee_id.member_ids
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s are not members of %(committee)s: only members are recorded as present and count "
                        "toward the quorum.",
                        names=", ".join(strangers.mapped("name")),
                        committee=session.committee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        number_new_records(self, vals_list, "atta.committee.session", "SES")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            if any(s.state == "closed" for s in self) and set(vals) - {"message_main_attachment_id"}:
                raise UserError(
                    self.env._(
                        "A closed session cannot be changed: its decisions are final. A new session can reconsider."
                    )
                )
            check_parent_change(self, vals, "committee_id", lambda s: s.state == "draft" and not s.decision_ids)
        present_before = {session: session.attendee_ids for session in self} if "attendee_ids" in vals else {}
        result = super().write(vals)
        for session, present in present_before.items():
            session._check_voters_stay_present(present - session.attendee_ids)
        return result

    def _check_voters_stay_present(self, left):
        """Once votes are cast, who was present stays: taking anyone off would change the majority behind them."""
        self.ensure_one()
        if left and self.decision_ids._all_votes():
            raise UserError(
                self.env._(
                    "Votes have been cast in session %(session)s: %(names)s stay recorded as present. A member who "
                    "leaves before the votes is taken off the list before the first vote.",
                    names=", ".join(left.mapped("name")),
                    session=self.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never_closed(self):
        if any(session.state == "closed" for session in self):
            raise UserError(
                self.env._("A closed session is the record of the committee's decisions: it cannot be deleted.")
            )

    def _check_chair(self, step):
        """The chair runs the session (a manager may stand in); checked here, not by the button."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return
        for session in self:
            if session.chair_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the chair of %(committee)s may %(step)s.", committee=session.committee_id.name, step=step
                    )
                )

    def _atta_files_sealed(self):
        """A closed session: its minutes and the signed scans attached to it stay as they were."""
        return self.filtered(lambda session: session.state == "closed")

    def action_load_agenda(self):
        """Put on the agenda every request waiting for this committee and not on another open session."""
        self._check_chair(self.env._("load the agenda"))
        for session in self:
            if session.state == "closed":
                continue
            # Superuser mode for this look-up only: a request may sit on a session of a committee the
            # chair does not belong to; it must not be put on a second agenda.
            on_agenda = (
                self.env["atta.committee.decision"]
                .sudo()
                .search([("session_id.state", "in", ("draft", "open"))])
                .request_id
            )
            waiting = self.env["atta.support.request"].search(
                [
                    ("state", "=", "committee"),
                    ("committee_id", "=", session.committee_id.id),
                    ("id", "not in", on_agenda.ids),
                ]
            )
            # An appeal is heard by another session than the one that refused it [S4].
            waiting -= waiting.filtered_domain([("appeal_refused_session_id", "=", session.id)])
            waiting -= session.decision_ids.request_id
            self.env["atta.committee.decision"].create(
                [
                    {
                        "session_id": session.id,
                        "request_id": request.id,
                        "proposed_amount": request.recommended_amount or request.amount_requested,
                    }
                    for request in waiting
                ]
            )
        return True

    def action_open(self):
        self._check_chair(self.env._("open the session"))
        for session in self:
            if session.state != "draft":
                raise UserError(self.env._("Only a planned session can be opened."))
            if not session.decision_ids:
                raise UserError(self.env._("The agenda is empty: load the requests waiting for the committee."))
        self.sudo().write({"state": "open"})
        return True

    def action_close(self):
        """Count the votes, write each request's decision, and keep the minutes."""
        self._check_chair(self.env._("close the session"))
        for session in self:
            if session.state != "open":
                raise UserError(self.env._("Only a session in progress can be closed."))
            present = len(session.attendee_ids)
            if present < session.committee_id.quorum:
                raise UserError(
                    self.env._(
                        "The quorum is not reached: %(present)s members present, %(quorum)s needed. Decisions "
                        "taken without quorum do not count.",
                        present=present,
                        quorum=session.committee_id.quorum,
                    )
                )
            for decision in session.decision_ids:
                decision._tally()
            # Superuser mode for the step's own fields, once the chair and the quorum were checked.
            session.sudo().write({"minutes": session._render_minutes(), "state": "closed"})
            # A request withdrawn or paused meanwhile is not decided behind the applicant's back.
            for decision in session.decision_ids.filtered(
                lambda d: d.result in ("approved", "rejected") and d.request_id.state == "committee"
            ):
                decision.request_id._apply_decision(decision)
        return True

    def _render_minutes(self):
        self.ensure_one()
        results = dict(self.env["atta.committee.decision"]._fields["result"]._description_selection(self.env))
        all_votes = self.decision_ids._all_votes()
        cast = {d.id: all_votes.filtered(lambda v, d=d: v.decision_id == d).mapped("vote") for d in self.decision_ids}
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s / %s / %s</td><td>%s</td></tr>")
            % (
                d.request_id.name,
                d.request_id.beneficiary_id.name,
                results[d.result],
                cast[d.id].count("approve"),
                cast[d.id].count("reject"),
                cast[d.id].count("abstain"),
                d.reasons or "",
            )
            for d in self.decision_ids
        )
        header = Markup("<p>%s</p>") % self.env._(
            "Session %(number)s of %(committee)s, held on %(hijri)s (%(date)s). Present: %(members)s.",
            number=self.name,
            committee=self.committee_id.name,
            hijri=self.date_hijri,
            date=fields.Datetime.context_timestamp(self, self.date).strftime("%Y-%m-%d"),
            members=", ".join(self.attendee_ids.mapped("name")),
        )
        table_head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Request"),
            self.env._("Beneficiary"),
            self.env._("Decision"),
            self.env._("For / Against / Abstained"),
            self.env._("Reasons"),
        )
        abstentions = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(number)s: %(member)s abstained (%(reason)s)",
                number=vote.request_id.name,
                member=vote.member_id.name,
                reason=vote.comment or self.env._("no reason given"),
            )
            for vote in all_votes.filtered(lambda v: v.vote == "abstain")
        )
        Vote = self.env["atta.committee.vote"]
        # Present members refused a vote by a conflict of interest are named with the reason, like abstentions.
        abstentions += Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(number)s: %(member)s did not vote (conflict of interest: %(reason)s)",
                number=decision.request_id.name,
                member=member.name,
                reason=reason,
            )
            for decision in self.decision_ids
            for member in self.attendee_ids
            if (reason := Vote._atta_conflict_reason(member, decision.request_id))
        )
        # Present members who cast no vote are named too: the majority is of the members present.
        abstentions += Markup("").join(
            Markup("<li>%s</li>")
            % self.env._("%(number)s: %(member)s did not vote", number=decision.request_id.name, member=member.name)
            for decision in self.decision_ids
            for member in decision._voting_members()
            - all_votes.filtered(lambda v, d=decision: v.decision_id == d).member_id
        )
        if abstentions:
            abstentions = Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Abstentions and their reasons:"), abstentions)
        table = Markup('<table class="table table-sm">') + table_head + rows + Markup("</table>")
        return header + table + abstentions

    def action_print_minutes(self):
        self.ensure_one()
        return self.env.ref("atta_research.action_report_session_minutes").report_action(self)
