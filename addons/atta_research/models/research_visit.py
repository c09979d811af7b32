from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import format_date

from odoo.addons.atta_beneficiary.models.beneficiary import HOUSING_CONDITIONS, HOUSING_TENURES, HOUSING_TYPES
from odoo.addons.atta_beneficiary.tools import (
    check_parent_change,
    check_roles,
    hijri_date_string,
    hijri_datetime_string,
    refuse_step_fields,
    values_with_context_defaults,
)
from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER

# Fields only researchers and the committee read: what the researcher saw in the home.
SENSITIVE = f"{RESEARCHER},{COMMITTEE_MEMBER}"
# The household as found starts from the file: a new report takes its snapshot, never typed values.
SNAPSHOT_FIELDS = {
    "household_size",
    "disabled_members",
    "category_ids",
    "housing_type",
    "housing_tenure",
    "housing_condition",
    "line_ids",
}
# Written only by the steps of the report (compute the score, complete, cancel, reopen).
STEP_FIELDS = {"state", "score", "score_line_ids", "request_id", "beneficiary_id", "company_id"}
# A completed report is the basis of the committee's decision: nothing of it changes afterwards.
RESEARCH_FIELDS = SNAPSHOT_FIELDS | {
    "findings",
    "attachment_ids",
    "recommendation",
    "recommended_amount",
    "recommendation_note",
    "visit_type",
    "visit_date",
    "researcher_id",
}


