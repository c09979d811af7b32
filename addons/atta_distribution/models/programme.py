from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.atta_beneficiary.tools import run_batches

PROGRAMME_KINDS = [("cash", "Cash"), ("in_kind", "In kind")]
FREQUENCIES = [("monthly", "Monthly"), ("once", "Once (seasonal basket, one-off kit)")]
SCALES = [("family", "Per family"), ("member", "Per household member")]


class AttaProgramme(models.Model):
    """Aid decided once by the committee and given in rounds [S7.5, S7.7]: an allowance, a basket, a kit."""

    _name = "atta.programme"
    _description = "Aid Programme"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(PROGRAMME_KINDS, required=True, default="cash", tracking=True)
    frequency = fields.Selection(FREQUENCIES, required=True, default="monthly", tracking=True)
    fund_id = fields.Many2one(
        "atta.fund",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="Cash is paid from this fund's bank journal; in-kind aid is reported under it.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True, help="Cash per family, or per household member when scaled.")
    scale = fields.Selection(SCALES, required=True, default="family", tracking=True)
    kit_line_ids = fields.One2many("atta.programme.kit.line", "programme_id", string="Kit", copy=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        tracking=True,
        default=lambda self: self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1),
        help="In-kind aid leaves from this warehouse.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(tracking=True, help="No round of this programme after this date.")
    next_round_date = fields.Date(tracking=True, help="The date of the next monthly round the scheduler prepares.")
    category_ids = fields.Many2many(
        "atta.beneficiary.category",
        string="Eligible Categories",
        help="Only families of these categories may be enrolled; empty: every category.",
    )
    document_type_ids = fields.Many2many(
        "atta.document.type",
        string="Documents Checked at Each Round",
        help="Besides the documents required for registration, these must be verified and unexpired on the date "
        "of each round, or the family is skipped for that round.",
    )
    active = fields.Boolean(default=True)
    enrolment_ids = fields.One2many("atta.enrolment", "programme_id", string="Enrolments")
    # As superuser: how many families and rounds a programme has is no secret to those who read the programme
    # (finance approvers, committee members), who read neither enrolments nor rounds themselves.
    enrolment_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    round_ids = fields.One2many("atta.distribution.round", "programme_id", string="Rounds")
    round_count = fields.Integer(compute="_compute_counts", compute_sudo=True)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "Amounts cannot be negative.")

    def _compute_counts(self):
        enrolments = dict(
            self.env["atta.enrolment"]._read_group(
                [("programme_id", "in", self.ids), ("state", "!=", "ended")], ["programme_id"], ["__count"]
            )
        )
        rounds = dict(
            self.env["atta.distribution.round"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.enrolment_count = enrolments.get(programme, 0)
            programme.round_count = rounds.get(programme, 0)

    @api.constrains("kind", "fund_id", "amount", "kit_line_ids", "date_start", "date_end", "company_id")
    def _check_content(self):
        for programme in self:
            if programme.kind == "cash" and (not programme.fund_id or programme.amount <= 0):
                raise ValidationError(
                    self.env._(
                        "“%(name)s” pays cash: choose the fund it is paid from and the amount per family.",
                        name=programme.name,
                    )
                )
            if programme.kind == "in_kind" and not programme.kit_line_ids:
                raise ValidationError(
                    self.env._("“%(name)s” gives aid in kind: list the products of its kit.", name=programme.name)
                )
            if programme.date_end and programme.date_end < programme.date_start:
                raise ValidationError(
                    self.env._("The programme “%(name)s” ends before it starts.", name=programme.name)
                )
            if programme.fund_id and programme.fund_id.company_id != programme.company_id:
                raise ValidationError(
                    self.env._("The fund of “%(name)s” belongs to another company.", name=programme.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("frequency", "monthly") == "monthly" and not vals.get("next_round_date"):
                vals["next_round_date"] = vals.get("date_start") or fields.Date.context_today(self)
        return super().create(vals_list)

    def _cash_amount(self, household_size):
        self.ensure_one()
        return self.amount * (household_size if self.scale == "member" else 1)

    def _kit_quantities(self, household_size):
        """[(product, quantity)] for a family of `household_size`."""
        self.ensure_one()
        return [
            (line.product_id, line.quantity * (household_size if line.per_member else 1)) for line in self.kit_line_ids
        ]

    def _required_document_types(self):
        self.ensure_one()
        required = self.env["atta.document.type"].search([("required_for_registration", "=", True)])
        return required | self.document_type_ids

    def action_view_enrolments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("atta_distribution.enrolment_action")
        action["domain"] = [("programme_id", "=", self.id)]
        return action

    def action_view_rounds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("atta_distribution.distribution_round_action")
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {"default_programme_id": self.id}
        return action

    # ---------------------------------------------------------------- cron
    @api.model
    def _cron_prepare_rounds(self):
        """Prepare each monthly round when its date comes, computed and waiting for a manager's approval.

        No round is made once the programme has ended or when no enrolment covers the date: the allowance
        stops after the enrolment's end date. Enrolments past their end date are ended first.
        """
        today = fields.Date.context_today(self)
        self.env["atta.enrolment"]._end_expired(today)
        due = self.search([("frequency", "=", "monthly"), ("next_round_date", "<=", today)])
        return run_batches(due, "_prepare_due_rounds")[0]

    def _prepare_due_rounds(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        Round = self.env["atta.distribution.round"]
        while self.next_round_date and self.next_round_date <= today:
            date = self.next_round_date
            if self.date_end and date > self.date_end:
                self.next_round_date = False
                break
            covered = self.env["atta.enrolment"].search_count(
                [
                    ("programme_id", "=", self.id),
                    ("state", "!=", "ended"),
                    ("date_start", "<=", date),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date),
                ],
                limit=1,
            )
            if covered and not Round.search_count([("programme_id", "=", self.id), ("date", "=", date)], limit=1):
                Round.create({"programme_id": self.id, "date": date})._compute_entitlements()
            self.next_round_date = date + relativedelta(months=1)
