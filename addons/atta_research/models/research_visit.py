from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.models.beneficiary import HOUSING_CONDITIONS, HOUSING_TENURES, HOUSING_TYPES
from odoo.addons.atta_beneficiary.tools import hijri_datetime_string

# Fields only researchers and the committee read: what the researcher saw in the home.
SENSITIVE = "atta_research.group_social_researcher,atta_research.group_committee_member"


class AttaResearchVisit(models.Model):
    """The social research of a request: the household as found, a transparent score, a recommendation."""

    _name = "atta.research.visit"
    _description = "Social Research"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "visit_date desc, id desc"
    _rec_name = "request_id"

    request_id = fields.Many2one("atta.support.request", required=True, ondelete="cascade", index=True)
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id", store=True, index=True)
    researcher_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True, index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    visit_type = fields.Selection(
        [("home", "Home visit"), ("office", "Interview at the association"), ("phone", "Phone research")],
        required=True, default="home", tracking=True)
    visit_date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    visit_date_hijri = fields.Char(compute="_compute_visit_date_hijri")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned", required=True, tracking=True)

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
        compute="_compute_money", store=True, help="Rent and debt instalments, deducted from the income.")
    per_capita_net_income = fields.Monetary(
        compute="_compute_money", store=True,
        help="(Monthly income − rent − debt instalments) ÷ household size.")

    findings = fields.Html(groups=SENSITIVE, help="What the researcher saw and heard.")
    attachment_ids = fields.Many2many("ir.attachment", string="Photos and Documents", groups=SENSITIVE)

    score = fields.Float(readonly=True, copy=False, tracking=True)
    score_line_ids = fields.One2many("atta.eligibility.score.line", "visit_id", string="How the Score Was Reached",
                                     readonly=True, copy=False)
    recommendation = fields.Selection([("approve", "Approve"), ("reject", "Reject")], tracking=True)
    recommended_amount = fields.Monetary(tracking=True)
    recommendation_note = fields.Text(string="Grounds of the Recommendation")

    @api.depends("visit_date")
    @api.depends_context("lang", "tz")
    def _compute_visit_date_hijri(self):
        for visit in self:
            visit.visit_date_hijri = hijri_datetime_string(visit, visit.visit_date, self.env.lang or "en_US")

    @api.depends("line_ids.amount", "line_ids.kind", "line_ids.line_type", "household_size")
    def _compute_money(self):
        for visit in self:
            income = sum(visit.line_ids.filtered(lambda l: l.kind == "income").mapped("amount"))
            deducted = sum(visit.line_ids.filtered(
                lambda l: l.kind == "expense" and l.line_type in ("rent", "debt")).mapped("amount"))
            visit.monthly_income = income
            visit.deducted_expenses = deducted
            visit.per_capita_net_income = max(income - deducted, 0.0) / max(visit.household_size, 1)

    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["atta.support.request"]
        for vals in vals_list:
            if vals.get("request_id") and "line_ids" not in vals:
                vals.update(self._snapshot_vals(requests.browse(vals["request_id"]).beneficiary_id))
        return super().create(vals_list)

    @api.model
    def _snapshot_vals(self, beneficiary):
        """The beneficiary file as it stands, for the researcher to check in the home."""
        members = beneficiary.family_member_ids.filtered("lives_with_beneficiary")
        lines = [(0, 0, {"kind": "income", "line_type": line.income_type, "amount": line.amount,
                         "description": line.description}) for line in beneficiary.income_line_ids]
        lines += [(0, 0, {"kind": "income", "line_type": "member", "amount": member.monthly_income,
                          "description": member.name}) for member in members if member.monthly_income]
        lines += [(0, 0, {"kind": "expense", "line_type": line.expense_type, "amount": line.amount,
                          "description": line.description}) for line in beneficiary.expense_line_ids]
        return {
            "household_size": beneficiary.household_size,
            "disabled_members": len(members.filtered(lambda m: m.health_status in ("disability", "chronic"))),
            "category_ids": [(6, 0, beneficiary.category_ids.ids)],
            "housing_type": beneficiary.housing_type,
            "housing_tenure": beneficiary.housing_tenure,
            "housing_condition": beneficiary.housing_condition,
            "line_ids": lines,
        }

    def action_compute_score(self):
        """Score the household with the configured rules and keep every line of the reckoning."""
        rules = self.env["atta.eligibility.rule"].search([("active", "=", True)])
        for visit in self:
            lines = visit._score_lines(rules)
            visit.score_line_ids = [(5, 0, 0)] + [(0, 0, line) for line in lines]
            visit.score = round(sum(line["points"] for line in lines), 2)
        return True

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
                    "the way below it.", income=currency.format(self.per_capita_net_income),
                    line=currency.format(threshold), share=round(share * 100))
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

    def action_done(self):
        for visit in self:
            if not visit.recommendation:
                raise UserError(self.env._("Write the recommendation (approve or reject) before completing the research."))
            if visit.recommendation == "approve" and visit.request_id.support_type_id.kind == "cash" \
                    and not visit.recommended_amount:
                raise UserError(self.env._("Write the amount recommended for this cash support."))
        self.action_compute_score()
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self.write({"state": "planned"})
        return True
