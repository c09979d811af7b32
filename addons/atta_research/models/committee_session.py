from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import hijri_datetime_string, next_hijri_number


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
        default="draft", required=True, tracking=True, index=True)
    attendee_ids = fields.Many2many(
        "res.users", string="Members Present", domain="[('id', 'in', member_ids)]")
    member_ids = fields.Many2many(related="committee_id.member_ids")
    decision_ids = fields.One2many("atta.committee.decision", "session_id", string="Agenda")
    request_count = fields.Integer(compute="_compute_request_count")
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

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = next_hijri_number(self.env, "atta.committee.session", "SES", today)
        return super().create(vals_list)

    def write(self, vals):
        unlocked = self.env.context.get("atta_closing") or self.env.context.get("atta_erasing")
        if not unlocked and any(s.state == "closed" for s in self) and set(vals) - {"message_main_attachment_id"}:
            raise UserError(self.env._(
                "A closed session cannot be changed: its decisions are final. A new session can reconsider."))
        return super().write(vals)

    def action_load_agenda(self):
        """Put on the agenda every request waiting for this committee and not on another open session."""
        for session in self:
            if session.state == "closed":
                continue
            on_agenda = self.env["atta.committee.decision"].search(
                [("session_id.state", "in", ("draft", "open"))]).request_id
            waiting = self.env["atta.support.request"].search([
                ("state", "=", "committee"), ("committee_id", "=", session.committee_id.id),
                ("id", "not in", on_agenda.ids)])
            waiting -= session.decision_ids.request_id
            self.env["atta.committee.decision"].create([
                {"session_id": session.id, "request_id": request.id,
                 "proposed_amount": request.recommended_amount or request.amount_requested}
                for request in waiting])
        return True

    def action_open(self):
        for session in self:
            if session.state != "draft":
                raise UserError(self.env._("Only a planned session can be opened."))
            if not session.decision_ids:
                raise UserError(self.env._("The agenda is empty: load the requests waiting for the committee."))
        self.write({"state": "open"})
        return True

    def action_close(self):
        """Count the votes, write each request's decision, and keep the minutes."""
        for session in self:
            if session.state != "open":
                raise UserError(self.env._("Only a session in progress can be closed."))
            present = len(session.attendee_ids)
            if present < session.committee_id.quorum:
                raise UserError(self.env._(
                    "The quorum is not reached: %(present)s members present, %(quorum)s needed. Decisions "
                    "taken without quorum do not count.", present=present, quorum=session.committee_id.quorum))
            for decision in session.decision_ids:
                decision._tally()
            session.minutes = session._render_minutes()
            session.with_context(atta_closing=True).write({"state": "closed"})
            for decision in session.decision_ids.filtered(lambda d: d.result in ("approved", "rejected")):
                decision.request_id._apply_decision(decision)
        return True

    def _render_minutes(self):
        self.ensure_one()
        results = dict(self.env["atta.committee.decision"]._fields["result"]._description_selection(self.env))
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s / %s / %s</td><td>%s</td></tr>") % (
                d.request_id.name, d.request_id.beneficiary_id.name, results[d.result],
                d.approve_count, d.reject_count, d.abstain_count, d.reasons or "")
            for d in self.decision_ids)
        header = Markup("<p>%s</p>") % self.env._(
            "Session %(number)s of %(committee)s, held on %(hijri)s (%(date)s). Present: %(members)s.",
            number=self.name, committee=self.committee_id.name, hijri=self.date_hijri,
            date=fields.Datetime.context_timestamp(self, self.date).strftime("%Y-%m-%d"),
            members=", ".join(self.attendee_ids.mapped("name")))
        table_head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Request"), self.env._("Beneficiary"), self.env._("Decision"),
            self.env._("For / Against / Abstained"), self.env._("Reasons"))
        return header + Markup('<table class="table table-sm">') + table_head + rows + Markup("</table>")

    def action_print_minutes(self):
        self.ensure_one()
        return self.env.ref("atta_research.action_report_session_minutes").report_action(self)
