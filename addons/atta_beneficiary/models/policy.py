from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hijri_date_string, in_lang_of


class AttaPolicy(models.Model):
    """A governing document of the association [S1, S6], kept with its versions."""

    _name = "atta.policy"
    _description = "Policy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(
        [
            ("bylaws", "Basic bylaws"),
            ("research_guide", "Social research services guide"),
            ("support_policy", "Beneficiary support policy guide"),
            ("request_form", "Support request form"),
            ("relations_policy", "Beneficiary relations policy"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    responsible_id = fields.Many2one(
        "res.users", tracking=True, domain=[("share", "=", False)], help="Reminded before the review falls due."
    )
    version_ids = fields.One2many("atta.policy.version", "policy_id", string="Versions")
    current_version_id = fields.Many2one(
        "atta.policy.version", string="Version in Force", compute="_compute_current_version", store=True
    )
    current_body = fields.Html(related="current_version_id.body", string="Text in Force")
    review_interval_months = fields.Integer(default=12, help="How often the board reviews this policy.")
    next_review_date = fields.Date(tracking=True)
    next_review_date_hijri = fields.Char(compute="_compute_next_review_date_hijri")
    review_notice_days = fields.Integer(
        default=30, help="How many days before the review date the responsible person is reminded."
    )
    review_reminded_for = fields.Date(
        readonly=True, copy=False, help="The review date for which the reminder was already sent."
    )
    acknowledged_by_me = fields.Boolean(compute="_compute_acknowledged_by_me")
    website_published = fields.Boolean(
        string="Published on the Website",
        tracking=True,
        help="The version in force is shown to everyone at /policies; drafts and superseded versions never are.",
    )
    active = fields.Boolean(default=True)

    @api.depends("version_ids.state", "version_ids.approval_date")
    def _compute_current_version(self):
        for policy in self:
            approved = policy.version_ids.filtered(lambda v: v.state == "approved")
            policy.current_version_id = approved.sorted(
                lambda v: (v.approval_date or fields.Date.to_date("1900-01-01"), v.id)
            )[-1:]

    @api.depends("next_review_date")
    @api.depends_context("lang")
    def _compute_next_review_date_hijri(self):
        for policy in self:
            policy.next_review_date_hijri = hijri_date_string(policy.next_review_date, self.env.lang or "en_US")

    @api.depends_context("uid")
    @api.depends("current_version_id.acknowledgement_ids")
    def _compute_acknowledged_by_me(self):
        for policy in self:
            policy.acknowledged_by_me = self.env.user in policy.current_version_id.acknowledgement_ids.user_id

    def action_acknowledge(self):
        self.current_version_id.action_acknowledge()
        return True

    def action_open_text_in_force(self):
        """Open the version in force, its text and clauses, from the record where the policy applies [S6]."""
        self.ensure_one()
        if not self.current_version_id:
            raise UserError(
                self.env._(
                    "“%(policy)s” has no version in force yet. A manager records its approved text in the "
                    "policy library (Beneficiary Relations → Policy Library).",
                    policy=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "atta.policy.version",
            "res_id": self.current_version_id.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _of_kind(self, kind):
        """The library's policy of a kind (the research guide, the support policy guide…)."""
        return self.search([("kind", "=", kind)], limit=1)

    def _clause_in_force(self, code):
        """The clause with this reference in the version in force; empty when there is none."""
        self.ensure_one()
        return self.current_version_id.clause_ids.filtered(lambda c: c.code == code)[:1]

    def _schedule_next_review(self, from_date):
        for policy in self:
            if policy.review_interval_months:
                policy.next_review_date = from_date + relativedelta(months=policy.review_interval_months)

    @api.model
    def _cron_remind_reviews(self):
        """Remind the responsible person once per review date, before it falls due [S1]."""
        today = fields.Date.context_today(self)
        # A handful of policies: filter in Python rather than compare two columns in a domain.
        due = self.search([("next_review_date", "!=", False)]).filtered(
            lambda p: (
                p.review_reminded_for != p.next_review_date
                and p.next_review_date - relativedelta(days=p.review_notice_days) <= today
            )
        )
        fallback = self.env["res.users"]._atta_manager()
        for policy in due:
            user = policy.responsible_id or fallback or self.env.ref("base.user_admin")
            theirs = in_lang_of(policy, user)
            policy.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=policy.next_review_date,
                user_id=user.id,
                summary=theirs.env._("Review due: %(policy)s", policy=theirs.name),
                note=theirs.env._(
                    "The policy is due for its periodic review on %(date)s (%(hijri)s). Review it, "
                    "have the amendments approved by the board and circulate the new version.",
                    date=policy.next_review_date,
                    hijri=theirs.next_review_date_hijri,
                ),
            )
            policy.review_reminded_for = policy.next_review_date
        return len(due)