class AttaResearchVisit(models.Model):
    """The social research of a request: the household as found, a transparent score, a recommendation."""

    _name = "atta.research.visit"
    _description = "Social Research"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "atta.audit.mixin",
        "atta.volunteer.restricted.mixin",
        "atta.notify.mixin",
    ]
    _order = "visit_date desc, id desc"
    _rec_name = "request_id"
    # A volunteer helping with the visit reads when, what kind and with whom; nothing of the household.
    _atta_volunteer_fields = frozenset(
        {"id", "display_name", "request_id", "researcher_id", "visit_type", "visit_date", "visit_date_hijri", "state"}
    )

    request_id = fields.Many2one("atta.support.request", required=True, ondelete="cascade", index=True)
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id", store=True, index=True)
    researcher_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True, index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    visit_type = fields.Selection(
        [("home", "Home visit"), ("office", "Interview at the association"), ("phone", "Phone research")],
        required=True,
        default="home",
        tracking=True,
    )
    visit_date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    visit_date_hijri = fields.Char(compute="_compute_visit_date_hijri")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )

    # The household as found at the visit: copied from the file, then corrected by the researcher.
    household_size = fields.Integer(default=1)
    disabled_members = fields.Integer(string="Members with Disability or Chronic Illness")
    category_ids = fields.Many2many("atta.beneficiary.category", string="Categories")
    housing_type = fields.Selection(HOUSING_TYPES)
    housing_tenure = fields.Selection(HOUSING_TENURES)
    housing_condition = fields.Selection(HOUSING_CONDITIONS)
    line_ids = fields.One2many("atta.research.visit.line", "visit_id", string="Income and Expenses", copy=True)
    monthly_income = fields.Monetary(compute="_compute_money", store=True)
    deducted_expenses = fields.Monetary(
        compute="_compute_money", store=True, help="Rent and debt instalments, deducted from the income."
    )
    per_capita_net_income = fields.Monetary(
        compute="_compute_money", store=True, help="(Monthly income − rent − debt instalments) ÷ household size."
    )

    findings = fields.Html(groups=SENSITIVE, help="What the researcher saw and heard.")
    attachment_ids = fields.Many2many("ir.attachment", string="Photos and Documents", groups=SENSITIVE)

    score = fields.Float(readonly=True, copy=False, tracking=True)
    score_line_ids = fields.One2many(
        "atta.eligibility.score.line", "visit_id", string="How the Score Was Reached", readonly=True, copy=False
    )
    recommendation = fields.Selection([("approve", "Approve"), ("reject", "Reject")], tracking=True)
    recommended_amount = fields.Monetary(tracking=True)
    recommendation_note = fields.Text(string="Grounds of the Recommendation")
    volunteer_task_ids = fields.One2many("atta.volunteer.task", "visit_id", string="Volunteers", groups=OFFICER)

    @api.depends("visit_date")
    @api.depends_context("lang", "tz")
    def _compute_visit_date_hijri(self):
        for visit in self:
            visit.visit_date_hijri = hijri_datetime_string(visit, visit.visit_date, self.env.lang or "en_US")

    @api.depends("line_ids.amount", "line_ids.kind", "line_ids.line_type", "household_size")
    def _compute_money(self):
        for visit in self:
            income = sum(visit.line_ids.filtered(lambda line: line.kind == "income").mapped("amount"))
            deducted = sum(
                visit.line_ids.filtered(
                    lambda line: line.kind == "expense" and line.line_type in ("rent", "debt")
                ).mapped("amount")
            )
            visit.monthly_income = income
            visit.deducted_expenses = deducted
            visit.per_capita_net_income = max(income - deducted, 0.0) / max(visit.household_size, 1)

    def onchange(self, values, field_names, fields_spec):
        # The form fills in the household of the request it is sent (related fields, superuser mode): the
        # request must be one the user reads, as it must be on saving.
        request_id = values.get("request_id")
        if isinstance(request_id, dict):
            request_id = request_id.get("id")
        if request_id and not self.env.su:
            self.env["atta.support.request"].browse(request_id).check_access("read")
        return super().onchange(values, field_names, fields_spec)

    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["atta.support.request"]
        for vals in vals_list:
            if not self.env.su:
                typed = {name for name in SNAPSHOT_FIELDS & set(vals) if vals[name]}
                if typed:
                    raise UserError(
                        self.env._(
                            "A research report starts from the household as recorded on the file: save the report "
                            "first, then correct what you found in the home (%(fields)s).",
                            fields=", ".join(
                                self._fields[name]._description_string(self.env) for name in sorted(typed)
                            ),
                        )
                    )
                # The request is checked below (the researcher's own), given or opened from the request's visits.
                refuse_step_fields(
                    self.with_context(default_request_id=None),
                    {k: v for k, v in vals.items() if k != "request_id"},
                    STEP_FIELDS,
                    creating=True,
                )
                # The request opened from its visits comes as a default of the context: checked as a value.
                vals.update(values_with_context_defaults(self, vals, ("request_id",)))
                request = requests.browse(vals.get("request_id"))
                self._check_may_research(request)
                vals.setdefault("researcher_id", self.env.uid)
                if vals["researcher_id"] != self.env.uid and not self.env.user.has_group(MANAGER):
                    raise AccessError(self.env._("A researcher writes their own research reports only."))
            if vals.get("request_id") and "line_ids" not in vals:
                # Superuser mode to read the whole household, which the researcher may see once assigned.
                vals.update(self._snapshot_vals(requests.sudo().browse(vals["request_id"]).beneficiary_id))
        visits = super().create(vals_list)
        visits._atta_tell_appointment()
        return visits

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, {k: v for k, v in vals.items() if k != "request_id"}, STEP_FIELDS)
            check_parent_change(self, vals, "request_id", lambda v: False)
            if set(vals) & RESEARCH_FIELDS:
                for visit in self:
                    if visit.state != "planned":
                        raise UserError(
                            self.env._(
                                "The research report of %(number)s is completed or cancelled and cannot be changed. A "
                                "manager may reopen it while the request is still in research.",
                                number=visit.request_id.name,
                            )
                        )
                    visit._check_may_research(visit.request_id)
        result = super().write(vals)
        if {"visit_date", "visit_type"} & set(vals):
            self._atta_tell_appointment()
        return result

    @api.model
    def _check_may_research(self, request):
        """Only the researcher assigned to a request in research writes its report (or a manager)."""
        if self.env.su:
            return
        if not request or request.state != "research":
            raise UserError(self.env._("A research report is written while its request is in social research."))
        if request.researcher_id != self.env.user and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "%(number)s is assigned to another researcher: only they write its research report.",
                    number=request.name,
                )
            )

    @api.model
    def _snapshot_vals(self, beneficiary):
        """The beneficiary file as it stands, for the researcher to check in the home."""
        members = beneficiary.family_member_ids.filtered("lives_with_beneficiary")
        lines = [
            Command.create(
                {
                    "kind": "income",
                    "line_type": line.income_type,
                    "amount": line.amount,
                    "description": line.description,
                }
            )
            for line in beneficiary.income_line_ids
        ]
        lines += [
            Command.create(
                {"kind": "income", "line_type": "member", "amount": member.monthly_income, "description": member.name}
            )
            for member in members
            if member.monthly_income
        ]
        lines += [
            Command.create(
                {
                    "kind": "expense",
                    "line_type": line.expense_type,
                    "amount": line.amount,
                    "description": line.description,
                }
            )
            for line in beneficiary.expense_line_ids
        ]
        return {
            "household_size": beneficiary.household_size,
            "disabled_members": len(members.filtered(lambda m: m.health_status in ("disability", "chronic"))),
            "category_ids": [Command.set(beneficiary.category_ids.ids)],
            "housing_type": beneficiary.housing_type,
            "housing_tenure": beneficiary.housing_tenure,
            "housing_condition": beneficiary.housing_condition,
            "line_ids": lines,
        }

    def action_compute_score(self):
        """Score the household with the configured rules and keep every line of the reckoning."""
        for visit in self:
            if visit.state != "planned":
                raise UserError(self.env._("The score of a completed research report is final."))
            visit._check_may_research(visit.request_id)
        self._compute_score()
        return True

    def _compute_score(self):
        rules = self.env["atta.eligibility.rule"].search([("active", "=", True)])
        for visit in self:
            lines = visit._score_lines(rules)
            # Superuser mode: the score and its lines are the rules' result, never typed.
            visit.sudo().write(
                {
                    "score_line_ids": [Command.clear()] + [Command.create(line) for line in lines],
                    "score": round(sum(line["points"] for line in lines), 2),
                }
            )

    def _score_lines(self, rules):
        self.ensure_one()
        threshold = self.company_id.atta_sufficiency_threshold or self.env.company.atta_sufficiency_threshold
        currency = self.currency_id or self.env.company.currency_id
        lines = []
        for rule in rules:
            points, detail = 0.0, ""
            if rule.rule_type == "income":
                share = max(0.0, 1 - self.per_capita_net_income / threshold) if threshold else 0.0
                points = rule.points * share
                detail = self.env._(
                    "Net income per person %(income)s against the sufficiency line %(line)s: %(share)s%% of "
                    "the way below it.",
                    income=currency.format(self.per_capita_net_income),
                    line=currency.format(threshold),
                    share=round(share * 100),
                )
            elif rule.rule_type == "category" and rule.category_id in self.category_ids:
                points = rule.points
                detail = self.env._("The household is in the category “%(category)s”.", category=rule.category_id.name)
            elif rule.rule_type == "no_income" and not self.monthly_income:
                points = rule.points
                detail = self.env._("The household has no income at all.")
            elif rule.rule_type == "disability" and self.disabled_members:
                counted = min(self.disabled_members, rule.max_count or self.disabled_members)
                points = rule.points * counted
                detail = self.env._("%(count)s member(s) with a disability or chronic illness.", count=counted)
            elif rule.rule_type == "housing" and self.housing_condition in ("poor", "unfit"):
                points = rule.points
                detail = self.env._("The housing is poor or unfit to live in.")
            if points:
                lines.append({"rule_id": rule.id, "name": rule.name, "detail": detail, "points": round(points, 2)})
        return lines

    def _atta_notify_thread(self):
        """The appointment is logged on the request, where the applicant's messages are followed."""
        return self.request_id

    def _atta_tell_appointment(self):
        """A home visit or an interview set or moved: the applicant is told the day and the hour [S3.4]."""
        now = fields.Datetime.now()
        self.filtered(
            lambda v: v.state == "planned" and v.visit_type in ("home", "office") and v.visit_date > now
        )._atta_notify("atta_research.mail_template_visit_appointment", "atta_research.sms_template_visit_appointment")

    def _atta_appointment_text(self):
        """The day in both calendars and the hour, association time: '11 Rajab 1448 AH (12/20/2026), 10:00'."""
        self.ensure_one()
        tz = self.request_id._calendar().tz or "Asia/Riyadh"
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.visit_date)
        day = local.date()
        hijri = hijri_date_string(day, self.env.lang or "en_US")
        return f"{hijri} ({format_date(self.env, day)}), {local.strftime('%H:%M')}"

    def action_done(self):
        for visit in self:
            if visit.state != "planned":
                raise UserError(self.env._("Only a planned research report can be completed."))
            visit._check_may_research(visit.request_id)
            if not visit.recommendation:
                raise UserError(
                    self.env._("Write the recommendation (approve or reject) before completing the research.")
                )
            if (
                visit.recommendation == "approve"
                and visit.request_id.support_type_id.kind == "cash"
                and not visit.recommended_amount
            ):
                raise UserError(self.env._("Write the amount recommended for this cash support."))
        self._compute_score()
        self.sudo().write({"state": "done"})
        return True

    def action_cancel(self):
        for visit in self:
            if visit.state != "planned":
                raise UserError(self.env._("Only a planned research report can be cancelled."))
            visit._check_may_research(visit.request_id)
        self.sudo().write({"state": "cancelled"})
        return True

    def action_open_research_guide(self):
        """The social research services guide in force — its checklist — beside the report [S6.2]."""
        self.ensure_one()
        guide = self.env["atta.policy"]._of_kind("research_guide")
        if not guide:
            raise UserError(
                self.env._(
                    "The policy library holds no social research services guide. A manager adds it, with its "
                    "approved text, under Policy Library."
                )
            )
        return guide.action_open_text_in_force()

    def action_reset(self):
        """A manager reopens a report while its request is still in research."""
        check_roles(self, (MANAGER,), self.env._("reopen a research report"))
        for visit in self:
            if visit.request_id.state != "research":
                raise UserError(
                    self.env._(
                        "%(number)s has left social research: its report can no longer be reopened.",
                        number=visit.request_id.name,
                    )
                )
        self.sudo().write({"state": "planned"})
        return True
