from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import clean_context

from odoo.addons.atta_beneficiary.tools import check_roles, hijri_date_string, number_new_records, refuse_step_fields
from odoo.addons.atta_beneficiary.tools.roles import MANAGER, OFFICER

from ..tools import saudi_iban_problem

ROUND_STATES = [
    ("draft", "Draft"),
    ("computed", "Entitlements computed"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
STEP_FIELDS = {"name", "state", "approved_by_id", "approved_on", "batch_id"}


class AttaDistributionRound(models.Model):
    """One distribution of a programme on a date: who is entitled, who is skipped and why [S7.7]."""

    _name = "atta.distribution.round"
    _description = "Distribution Round"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    title = fields.Char(help="For example “Ramadan 1448 basket” or “Allowance Shawwal 1448”.")
    programme_id = fields.Many2one("atta.programme", required=True, index=True, tracking=True, ondelete="restrict")
    kind = fields.Selection(related="programme_id.kind")
    fund_id = fields.Many2one(related="programme_id.fund_id", store=True, index=True)
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    state = fields.Selection(ROUND_STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    line_ids = fields.One2many("atta.distribution.line", "round_id", string="Families")
    entitled_count = fields.Integer(compute="_compute_figures", string="Entitled")
    skipped_count = fields.Integer(compute="_compute_figures", string="Skipped")
    total_amount = fields.Monetary(compute="_compute_figures", string="Total Cash")
    shortage = fields.Html(
        compute="_compute_shortage",
        sanitize=True,
        help="What the warehouse lacks to serve every entitled family, per product.",
    )
    has_shortage = fields.Boolean(compute="_compute_shortage")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    batch_id = fields.Many2one("atta.payment.batch", string="Payment Batch", readonly=True, copy=False)

    _programme_date_unique = models.Constraint(
        "UNIQUE(programme_id, date)", "This programme already has a round on this date."
    )

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for round_ in self:
            round_.date_hijri = hijri_date_string(round_.date, self.env.lang or "en_US")

    @api.depends("line_ids.state", "line_ids.amount")
    def _compute_figures(self):
        for round_ in self:
            served = round_.line_ids.filtered(lambda line: line.state != "skipped")
            round_.entitled_count = len(served)
            round_.skipped_count = len(round_.line_ids) - len(served)
            round_.total_amount = sum(served.mapped("amount"))

    @api.depends("line_ids.state", "line_ids.household_size", "programme_id.kit_line_ids", "state")
    def _compute_shortage(self):
        for round_ in self:
            missing = round_._shortages() if round_.kind == "in_kind" and round_.state in ("draft", "computed") else []
            round_.has_shortage = bool(missing)
            if not missing:
                round_.shortage = False
                continue
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (product.display_name, needed, available, needed - available)
                for product, needed, available in missing
            )
            head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
                self.env._("Product"),
                self.env._("Needed"),
                self.env._("Available"),
                self.env._("Missing"),
            )
            round_.shortage = Markup('<table class="table table-sm">') + head + rows + Markup("</table>")

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, STEP_FIELDS, creating=True)
        if not self.env.su:
            check_roles(self, (OFFICER,), self.env._("prepare a distribution round"))
        number_new_records(self, vals_list, "atta.distribution.round", "RND", date_field="date")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            refuse_step_fields(self, vals, STEP_FIELDS)
            if {"programme_id", "date"} & set(vals) and any(r.state != "draft" for r in self):
                raise UserError(
                    self.env._(
                        "The programme and date of a round are fixed once its entitlements are computed. Cancel it and "
                        "prepare a new round."
                    )
                )
            if set(vals) - {"title", "message_main_attachment_id"} and any(
                r.state not in ("draft", "computed") for r in self
            ):
                raise UserError(self.env._("An approved round is kept as it was approved."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(r.state not in ("draft", "cancelled") for r in self):
            raise UserError(self.env._("Only a draft or cancelled round can be deleted."))

    # ---------------------------------------------------------------- steps
    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for round_ in self:
            if round_.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(round)s is “%(state)s”: this step cannot be taken now.",
                        round=round_.name,
                        state=labels[round_.state],
                    )
                )

    def action_compute(self):
        """The relations officer lists who is entitled at the round's date, and who is skipped and why."""
        check_roles(self, (OFFICER,), self.env._("compute the entitlements of a round"))
        self.check_access("write")
        self._check_state(("draft", "computed"))
        self._compute_entitlements()
        return True

    def action_approve(self):
        """A manager approves the round; only then does anything leave the warehouse or the bank."""
        check_roles(self, (MANAGER,), self.env._("approve a distribution round (a manager's decision)"))
        self.check_access("write")
        self._check_state(("computed",))
        for round_ in self:
            fund_problem = round_.fund_id and round_.fund_id._programme_problem(round_.programme_id)
            if fund_problem:
                raise UserError(fund_problem)
            lines = round_.line_ids.filtered(lambda line: line.state == "entitled")
            if not lines:
                raise UserError(
                    self.env._("%(round)s has no entitled family: there is nothing to approve.", round=round_.name)
                )
            if round_.kind == "in_kind":
                missing = round_._shortages()
                if missing:
                    raise UserError(
                        self.env._(
                            "The warehouse cannot cover %(round)s:\n%(missing)s\nReceive the missing products or "
                            "prepare a smaller round, then approve.",
                            round=round_.name,
                            missing="\n".join(
                                self.env._(
                                    "• %(product)s: %(needed)s needed, %(available)s available",
                                    product=product.display_name,
                                    needed=needed,
                                    available=available,
                                )
                                for product, needed, available in missing
                            ),
                        )
                    )
                round_._make_deliveries(lines)
            else:
                round_._make_payments(lines)
            # Superuser mode for the step's fields, after the manager and the round were checked.
            round_.sudo().write(
                {"state": "approved", "approved_by_id": self.env.uid, "approved_on": fields.Datetime.now()}
            )
        return True

    def action_cancel(self):
        check_roles(self, (MANAGER,), self.env._("cancel a distribution round"))
        self.check_access("write")
        self._check_state(("draft", "computed"))
        self.sudo().line_ids.unlink()
        self.sudo().write({"state": "cancelled"})
        return True

    def _check_done(self):
        for round_ in self.filtered(lambda r: r.state == "approved"):
            if not round_.line_ids.filtered(lambda line: line.state == "pending"):
                round_.sudo().state = "done"

    # ---------------------------------------------------------------- entitlements
    def _compute_entitlements(self):
        """One line per enrolled family at the round's date, in a number of queries that does not grow with
        the families: everything is read in batches, then the lines are inserted in one create."""
        Line = self.env["atta.distribution.line"].sudo()
        for round_ in self:
            # Superuser mode: the caller was checked; the lines are the step's output, rebuilt at each computation.
            round_.sudo().line_ids.unlink()
            programme, date = round_.programme_id, round_.date
            enrolments = (
                self.env["atta.enrolment"]
                .sudo()
                .search(
                    [
                        ("programme_id", "=", programme.id),
                        ("state", "!=", "ended"),
                        ("date_start", "<=", date),
                        "|",
                        ("date_end", "=", False),
                        ("date_end", ">=", date),
                    ]
                )
            )
            beneficiaries = enrolments.beneficiary_id
            required = programme._required_document_types()
            valid_documents = round_._valid_documents(beneficiaries, date)
            iban_type = self.env.ref("atta_beneficiary.document_type_iban_certificate", raise_if_not_found=False)
            vals_list = []
            for enrolment in enrolments:
                beneficiary = enrolment.beneficiary_id
                reason = round_._skip_reason(enrolment, beneficiary, required, valid_documents, iban_type)
                size = beneficiary.household_size or 1
                account = (
                    beneficiary.aid_bank_account_id
                    if programme.kind == "cash" and beneficiary.aid_payment_method == "transfer"
                    else self.env["res.partner.bank"]
                )
                vals_list.append(
                    {
                        "round_id": round_.id,
                        "enrolment_id": enrolment.id,
                        "beneficiary_id": beneficiary.id,
                        "household_size": size,
                        "state": "skipped" if reason else "entitled",
                        "skip_reason": reason,
                        "amount": programme._cash_amount(size) if programme.kind == "cash" else 0.0,
                        "payment_method": beneficiary.aid_payment_method if programme.kind == "cash" else False,
                        "bank_account_id": account.id,
                        "iban": account.sanitized_acc_number or False,
                        "account_holder": (account.acc_holder_name or account.partner_id.name) if account else False,
                    }
                )
            Line.create(vals_list)
            round_.sudo().state = "computed"

    @api.model
    def _valid_documents(self, beneficiaries, on_date):
        """{beneficiary id: document type ids verified and unexpired on `on_date`}, in one query."""
        valid = defaultdict(set)
        documents = (
            self.env["atta.beneficiary.document"]
            .sudo()
            .search_fetch(
                [("beneficiary_id", "in", beneficiaries.ids), ("verified", "=", True)],
                ["beneficiary_id", "document_type_id", "issue_date", "expiry_date"],
            )
        )
        for document in documents:
            expiry = document._effective_expiry()
            if not expiry or expiry >= on_date:
                valid[document.beneficiary_id.id].add(document.document_type_id.id)
        return valid

    def _skip_reason(self, enrolment, beneficiary, required, valid_documents, iban_type):
        """Why this family receives nothing in this round, in words the officer can act on; None if entitled."""
        self.ensure_one()
        env, date = self.env, self.date
        if beneficiary.state == "suspended":
            return env._("The file is suspended.")
        if beneficiary.state != "registered":
            return env._("The file is not registered.")
        if enrolment.state == "suspended":
            return env._("The enrolment is suspended.")
        if beneficiary.consent_withdrawn:
            return env._("The beneficiary withdrew their consent.")
        if beneficiary.renewal_due_date and beneficiary.renewal_due_date < date:
            return env._("The yearly renewal of the file was due on %(date)s.", date=beneficiary.renewal_due_date)
        missing = required.filtered(lambda t: t.id not in valid_documents[beneficiary.id])
        if missing:
            return env._(
                "Expired, unverified or missing documents: %(documents)s.", documents=", ".join(missing.mapped("name"))
            )
        programme = self.programme_id
        if programme.category_ids and not (beneficiary.category_ids & programme.category_ids):
            return env._(
                "Not in the programme's categories (%(categories)s).",
                categories=", ".join(programme.category_ids.mapped("name")),
            )
        if programme.kind == "cash":
            problem = self.fund_id._payment_problem(beneficiary)
            if problem:
                return problem
            if beneficiary.aid_payment_method == "transfer":
                account = beneficiary.aid_bank_account_id
                if not account:
                    return env._("No IBAN on the file: record the IBAN of the certificate, or pay by cheque.")
                if account.partner_id != beneficiary.partner_id or saudi_iban_problem(account.acc_number):
                    return env._("The IBAN on the file is not a valid Saudi IBAN in the beneficiary's own name.")
                if iban_type and iban_type.id not in valid_documents[beneficiary.id]:
                    return env._("The IBAN certificate is missing or not verified.")
                if not account.allow_out_payment:
                    return env._(
                        "The IBAN is not yet trusted for payments: a finance approver checks it against the verified "
                        "IBAN certificate and trusts it (Distribution → IBANs to Trust)."
                    )
        return None

    def _shortages(self):
        """[(product, needed, available)] for the products the warehouse cannot cover."""
        self.ensure_one()
        needed = defaultdict(float)
        for line in self.line_ids.filtered(lambda line: line.state == "entitled"):
            for product, quantity in self.programme_id._kit_quantities(line.household_size):
                needed[product] += quantity
        if not needed:
            return []
        warehouse = self.programme_id.warehouse_id
        products = self.env["product.product"].browse([p.id for p in needed]).with_context(warehouse_id=warehouse.id)
        # Superuser mode: the officer sees how much stock there is without stock rights; nothing is changed.
        available = {product.id: product.free_qty for product in products.sudo()}
        return [
            (product, quantity, available[product.id])
            for product, quantity in needed.items()
            if product.uom_id.compare(quantity, available[product.id]) > 0
        ]

    # ---------------------------------------------------------------- what leaves
    def _make_deliveries(self, lines):
        """One Odoo delivery order per family from the programme's warehouse, reserved at once."""
        self.ensure_one()
        warehouse = self.programme_id.warehouse_id
        if not warehouse:
            raise UserError(self.env._("Choose the warehouse of “%(programme)s”.", programme=self.programme_id.name))
        picking_type = warehouse.out_type_id
        source = picking_type.default_location_src_id
        # The company's aid location carries the in-kind aid account: handing over books the kit at stock cost.
        customers = self.company_id.atta_aid_location_id or self.env.ref("stock.stock_location_customers")
        vals_list = []
        for line in lines:
            vals_list.append(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": line.beneficiary_id.partner_id.id,
                    "location_id": source.id,
                    "location_dest_id": customers.id,
                    "origin": self.name,
                    "scheduled_date": fields.Datetime.to_datetime(self.date),
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": quantity,
                                "product_uom": product.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": customers.id,
                            }
                        )
                        for product, quantity in self.programme_id._kit_quantities(line.household_size)
                    ],
                }
            )
        # Superuser mode: the manager approved the round; delivery orders are the warehouse's records.
        # Odoo's records made by the step take no default of the caller's context (a state, an account, a currency).
        pickings = self.env["stock.picking"].sudo().with_context(clean_context(self.env.context)).create(vals_list)
        pickings.action_confirm()
        pickings.action_assign()
        for line, picking in zip(lines, pickings, strict=True):
            line.sudo().write({"state": "pending", "picking_id": picking.id})

    def _make_payments(self, lines):
        """Draft vendor payments to each family from the fund's bank journal, in one batch for two approvers."""
        self.ensure_one()
        fund = self.fund_id
        fund._check_balance(sum(lines.mapped("amount")))
        if not fund.aid_account_id:
            raise UserError(
                self.env._(
                    "Choose the cash aid account of %(fund)s (its form, Accounting): the aid is booked there.",
                    fund=fund.name,
                )
            )
        batch = (
            self.env["atta.payment.batch"]
            .sudo()
            .create({"fund_id": fund.id, "round_id": self.id, "company_id": self.company_id.id})
        )
        journal = fund.journal_id.sudo()
        method_line = journal.outbound_payment_method_line_ids[:1]
        vals_list = [
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": line.beneficiary_id.partner_id.id,
                "amount": line.amount,
                "date": self.date,
                "journal_id": journal.id,
                "payment_method_line_id": method_line.id,
                "partner_bank_id": line.bank_account_id.id,
                # Aid is an expense of the fund, not a debt to the family: nothing stays open on its payable account.
                "destination_account_id": fund.aid_account_id.id,
                "memo": line._payment_memo(),
            }
            for line in lines
        ]
        # Superuser mode: payments are the accounting's records, drafted here for the batch's two approvers.
        payments = self.env["account.payment"].sudo().with_context(clean_context(self.env.context)).create(vals_list)
        for line, payment in zip(lines, payments, strict=True):
            line.sudo().write({"state": "pending", "payment_id": payment.id, "batch_id": batch.id})
        self.sudo().batch_id = batch
        return batch
