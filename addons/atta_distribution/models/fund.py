from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

FUND_KINDS = [
    ("zakat", "Zakat"),
    ("general", "General donations"),
    ("restricted", "Restricted donation"),
]


class AttaFund(models.Model):
    """Money that may not be mixed: each fund pays from its own bank journal, under its analytic account."""

    _name = "atta.fund"
    _description = "Fund"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(FUND_KINDS, required=True, default="general", tracking=True)
    purpose = fields.Text(
        translate=True,
        tracking=True,
        help="For a restricted donation, what the donor gave it for: only programmes serving this purpose pay from it.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank Journal",
        required=True,
        tracking=True,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="The fund's own bank account: its payments leave from here and its balance is this journal's.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id", compute_sudo=True)
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        tracking=True,
        help="Every payment of the fund is tagged with it, so that the accounting reports show the fund apart.",
    )
    active = fields.Boolean(default=True)
    liquidity_account_ids = fields.Many2many(
        "account.account",
        "atta_fund_liquidity_account_rel",
        "fund_id",
        "account_id",
        string="Liquidity Accounts",
        compute="_compute_liquidity_account_ids",
        store=True,
        compute_sudo=True,
        help="The bank account of the journal and its outstanding receipts and payments accounts.",
    )
    balance = fields.Monetary(
        compute="_compute_balance",
        help="Posted entries of the fund's bank journal on its bank and outstanding "
        "accounts: what the fund still holds.",
    )
    programme_ids = fields.One2many("atta.programme", "fund_id", string="Programmes")
    aid_account_id = fields.Many2one(
        "account.account",
        string="Cash Aid Account",
        tracking=True,
        check_company=True,
        default=lambda self: self.env.company.atta_cash_aid_account_id,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="The expense account the fund's cash aid is booked on: payments to families post against it, so the "
        "profit and loss shows the aid, by fund through the analytic account.",
    )
    in_kind_account_id = fields.Many2one(
        "account.account",
        string="In-kind Aid Account",
        tracking=True,
        check_company=True,
        default=lambda self: self.env.company.atta_in_kind_aid_account_id,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="The expense account the products handed over are booked on, at their stock cost.",
    )
    allowed_programme_ids = fields.Many2many(
        "atta.programme",
        "atta_fund_allowed_programme_rel",
        "fund_id",
        "programme_id",
        string="Programmes It May Pay",
        help="A restricted donation pays only the programmes named here; anything else is refused.",
    )
    allowed_support_type_ids = fields.Many2many(
        "atta.support.type",
        string="Support Types It May Pay",
        help="A restricted donation pays only one-off support of the types named here.",
    )
    committed = fields.Monetary(
        compute="_compute_balance",
        help="Cash of approved rounds whose payment batches are not yet signed twice.",
    )
    free_balance = fields.Monetary(compute="_compute_balance", help="What the fund holds less what it committed.")
    has_money = fields.Boolean(compute="_compute_balance")

    _journal_unique = models.Constraint(
        "UNIQUE(journal_id)", "Another fund already pays from this bank journal: funds may not be mixed."
    )

    @api.depends("journal_id.currency_id", "company_id.currency_id")
    def _compute_currency_id(self):
        for fund in self:
            fund.currency_id = fund.journal_id.currency_id or fund.company_id.currency_id

    @api.depends(
        "journal_id.default_account_id",
        "journal_id.inbound_payment_method_line_ids.payment_account_id",
        "journal_id.outbound_payment_method_line_ids.payment_account_id",
    )
    def _compute_liquidity_account_ids(self):
        for fund in self:
            fund.liquidity_account_ids = fund._liquidity_accounts() if fund.journal_id else False

    def _compute_balance(self):
        balances = self._balances()
        committed = self._committed()
        for fund in self:
            fund.balance = balances.get(fund.id, 0.0)
            fund.committed = committed.get(fund.id, 0.0)
            fund.free_balance = fund.balance - fund.committed
            fund.has_money = not fund.currency_id.is_zero(fund.balance)

    @api.constrains("kind", "purpose")
    def _check_purpose(self):
        for fund in self:
            if fund.kind == "restricted" and not (fund.purpose or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write the purpose of the restricted donation “%(fund)s”: only that purpose may be paid "
                        "from it.",
                        fund=fund.name,
                    )
                )

    @api.constrains("kind", "allowed_programme_ids", "allowed_support_type_ids")
    def _check_restricted_programmes(self):
        for fund in self.filtered(lambda f: f.kind == "restricted"):
            if not fund.allowed_programme_ids and not fund.allowed_support_type_ids:
                raise ValidationError(
                    self.env._(
                        "Name the programmes or support types the restricted donation “%(fund)s” may pay: it pays "
                        "nothing else.",
                        fund=fund.name,
                    )
                )

    def _liquidity_accounts(self):
        """The accounts where the fund's money sits: the bank account and its outstanding accounts."""
        self.ensure_one()
        journal = self.journal_id.sudo()
        accounts = (
            journal.default_account_id
            | journal.inbound_payment_method_line_ids.payment_account_id
            | journal.outbound_payment_method_line_ids.payment_account_id
        )
        chart = self.env["account.chart.template"].sudo().with_company(journal.company_id)
        for xmlid in ("account_journal_payment_debit_account_id", "account_journal_payment_credit_account_id"):
            accounts |= chart.ref(xmlid, raise_if_not_found=False) or accounts.browse()
        return accounts | journal.company_id.transfer_account_id

    def _balances(self):
        """{fund id: balance} from posted journal items, in one query per fund at most."""
        result = {}
        # Superuser mode: the balance is a figure every role handling the fund sees, without accounting rights.
        lines = self.env["account.move.line"].sudo()
        for fund in self.filtered("journal_id"):
            groups = lines._read_group(
                [
                    ("journal_id", "=", fund.journal_id.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", fund.liquidity_account_ids.ids),
                ],
                [],
                ["balance:sum"],
            )
            result[fund.id] = groups[0][0] or 0.0
        return result

    def _committed(self, exclude_batch=None):
        """{fund id: cash of approved rounds waiting in batches not yet signed twice}, in one query."""
        domain = [
            ("fund_id", "in", self.ids),
            ("state", "=", "pending"),
            ("batch_id.state", "in", ("draft", "first_approved")),
        ]
        if exclude_batch:
            domain.append(("batch_id", "not in", exclude_batch.ids))
        # Superuser mode: the committed figure is shown to every role that sees the fund; nothing is changed.
        groups = self.env["atta.distribution.line"].sudo()._read_group(domain, ["fund_id"], ["amount:sum"])
        return {fund.id: amount for fund, amount in groups}

    def _statement_figures(self, date_from, date_to):
        """The fund's statement over [date_from, date_to): cash from the posted items of its bank journal, what it
        committed and reserved for rounds dated up to the end of the period and still waiting, in kind at stock cost,
        and the families reached. The books are the reference: opening and closing are the journal's balances.
        """
        self.ensure_one()
        # Superuser mode: the statement's figures are sums a manager or finance approver reads without accounting
        # or stock rights; the caller checked the role and the access to this fund.
        lines = self.env["account.move.line"].sudo()
        liquidity = Domain(
            [
                ("journal_id", "=", self.journal_id.id),
                ("parent_state", "=", "posted"),
                ("account_id", "in", self.liquidity_account_ids.ids),
            ]
        )
        ((opening,),) = lines._read_group(liquidity & Domain("date", "<", date_from), [], ["balance:sum"])
        month = liquidity & Domain("date", ">=", date_from) & Domain("date", "<", date_to)
        ((received,),) = lines._read_group(month & Domain("balance", ">", 0), [], ["balance:sum"])
        ((paid,),) = lines._read_group(month & Domain("balance", "<", 0), [], ["balance:sum"])
        opening, received, paid = opening or 0.0, received or 0.0, -(paid or 0.0)

        Line = self.env["atta.distribution.line"].sudo()
        waiting = Line.search(
            [("fund_id", "=", self.id), ("state", "=", "pending"), ("date", "<", date_to)],
        )
        cash_waiting = waiting.filtered(
            lambda line: line.kind == "cash" and line.batch_id.state in ("draft", "first_approved")
        )
        kits_waiting = waiting.filtered(lambda line: line.kind == "in_kind")
        reserved = sum(
            move.product_uom_qty * move.product_id.standard_price for move in kits_waiting.picking_id.move_ids
        )
        done = Domain([("fund_id", "=", self.id), ("state", "=", "done")])
        cash_done = Line.search(
            done & Domain("payment_id.date", ">=", date_from) & Domain("payment_id.date", "<", date_to)
        )
        # Handed over at a time: the day it falls on in the reader's time zone, found among a day's margin either side.
        margin = timedelta(days=1)
        kits_done = Line.search(
            done
            & Domain("handed_over_on", ">=", datetime.combine(date_from - margin, time.min))
            & Domain("handed_over_on", "<", datetime.combine(date_to + margin, time.min))
        ).filtered(
            lambda line: date_from <= fields.Datetime.context_timestamp(self, line.handed_over_on).date() < date_to
        )
        one_off = (
            self.env["atta.support.delivery"]
            .sudo()
            .search(
                [("fund_id", "=", self.id), ("state", "=", "done"), ("date", ">=", date_from), ("date", "<", date_to)]
            )
        )
        return {
            "opening": opening,
            "received": received,
            "committed": sum(cash_waiting.mapped("amount")),
            "reserved_in_kind": reserved,
            "paid": paid,
            "in_kind": sum(kits_done.mapped("in_kind_value")),
            "one_off": sum(one_off.mapped("amount")),
            "closing": opening + received - paid,
            "families": len(cash_done.beneficiary_id | kits_done.beneficiary_id | one_off.beneficiary_id),
        }

    def _programme_problem(self, programme=None, support_type=None):
        """Why this fund may not pay this programme or support type, or None [a restricted donation's purpose]."""
        self.ensure_one()
        if self.kind != "restricted":
            return None
        if programme and programme not in self.allowed_programme_ids:
            return self.env._(
                "The restricted donation “%(fund)s” may pay only %(allowed)s: not “%(programme)s”. Pay it from "
                "another fund, or record the donor's consent by naming the programme on the fund.",
                fund=self.name,
                allowed=", ".join(self.allowed_programme_ids.mapped("name")) or self.env._("no programme"),
                programme=programme.name,
            )
        if support_type and support_type not in self.allowed_support_type_ids:
            return self.env._(
                "The restricted donation “%(fund)s” may pay only %(allowed)s: not “%(type)s”. Pay it from another "
                "fund.",
                fund=self.name,
                allowed=", ".join(self.allowed_support_type_ids.mapped("name")) or self.env._("no support type"),
                type=support_type.name,
            )
        return None

    def _payment_problem(self, beneficiary):
        """Why this fund may not pay this family, or None [Zakat: the eight categories only]."""
        self.ensure_one()
        if self.kind == "zakat" and not beneficiary.category_ids.filtered("zakat_eligible"):
            return self.env._(
                "%(name)s is in no Zakat-eligible category (%(categories)s): Zakat may only reach the categories "
                "admitted by the Sharia board. Pay from another fund.",
                name=beneficiary.name,
                categories=", ".join(beneficiary.category_ids.mapped("name")) or self.env._("no category"),
            )
        return None

    def _check_balance(self, amount, exclude_batch=None):
        """Never beyond what the fund holds less what it already committed to batches not yet signed."""
        balances = self._balances()  # fresh from the journal, not the value cached on the record
        committed = self._committed(exclude_batch=exclude_batch)
        for fund in self:
            balance = balances.get(fund.id, 0.0)
            held = committed.get(fund.id, 0.0)
            free = balance - held
            if fund.currency_id.compare_amounts(amount, free) > 0:
                fmt = fund.currency_id.format
                raise UserError(
                    self.env._(
                        "%(fund)s cannot pay %(amount)s: it holds %(balance)s, of which %(committed)s is committed to "
                        "approved rounds not yet paid; free balance %(free)s. Wait for donations to reach the fund or "
                        "pay fewer families from it.",
                        fund=fund.name,
                        amount=fmt(amount),
                        balance=fmt(balance),
                        committed=fmt(held),
                        free=fmt(free),
                    )
                )
