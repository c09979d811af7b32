from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, clean_context

from odoo.addons.atta_beneficiary.tools import (
    check_parent_change,
    check_roles,
    form_text,
    hijri_date_string,
    in_lang_of,
    number_new_records,
    refuse_step_fields,
    watch_deadlines,
)
from odoo.addons.atta_beneficiary.tools.roles import MANAGER, OFFICER, RESEARCHER

REQUEST_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("verification", "Document check"),
    ("research", "Social research"),
    ("committee", "Committee"),
    ("needs_info", "Waiting for the applicant"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("delivered", "Delivered"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# The decision deadline runs in these states; it is paused while waiting for the applicant.
RUNNING_STATES = ("submitted", "verification", "research", "committee")
# A request in these states is still open: the household waits for a decision or for the service.
OPEN_STATES = ("draft",) + RUNNING_STATES + ("needs_info", "approved")
DECIDED_STATES = ("approved", "rejected", "delivered", "closed")
# Once decided, these describe the decision and the request it was taken on: what was asked (the intake)
# and what was decided.
LOCKED_FIELDS = {
    "beneficiary_id",
    "support_type_id",
    "channel_id",
    "description",
    "declaration_id",
    "declared_household_size",
    "declared_monthly_income",
    "attachment_ids",
    "amount_requested",
    "approved_amount",
    "decision_reason",
    "decision_date",
    "decision_session_id",
}
# Written only by the steps of the process (submit, verify, research, decide, deliver, close, cancel).
STEP_FIELDS = {
    "name",
    "state",
    "state_before_pause",
    "date_submitted",
    "deadline",
    "paused_on",
    "paused_days",
    "needs_info_note",
    "deadline_reminded",
    "overdue_escalated",
    "verified_by_id",
    "verified_on",
    "verification_override_reason",
    "eligibility_score",
    "recommendation",
    "recommended_amount",
    "approved_amount",
    "decision_reason",
    "decision_date",
    "decision_session_id",
    "decided_on_time",
    "on_time_rate",
    "days_to_decision",
    "letter_id",
    "appeal_count",
    "appeal_reason",
    "appeal_refused_session_id",
    "cancel_reason",
    "anonymized_on",
    "partner_id",
    "waiting_override_reason",
}
# What a researcher or a committee member may still edit by hand on a request: nothing but the
# chatter's main attachment; their work goes through the research report, the session and the steps.
NON_OFFICER_FIELDS = {"message_main_attachment_id"}
# What a beneficiary's portal account reads of their own request: what /my/requests shows them, and the fields
# the page and its chatter work with. The research, the score, the recommendation and the staff behind the
# request stay closed on every route (read, search, group by), and so does a field added later until listed.
PORTAL_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "support_type_id",
        "state",
        "date_submitted",
        "deadline",
        "deadline_hijri",
        "needs_info_note",
        "approved_amount",
        "currency_id",
        "decision_reason",
        "decision_date",
        "decision_date_hijri",
        "appeal_until",
        "appeal_until_hijri",
        "letter_id",
        "partner_id",
        "company_id",
        "access_url",
        "access_token",
        "access_warning",
        "website_message_ids",
        "message_ids",
        "message_follower_ids",
        "message_partner_ids",
        "message_is_follower",
        "has_message",
    }
)


class AttaSupportRequest(models.Model):
    """A support request from intake to service [S7]."""

    _name = "atta.support.request"
    _description = "Support Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "atta.audit.mixin", "atta.notify.mixin"]
    _order = "id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="btree")
    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, index=True, tracking=True, ondelete="restrict")
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    support_type_id = fields.Many2one("atta.support.type", required=True, tracking=True, index=True)
    channel_id = fields.Many2one(
        "atta.channel",
        string="Intake Channel",
        required=True,
        tracking=True,
        default=lambda self: self.env.ref("atta_beneficiary.channel_interview", raise_if_not_found=False),
    )
    description = fields.Text(string="What Is Needed", tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_requested = fields.Monetary(tracking=True)
    declared_household_size = fields.Integer(help="As the applicant declared it on the online form.", tracking=True)
    declared_monthly_income = fields.Monetary(help="As the applicant declared it on the online form.", tracking=True)
    # Beside what was declared, what the file counts (members living with the beneficiary, income lines).
    file_household_size = fields.Integer(
        related="beneficiary_id.household_size", string="Household Counted on the File", groups=OFFICER
    )
    file_monthly_income = fields.Monetary(
        related="beneficiary_id.monthly_income", string="Income on the File", groups=OFFICER
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    declaration_id = fields.Many2one(
        "atta.beneficiary.consent",
        string="Signed Declaration",
        tracking=True,
        domain="[('beneficiary_id', '=', beneficiary_id), ('kind', '=', 'declaration'), ('withdrawn', '=', False)]",
        help="The applicant's signed declaration that the information given is correct [S7.4].",
    )
    state = fields.Selection(REQUEST_STATES, default="draft", required=True, tracking=True, index=True, copy=False)
    state_before_pause = fields.Selection(REQUEST_STATES, readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Relations Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
        index=True,
    )
    researcher_id = fields.Many2one(
        "res.users",
        string="Social Researcher",
        tracking=True,
        index=True,
        copy=False,
        domain=lambda self: [("all_group_ids", "in", self.env.ref(RESEARCHER).ids)],
    )
    committee_id = fields.Many2one("atta.committee", tracking=True, copy=False, index=True)

    date_submitted = fields.Datetime(readonly=True, copy=False)
    deadline = fields.Date(
        string="Decision Deadline",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="The date by which the applicant was promised a decision, counted in working days on the "
        "association's calendar and moved on by the time spent waiting for the applicant [S7.5].",
    )
    deadline_hijri = fields.Char(compute="_compute_hijri_dates")
    paused_on = fields.Date(readonly=True, copy=False)
    paused_days = fields.Integer(
        string="Working Days Paused",
        readonly=True,
        copy=False,
        help="Working days the request waited for the applicant; the deadline moved on by as many.",
    )
    needs_info_note = fields.Text(
        string="What Is Missing",
        tracking=True,
        copy=False,
        help="Shown to the applicant while the request waits for them.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    deadline_reminded = fields.Boolean(readonly=True, copy=False)
    overdue_escalated = fields.Boolean(readonly=True, copy=False)

    # As superuser: committee members read no document, but may know which kinds are still missing.
    missing_document_type_ids = fields.Many2many(
        "atta.document.type", compute="_compute_missing_document_types", string="Missing Documents", compute_sudo=True
    )
    # What the applicant uploaded or the desk scanned, checked where the officer works: on the request.
    document_ids = fields.One2many(related="beneficiary_id.document_ids", string="Documents of the File")
    registration_missing = fields.Text(
        string="Missing for Registration",
        compute="_compute_registration_missing",
        groups=OFFICER,
        help="What the file still lacks to be registered, which the service waits for [S7.6].",
    )
    verified_by_id = fields.Many2one("res.users", string="Documents Checked By", readonly=True, copy=False)
    verified_on = fields.Datetime(string="Documents Checked On", readonly=True, copy=False)
    verification_override_reason = fields.Text(readonly=True, copy=False, tracking=True)

    visit_ids = fields.One2many("atta.research.visit", "request_id", string="Research")
    visit_count = fields.Integer(compute="_compute_visit_count")
    eligibility_score = fields.Float(compute="_compute_research_result", store=True, aggregator="avg")
    recommendation = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], compute="_compute_research_result", store=True
    )
    recommended_amount = fields.Monetary(compute="_compute_research_result", store=True)

    decision_ids = fields.One2many("atta.committee.decision", "request_id", string="Committee Decisions")
    approved_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    decision_reason = fields.Text(readonly=True, copy=False, tracking=True)
    decision_date = fields.Date(readonly=True, copy=False)
    decision_date_hijri = fields.Char(compute="_compute_hijri_dates")
    decision_session_id = fields.Many2one("atta.committee.session", readonly=True, copy=False)
    decided_on_time = fields.Boolean(
        readonly=True, copy=False, aggregator="bool_and", help="Decided on or before the promised deadline."
    )
    on_time_rate = fields.Float(
        string="Decided within the Promise (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="100 for a request decided by its deadline, 0 for one decided late: its average is the share kept.",
    )
    days_to_decision = fields.Integer(
        readonly=True, copy=False, aggregator="avg", help="Calendar days from submission to decision."
    )
    letter_id = fields.Many2one("atta.letter", string="Decision Letter", readonly=True, copy=False)
    # Read by whoever may read the request (the printed file is named after it), not only by the register's users.
    letter_number = fields.Char(related="letter_id.name", string="Decision Letter Number")
    appeal_count = fields.Integer(readonly=True, copy=False)
    appeal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    appeal_refused_session_id = fields.Many2one(
        "atta.committee.session",
        string="Session Appealed From",
        readonly=True,
        copy=False,
        help="The session whose refusal was appealed: the appeal is heard by another session [S4].",
    )
    appeal_until = fields.Date(
        string="Appeal Possible Until",
        compute="_compute_appeal_until",
        help="The last day the applicant may appeal the refusal (the appeal window of the settings).",
    )
    appeal_until_hijri = fields.Char(compute="_compute_appeal_until")

    delivery_ids = fields.One2many("atta.support.delivery", "request_id", string="Deliveries")
    delivered_amount = fields.Monetary(compute="_compute_delivered_amount", store=True)
    follow_up_note = fields.Text(tracking=True, copy=False, help="How the beneficiary is doing after the service.")
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    waiting_override_reason = fields.Text(
        readonly=True,
        copy=False,
        tracking=True,
        help="Why a manager let this request in before the waiting period after a refusal ended.",
    )
    anonymized_on = fields.Datetime(
        readonly=True, copy=False, help="When the texts and files of this request were anonymised (retention)."
    )

    _amounts_positive = models.Constraint(
        "CHECK(amount_requested >= 0 AND approved_amount >= 0)", "Amounts cannot be negative."
    )

    # ---------------------------------------------------------------- field access
    @api.model
    def _has_field_access(self, field, operation):
        if not self.env.su and field.name not in PORTAL_FIELDS and self.env.user.share:
            return False
        return super()._has_field_access(field, operation)

    # ---------------------------------------------------------------- computes
    @api.depends("deadline", "decision_date")
    @api.depends_context("lang")
    def _compute_hijri_dates(self):
        lang = self.env.lang or "en_US"
        for request in self:
            request.deadline_hijri = hijri_date_string(request.deadline, lang)
            request.decision_date_hijri = hijri_date_string(request.decision_date, lang)

    @api.depends("state", "decision_date", "company_id.atta_appeal_window_days")
    @api.depends_context("lang")
    def _compute_appeal_until(self):
        for request in self:
            request.appeal_until = (
                request.decision_date + timedelta(days=request.company_id.atta_appeal_window_days)
                if request.state == "rejected" and request.decision_date
                else False
            )
            request.appeal_until_hijri = hijri_date_string(request.appeal_until, self.env.lang or "en_US")

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(request.deadline and request.state in RUNNING_STATES and request.deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("state", "in", RUNNING_STATES) & Domain("deadline", "<", fields.Date.context_today(self))
        return overdue if (True in value) == (operator == "in") else ~overdue

    @api.depends("support_type_id.required_document_type_ids", "beneficiary_id.document_ids.is_valid")
    def _compute_missing_document_types(self):
        for request in self:
            valid = request.beneficiary_id.document_ids.filtered("is_valid").document_type_id
            request.missing_document_type_ids = request.support_type_id.required_document_type_ids - valid

    @api.depends(
        "beneficiary_id.state",
        "beneficiary_id.missing_document_type_ids",
        "beneficiary_id.declaration_signed",
        "beneficiary_id.city",
        "beneficiary_id.street",
        "beneficiary_id.national_address",
    )
    def _compute_registration_missing(self):
        for request in self:
            file = request.beneficiary_id
            problems = file._registration_problems() + request._address_gaps() if file and file.state == "draft" else []
            request.registration_missing = "\n".join(f"• {problem}" for problem in problems) or False

    def _address_gaps(self):
        """The parts of the national address the file lacks: asked at intake, not discovered at delivery."""
        file = self.beneficiary_id
        gaps = (
            (file.city, self.env._("the city is not on the file")),
            (file.street, self.env._("the district is not on the file")),
            (file.national_address, self.env._("the short national address (such as RRRD2929) is not on the file")),
        )
        return [message for value, message in gaps if not value]

    def _compute_visit_count(self):
        counts = dict(
            self.env["atta.research.visit"]._read_group([("request_id", "in", self.ids)], ["request_id"], ["__count"])
        )
        for request in self:
            request.visit_count = counts.get(request, 0)

    @api.depends("visit_ids.state", "visit_ids.score", "visit_ids.recommendation", "visit_ids.recommended_amount")
    def _compute_research_result(self):
        for request in self:
            done = request.visit_ids.filtered(lambda v: v.state == "done").sorted("visit_date")[-1:]
            request.eligibility_score = done.score
            request.recommendation = done.recommendation
            request.recommended_amount = done.recommended_amount

    @api.depends("delivery_ids.amount", "delivery_ids.state")
    def _compute_delivered_amount(self):
        for request in self:
            request.delivered_amount = sum(request.delivery_ids.filtered(lambda d: d.state == "done").mapped("amount"))

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        number_new_records(self, vals_list, "atta.support.request", "REQ")
        requests = super().create(vals_list)
        requests._check_no_open_twin()
        return requests

    def write(self, vals):
        if not self.env.su:
            self._check_manual_write(vals)
        result = super().write(vals)
        if {"beneficiary_id", "support_type_id"} & set(vals):
            self._check_no_open_twin()
        return result

    def _check_manual_write(self, vals):
        """What a person may change by editing, outside the steps of the process."""
        refuse_step_fields(self, vals, STEP_FIELDS)
        if not self.env.user.has_group(OFFICER) and set(vals) - NON_OFFICER_FIELDS:
            raise AccessError(
                self.env._(
                    "Only the relations officers edit a support request; researchers and committee members work "
                    "through the research report and the committee session."
                )
            )
        if LOCKED_FIELDS & set(vals):
            decided = self.filtered(lambda r: r.state in DECIDED_STATES)
            if decided:
                raise UserError(
                    self.env._(
                        "%(number)s has been decided by the committee and can no longer be changed. An appeal "
                        "opens a new review.",
                        number=decided[0].name,
                    )
                )
        # The applicant, the kind of support and the company are those of the request as received.
        for parent in ("beneficiary_id", "support_type_id", "company_id"):
            check_parent_change(self, vals, parent, lambda r: r.state == "draft")
        if "researcher_id" in vals:
            check_parent_change(
                self,
                vals,
                "researcher_id",
                lambda r: r.state in ("draft", "submitted", "verification", "research", "needs_info"),
            )
        if "committee_id" in vals:
            check_parent_change(self, vals, "committee_id", lambda r: r.state not in ("committee",) + DECIDED_STATES)

    # ---------------------------------------------------------------- one open request per need
    def _check_no_open_twin(self):
        """A household has one open request of a support type at a time; the open one is named."""
        for request in self.filtered(lambda r: r.state in OPEN_STATES):
            # Superuser mode for the look-up only: the twin may be outside what the caller sees.
            twin = self.sudo().search(
                [
                    ("beneficiary_id", "=", request.beneficiary_id.id),
                    ("support_type_id", "=", request.support_type_id.id),
                    ("state", "in", OPEN_STATES),
                    ("id", "!=", request.id),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "This household already has an open request for “%(type)s”: %(number)s. Follow that request "
                        "instead of opening a second one.",
                        type=request.support_type_id.name,
                        number=twin.name,
                    )
                )
            problem = request._atta_recurring_support_problem()
            if problem:
                raise ValidationError(problem)

    def _atta_recurring_support_problem(self):
        """Why this support must not be requested now (a running enrolment, where a module adds one)."""
        return False

    def _check_waiting_period(self):
        """After a refusal, the same support waits the period set on its type, unless a manager overrode."""
        today = fields.Date.context_today(self)
        for request in self.filtered(
            lambda r: r.support_type_id.reapply_waiting_days and not r.waiting_override_reason
        ):
            days = request.support_type_id.reapply_waiting_days
            refused = self.sudo().search(
                [
                    ("beneficiary_id", "=", request.beneficiary_id.id),
                    ("support_type_id", "=", request.support_type_id.id),
                    ("state", "=", "rejected"),
                    ("decision_date", ">", today - timedelta(days=days)),
                    ("id", "!=", request.id),
                ],
                order="decision_date desc",
                limit=1,
            )
            if refused:
                raise UserError(
                    self.env._(
                        "%(number)s, a request for the same support, was refused on %(date)s. A new request is "
                        "possible from %(next)s; before that, only a manager may let it in, with a reason.",
                        number=refused.name,
                        date=refused.decision_date,
                        next=refused.decision_date + timedelta(days=days),
                    )
                )

    def _override_waiting_period(self, reason):
        """A manager lets a request in before the waiting period after a refusal ended; the reason stays."""
        self._check_role(
            self.env._("let a request in before the waiting period ends (a manager's decision)"), groups=(MANAGER,)
        )
        self._check_state(("draft",))
        if not (reason or "").strip():
            raise UserError(self.env._("Write why this request may come before the waiting period ends."))
        self._step_write({"waiting_override_reason": reason})
        return True

    def _step_write(self, vals):
        """The write of a step, after the step checked who calls it and the state it starts from."""
        return self.sudo().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(r.state != "draft" for r in self):
            raise UserError(self.env._("Only draft requests can be deleted; cancel the request instead."))

    # ---------------------------------------------------------------- deadline
    def _calendar(self):
        company = self.company_id[:1] or self.env.company
        return company.atta_calendar_id or self.env.ref("atta_research.calendar_association")

    def _add_working_days(self, start_date, days):
        """The date of the `days`-th working day after `start_date` on the association calendar."""
        calendar = self._calendar()
        tz = pytz.timezone(calendar.tz or "Asia/Riyadh")
        start = tz.localize(datetime.combine(start_date + timedelta(days=1), time.min))
        end = calendar.plan_days(days, start, compute_leaves=True)
        return end.astimezone(tz).date() if end else start_date + timedelta(days=days * 7 // 5 + 1)

    def _working_days_between(self, first_date, last_date):
        """Working days in (first_date, last_date] on the association calendar."""
        if not first_date or not last_date or last_date <= first_date:
            return 0
        calendar = self._calendar()
        tz = pytz.timezone(calendar.tz or "Asia/Riyadh")
        start = tz.localize(datetime.combine(first_date + timedelta(days=1), time.min))
        stop = tz.localize(datetime.combine(last_date + timedelta(days=1), time.min))
        intervals = calendar._work_intervals_batch(start, stop, compute_leaves=True)[False]
        return len({interval_start.date() for interval_start, _stop, _meta in intervals})

    def _start_deadline(self):
        today = fields.Date.context_today(self)
        for request in self:
            request._step_write(
                {
                    "deadline": request._add_working_days(today, request.support_type_id.decision_days),
                    "deadline_reminded": False,
                    "overdue_escalated": False,
                }
            )

    # ---------------------------------------------------------------- transitions
    def _check_role(self, step, groups=(OFFICER,), assigned_researcher=False):
        """Who may take a step is checked here, on the server, whatever the client shows."""
        if assigned_researcher and not self.env.su and all(r.researcher_id == self.env.user for r in self):
            self.check_access("read")
            return
        check_roles(self, groups, step)
        self.check_access("write")

    def _check_not_on_open_agenda(self):
        """A request on a planned or open session waits for the committee: the chair removes it first."""
        decisions = (
            self.env["atta.committee.decision"]
            .sudo()
            .search([("request_id", "in", self.ids), ("session_id.state", "in", ("draft", "open"))])
        )
        if decisions:
            raise UserError(
                self.env._(
                    "%(number)s is on the agenda of session %(session)s. Ask the chair to take it off the agenda "
                    "first.",
                    number=decisions[0].request_id.name,
                    session=decisions[0].session_id.name,
                )
            )

    def _atta_files_sealed(self):
        """A decided request: the signed papers scanned onto it (request form, declaration, visit form) stay as
        they were attached; a paper signed later is attached beside them."""
        return self.filtered(lambda request: request.state in DECIDED_STATES)

    def _check_state(self, allowed):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(number)s is “%(state)s”: this step cannot be taken now.",
                        number=request.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[request.state],
                    )
                )

    def action_submit(self):
        """The applicant's request is complete enough to be received [S7.1, S7.4, S7.5]."""
        self._check_role(self.env._("submit a support request"))
        self._check_state(("draft",))
        for request in self:
            if request.beneficiary_id.state in ("suspended", "archived"):
                raise UserError(
                    self.env._(
                        "The file of %(name)s is suspended or archived: reactivate it before submitting a request.",
                        name=request.beneficiary_id.name,
                    )
                )
            if not request.declaration_id:
                request.declaration_id = request.beneficiary_id.consent_ids.filtered(
                    lambda c: c.kind == "declaration" and not c.withdrawn
                )[:1]
            if not request.declaration_id:
                raise UserError(
                    self.env._(
                        "%(name)s has not signed the declaration that the information given is correct. Record "
                        "the signed declaration on the beneficiary file before submitting the request.",
                        name=request.beneficiary_id.name,
                    )
                )
        self._check_waiting_period()
        self._step_write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        self._start_deadline()
        self.filtered(lambda r: not r.committee_id)._set_committee()
        self._atta_notify(
            "atta_research.mail_template_request_acknowledgement", "atta_research.sms_template_request_acknowledgement"
        )
        return True

    def _set_committee(self):
        for request in self:
            request._step_write(
                {"committee_id": self.env["atta.committee"].sudo()._for_support_type(request.support_type_id).id}
            )

    def action_start_verification(self):
        self._check_role(self.env._("check the documents of a request"))
        self._check_state(("submitted",))
        self._step_write({"state": "verification", "user_id": self.env.user.id})
        return True

    def action_open_referral(self):
        """Documents complete: the dialog that names the researcher and plans the visit."""
        self.ensure_one()
        self._check_role(self.env._("pass the document check of a request"))
        self._check_state(("verification",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refer to Social Research"),
            "res_model": "atta.research.referral.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_request_id": self.id, "default_researcher_id": self.researcher_id.id},
        }

    def action_verify(self):
        """Documents match the support type's list, verified and unexpired [S7.2]; on to research."""
        self._check_role(self.env._("pass the document check of a request"))
        self._check_state(("verification",))
        for request in self:
            missing = request.missing_document_type_ids
            if missing and not request.verification_override_reason:
                raise UserError(
                    self.env._(
                        "%(number)s cannot go to research: these documents are missing, unverified or expired:\n"
                        "%(documents)s\nAsk the applicant for them, or a manager may override with a reason.",
                        number=request.name,
                        documents="\n".join(f"• {t.name}" for t in missing),
                    )
                )
            if not request.researcher_id:
                raise UserError(
                    self.env._("Choose the social researcher who will study %(number)s.", number=request.name)
                )
        self._step_write(
            {"state": "research", "verified_by_id": self.env.user.id, "verified_on": fields.Datetime.now()}
        )
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.researcher_id.id,
                date_deadline=request.deadline,
                summary=self.env._("Social research: %(number)s", number=request.name),
            )
        return True

    def _override_verification(self, reason):
        """A manager lets a request pass without some documents; the reason stays on record."""
        self._check_role(
            self.env._("let a request pass without its documents (a manager's decision)"), groups=(MANAGER,)
        )
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the request may pass without these documents."))
        for request in self:
            missing = ", ".join(request.missing_document_type_ids.mapped("name"))
            request._step_write({"verification_override_reason": reason})
            request.message_post(
                body=self.env._(
                    "Document check overridden by %(user)s. Missing: %(missing)s. Reason: %(reason)s",
                    user=self.env.user.name,
                    missing=missing or "-",
                    reason=reason,
                )
            )
        return self.action_verify()

    def action_send_to_committee(self):
        self._check_role(self.env._("send a request to the committee"), assigned_researcher=True)
        self._check_state(("research",))
        for request in self:
            if not request.visit_ids.filtered(lambda v: v.state == "done"):
                raise UserError(
                    self.env._(
                        "%(number)s has no completed social research yet: the researcher completes the research "
                        "report with a recommendation first.",
                        number=request.name,
                    )
                )
            if not request.committee_id:
                request._set_committee()
            if not request.committee_id:
                raise UserError(
                    self.env._(
                        "No research committee decides on “%(type)s”. Create one first.",
                        type=request.support_type_id.name,
                    )
                )
        self._step_write({"state": "committee"})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"], user_id=self.researcher_id.id)
        return True

    def _request_information(self, note):
        """Return the request to the applicant with what is missing; the deadline pauses."""
        self._check_role(self.env._("ask the applicant for information"), assigned_researcher=True)
        self._check_state(RUNNING_STATES)
        self._check_not_on_open_agenda()
        if not (note or "").strip():
            raise UserError(self.env._("Write what the applicant must provide."))
        today = fields.Date.context_today(self)
        for request in self:
            request._step_write(
                {
                    "state_before_pause": request.state,
                    "state": "needs_info",
                    "paused_on": today,
                    "needs_info_note": note,
                }
            )
        self._atta_notify(
            "atta_research.mail_template_request_needs_info", "atta_research.sms_template_request_needs_info"
        )
        return True

    def action_resume(self):
        """The applicant answered: the request goes back where it was, the deadline moves on."""
        self._check_role(self.env._("resume a request"))
        self._check_state(("needs_info",))
        today = fields.Date.context_today(self)
        for request in self:
            paused = request._working_days_between(request.paused_on, today)
            request._step_write(
                {
                    "state": request.state_before_pause or "verification",
                    "state_before_pause": False,
                    "paused_on": False,
                    "paused_days": request.paused_days + paused,
                    "deadline": request._add_working_days(request.deadline, paused) if paused else request.deadline,
                    "needs_info_note": False,
                }
            )
            if paused:
                request.message_post(
                    body=self.env._(
                        "The applicant answered after %(days)s working days; the decision deadline moves to "
                        "%(date)s (%(hijri)s).",
                        days=paused,
                        date=request.deadline,
                        hijri=request.deadline_hijri,
                    )
                )
        return True

    def _apply_decision(self, decision):
        """Written by the committee when its session closes, on a request still waiting for it.

        Private: only the closing of a session calls it, after checking the chair and the quorum. The
        decision, its letter and the mail to the applicant are the committee's act, done in superuser
        mode because the chair holds no right on the letters register.
        """
        self.ensure_one()
        # The caller's context carries no default into the letter, the messages or anything the step creates.
        request = self.sudo().with_context(clean_context(self.env.context))
        request._check_state(("committee",))
        today = fields.Date.context_today(request)
        approved = decision.result == "approved"
        submitted = (
            fields.Datetime.context_timestamp(request, request.date_submitted).date()
            if request.date_submitted
            else today
        )
        request.write(
            {
                "state": "approved" if approved else "rejected",
                "approved_amount": decision.approved_amount if approved else 0.0,
                "decision_reason": decision.reasons,
                "decision_date": today,
                "decision_session_id": decision.session_id.id,
                "decided_on_time": bool(request.deadline and today <= request.deadline),
                "on_time_rate": 100.0 if request.deadline and today <= request.deadline else 0.0,
                "days_to_decision": (today - submitted).days,
            }
        )
        letter = request.env["atta.letter"].create(
            {
                "direction": "outgoing",
                "date": today,
                "subject": request.env._("Decision on support request %(number)s", number=request.name),
                "correspondent": request.beneficiary_id.name,
                "beneficiary_id": request.beneficiary_id.id,
            }
        )
        # The text is written once, with the number the letter just took; linked to the request, the
        # letter is issued and sealed: every later print shows this text, whatever happens to the request.
        letter.write(
            {
                "body": request._decision_letter_text(decision, letter),
                "res_model": request._name,
                "res_id": request.id,
            }
        )
        request.letter_id = letter
        outcome = "approved" if approved else "rejected"
        request._atta_notify(
            f"atta_research.mail_template_request_{outcome}", f"atta_research.sms_template_request_{outcome}"
        )

    def _decision_letter_text(self, decision, letter, addressee=None):
        """The text of the decision letter, in the applicant's language, as the committee issues it.

        `addressee`: the name the letter was sent to, when it is written again later (the file's name may have
        been corrected since); else the file's name now.
        """
        self.ensure_one()
        lang = self.env["ir.actions.report"]._atta_paper_lang(self.partner_id)
        request = self.with_context(lang=lang)
        return (
            request.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "atta_research.report_decision_letter_document",
                {
                    "o": request,
                    "decision": decision.with_context(lang=lang),
                    "letter": letter,
                    "addressee": addressee or self.beneficiary_id.name,
                    "atta_lines": request.env["ir.actions.report"]._atta_paper_lines,
                },
            )
        )

    @api.model
    def _write_decision_letter_texts(self, letters):
        """Write again, under their seal, the text of issued decision letters from the decisions they announced.

        For letters issued before their text was kept, and for a demo's letters once its company has moved to
        its country's currency. The n-th approval or refusal of a request is its n-th letter. Returns how many
        letters were written.
        """
        body_field = self.env["atta.letter"]._fields["body"]
        written = 0
        for request in self.browse(sorted(set(letters.filtered("res_id").mapped("res_id")))).exists():
            decisions = self.env["atta.committee.decision"].search(
                [("request_id", "=", request.id), ("result", "in", ("approved", "rejected"))], order="id"
            )
            issued = self.env["atta.letter"].search(
                [("res_model", "=", self._name), ("res_id", "=", request.id)], order="id"
            )
            for letter, decision in zip(issued, decisions, strict=False):
                if letter not in letters:
                    continue
                text = request._decision_letter_text(decision, letter, addressee=letter.correspondent)
                body = body_field.convert_to_column(text, letter)
                # Issued letters refuse every write of the ORM, whoever writes.
                self.env.cr.execute(SQL("UPDATE atta_letter SET body = %s WHERE id = %s", body, letter.id))
                written += 1
        self.env["atta.letter"].invalidate_model(["body"])
        return written

    def _appeal(self, reason):
        """A rejection is reviewed again by the committee, with its own deadline, in another session [S4]."""
        self._check_role(self.env._("record an appeal"))
        self._check_state(("rejected",))
        if not (reason or "").strip():
            raise UserError(self.env._("Write the grounds of the appeal."))
        for request in self:
            problem = request._appeal_window_problem()
            if problem:
                raise UserError(problem)
        for request in self:
            request._step_write(
                {
                    "state": "committee",
                    "appeal_reason": reason,
                    # The refusing session may not hear its own appeal (see committee_decision._check_agenda).
                    "appeal_refused_session_id": request.decision_session_id.id,
                    "decision_reason": False,
                    "decision_date": False,
                    "decision_session_id": False,
                    "appeal_count": request.appeal_count + 1,
                }
            )
        self._start_deadline()
        return True

    def _appeal_window_problem(self):
        """Why the refusal can no longer be appealed, or None while the appeal window is open."""
        self.ensure_one()
        if self.appeal_until and fields.Date.context_today(self) > self.appeal_until:
            return self.env._(
                "The period to appeal this decision ended on %(hijri)s (%(date)s): a refusal may be appealed "
                "within %(days)s days of the decision. You may apply again, or contact the association.",
                hijri=hijri_date_string(self.appeal_until, self.env.lang or "en_US"),
                date=self.appeal_until,
                days=self.company_id.atta_appeal_window_days,
            )
        return None

    def _appeal_from_applicant(self, raw_reason):
        """The applicant appeals from their tracking link; returns the problem to show, or None.

        Called by the public route on the one request whose token it checked, in superuser mode: the
        applicant holds no right on requests. Nothing changes unless every check passes.
        """
        self.ensure_one()
        if self.state != "rejected":
            return self.env._("This request is not refused: there is nothing to appeal.")
        problem = self._appeal_window_problem()
        if problem:
            return problem
        reason = form_text({"reason": raw_reason}, "reason", 2000, newlines=True)
        if reason is None:
            return self.env._("Write the grounds of your appeal in plain text, up to 2,000 characters.")
        if len(reason) < 10:
            return self.env._("Write the grounds of your appeal: what changed, or what the committee did not know.")
        self._appeal(reason)
        self.message_post(
            body=self.env._("The applicant appealed the refusal from the tracking link."),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return None

    def _check_delivery_complete(self):
        for request in self.filtered(lambda r: r.state == "approved"):
            done = request.delivery_ids.filtered(lambda d: d.state == "done")
            if done and request.delivered_amount >= request.approved_amount:
                request._step_write({"state": "delivered"})
                # By SMS, each hand-over was told when it was confirmed; the mail closes the service.
                request._atta_notify("atta_research.mail_template_request_delivered")

    def action_close(self):
        self._check_role(self.env._("close a request"))
        self._check_state(("delivered",))
        for request in self:
            if not (request.follow_up_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the follow-up of %(number)s (how the beneficiary is doing after the service) "
                        "before closing it.",
                        number=request.name,
                    )
                )
        self._step_write({"state": "closed"})
        return True

    def _cancel(self, reason):
        self._check_role(self.env._("cancel a request"))
        self._check_state(("draft",) + RUNNING_STATES + ("needs_info",))
        self._check_not_on_open_agenda()
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the request is cancelled."))
        self._step_write({"state": "cancelled", "cancel_reason": reason})
        return True

    def action_open_wizard(self):
        """Buttons that need a reason or a note open the same small wizard."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "atta.request.action.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id, "default_action": self.env.context.get("atta_wizard_action")},
        }

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("atta_research.research_visit_action")
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {
            "default_request_id": self.id,
            "default_researcher_id": self.researcher_id.id or self.env.uid,
        }
        return action

    def action_open_policy_clause(self):
        """The support policy guide's clause for this request's support, opened where the officer works [S6.3]."""
        self.ensure_one()
        return self.support_type_id.action_open_policy_clause()

    def action_print_decision_letter(self):
        self.ensure_one()
        if self.state not in DECIDED_STATES:
            raise UserError(self.env._("There is no decision to print yet."))
        return self.env.ref("atta_research.action_report_decision_letter").report_action(self)

    # ---------------------------------------------------------------- messages to the applicant
    def _atta_tracking_url(self):
        """The private link the applicant follows the request with, without an account [S3.4]."""
        self.ensure_one()
        # Superuser mode: the link's token is created on first use, whoever's step sends the message.
        return self.get_base_url() + self.sudo().get_portal_url()

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Decision %(number)s", number=self.name)

    # ---------------------------------------------------------------- crons
    @api.model
    def _cron_watch_deadlines(self, batch_size=200):
        """Remind before the deadline; escalate once when it passes and tell the applicant honestly."""
        today = fields.Date.context_today(self)
        remind_until = self.browse()._add_working_days(today, self.env.company.atta_reminder_days or 2)
        return watch_deadlines(
            self,
            [("state", "in", RUNNING_STATES)],
            ("deadline_reminded", "overdue_escalated"),
            remind_until,
            batch_size,
        )

    def _remind_deadline(self):
        self.ensure_one()
        user = self._responsible_user()
        mine = in_lang_of(self, user)
        mine.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            date_deadline=self.deadline,
            summary=mine.env._("Decision due on %(date)s: %(number)s", date=self.deadline, number=self.name),
        )
        self.deadline_reminded = True

    def _escalate_overdue(self):
        self.ensure_one()
        user = self.env["res.users"]._atta_manager() or self._responsible_user()
        theirs = in_lang_of(self, user)
        theirs.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            summary=theirs.env._("Overdue: %(number)s passed its decision deadline", number=self.name),
            note=theirs.env._("The applicant was promised a decision by %(date)s.", date=self.deadline),
        )
        self.overdue_escalated = True
        self._atta_notify("atta_research.mail_template_request_overdue", "atta_research.sms_template_request_overdue")

    def _responsible_user(self):
        if self.state == "research" and self.researcher_id:
            return self.researcher_id
        if self.state == "committee" and self.committee_id.chair_id:
            return self.committee_id.chair_id
        return self.user_id or self.env.user

    @api.constrains("researcher_id")
    def _check_researcher(self):
        group = self.env.ref(RESEARCHER)
        for request in self:
            if request.researcher_id and group not in request.researcher_id.all_group_ids:
                raise ValidationError(
                    self.env._("%(user)s is not a social researcher.", user=request.researcher_id.name)
                )

    def _atta_audit_reference(self):
        return self.name

    def _atta_anonymize(self):
        """Retention of a closed request: numbers, amounts, dates and the decision stay; texts and files go."""
        beneficiaries = self.env["atta.beneficiary"]
        erasing = self.sudo().with_context(atta_erasing=True, tracking_disable=True, mail_notrack=True)
        visits = erasing.env["atta.research.visit"].search([("request_id", "in", self.ids)])
        decisions = erasing.env["atta.committee.decision"].search([("request_id", "in", self.ids)])
        beneficiaries._atta_wipe_traces(erasing, visits)
        erasing.attachment_ids.unlink()
        erasing.write(
            {
                "description": False,
                "needs_info_note": False,
                "verification_override_reason": False,
                "decision_reason": False,
                "appeal_reason": False,
                "follow_up_note": False,
                "cancel_reason": False,
                "anonymized_on": fields.Datetime.now(),
            }
        )
        visits.write({"findings": False, "recommendation_note": False, "attachment_ids": [Command.clear()]})
        visits.line_ids.write({"description": False})
        decisions.write({"reasons": False})
        decisions.vote_ids.write({"comment": False})
        # The letters keep their number, date and subject; their text holds the decision's grounds.
        erasing.env["atta.letter"].search([("res_model", "=", self._name), ("res_id", "in", self.ids)]).write(
            {"body": False}
        )
