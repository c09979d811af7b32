import base64
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.atta_beneficiary.tools import check_roles, next_hijri_number
from odoo.addons.atta_beneficiary.tools.xlsx import write_cells

from ..tools import saudi_iban_problem

FINANCE = "atta_distribution.group_finance_approver"
MANAGER = "atta_beneficiary.group_manager"
BATCH_STATES = [
    ("draft", "Waiting for two approvals"),
    ("first_approved", "Approved once"),
    ("posted", "Approved and posted"),
    ("cancelled", "Cancelled"),
]


class AttaPaymentBatch(models.Model):
    """The cash of one round, paid from one fund under two signatures [SAMA 300.1.5.2]."""

    _name = "atta.payment.batch"
    _description = "Payment Batch"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    fund_id = fields.Many2one("atta.fund", required=True, readonly=True, index=True, ondelete="restrict")
    round_id = fields.Many2one("atta.distribution.round", readonly=True, index=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="fund_id.currency_id")
    line_ids = fields.One2many("atta.distribution.line", "batch_id", string="Payments")
    payment_count = fields.Integer(compute="_compute_totals")
    total_amount = fields.Monetary(compute="_compute_totals")
    state = fields.Selection(BATCH_STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    first_approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
    first_approved_on = fields.Datetime(readonly=True)
    second_approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
    second_approved_on = fields.Datetime(readonly=True)
    notes = fields.Text()

    @api.depends("line_ids.amount")
    def _compute_totals(self):
        for batch in self:
            batch.payment_count = len(batch.line_ids)
            batch.total_amount = sum(batch.line_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("A payment batch is made by a manager's approval of a cash round."))
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = next_hijri_number(self.env, "atta.payment.batch", "PAY", fields.Date.context_today(self))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - {"notes", "message_main_attachment_id"}:
            raise UserError(
                self.env._("A payment batch changes only through its approvals; only its notes can be edited.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("A payment batch is part of the accounts: cancel it instead of deleting it."))

    def action_approve(self):
        """One of two signatures. The second, by another authorised person, posts the payments in the fund's
        journal; the same person can never sign twice."""
        check_roles(self, (FINANCE,), self.env._("approve a payment batch (a finance approver's signature)"))
        self.check_access("read")
        now = fields.Datetime.now()
        for batch in self:
            if batch.state == "draft":
                batch._check_payable()
                # Superuser mode for the approval fields, after the approver's role and the batch were checked.
                batch.sudo().write(
                    {"state": "first_approved", "first_approver_id": self.env.uid, "first_approved_on": now}
                )
            elif batch.state == "first_approved":
                if batch.first_approver_id == self.env.user:
                    raise AccessError(
                        self.env._(
                            "You already approved %(batch)s. A second authorised person must approve it: the bank "
                            "rules require two different signatures.",
                            batch=batch.name,
                        )
                    )
                batch._check_payable()
                batch.sudo().write({"state": "posted", "second_approver_id": self.env.uid, "second_approved_on": now})
                batch._post_payments()
            else:
                raise UserError(self.env._("%(batch)s is not waiting for an approval.", batch=batch.name))
        return True

    def action_cancel(self):
        """A manager withdraws a batch before its second approval; the families are paid in a later round."""
        check_roles(self, (MANAGER,), self.env._("cancel a payment batch"))
        self.check_access("read")
        for batch in self:
            if batch.state not in ("draft", "first_approved"):
                raise UserError(self.env._("Only a batch not yet posted can be cancelled."))
            lines = batch.sudo().line_ids
            lines.payment_id.action_cancel()
            lines.write({"state": "cancelled"})
            batch.sudo().write({"state": "cancelled"})
            batch.round_id._check_done()
        return True

    def _check_payable(self):
        """Zakat only to its categories, never beyond the fund's balance, transfers only to a Saudi IBAN."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered(lambda line: line.state == "pending")
        problems = []
        for line in lines:
            problem = self.fund_id._payment_problem(line.beneficiary_id)
            if problem:
                problems.append(problem)
            account = line.bank_account_id
            if line.payment_method == "transfer" and (
                saudi_iban_problem(account.acc_number) or account.partner_id != line.beneficiary_id.partner_id
            ):
                problems.append(
                    self.env._(
                        "%(name)s: the IBAN %(iban)s is not a valid Saudi IBAN in the beneficiary's own name.",
                        name=line.beneficiary_id.name,
                        iban=line.bank_account_id.acc_number or "",
                    )
                )
        if problems:
            raise UserError(
                self.env._(
                    "%(batch)s cannot be approved:\n%(problems)s",
                    batch=self.name,
                    problems="\n".join(f"• {p}" for p in problems),
                )
            )
        self.fund_id._check_balance(sum(lines.mapped("amount")))

    def _post_payments(self):
        """Post in the fund's bank journal and tag each entry with the fund's analytic account."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered(lambda line: line.state == "pending")
        payments = lines.payment_id
        # Superuser mode: the two approvals were checked; posting is the accounting's act they authorise.
        payments.action_post()
        analytic = self.fund_id.analytic_account_id
        if analytic:
            counterparts = payments.move_id.line_ids.filtered(
                lambda ml: ml.account_id in payments.destination_account_id
            )
            counterparts.analytic_distribution = {str(analytic.id): 100}
        lines.write({"state": "done"})
        self.round_id._check_done()

    def action_export_transfer_file(self):
        """The bank transfer file (XLSX) of an approved batch, for the bank's bulk-payment portal."""
        self.ensure_one()
        check_roles(self, (FINANCE, MANAGER), self.env._("export a bank transfer file"))
        self.check_access("read")
        if self.state != "posted":
            raise UserError(self.env._("The transfer file is exported once the batch is approved by two people."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "datas": base64.b64encode(self._transfer_file()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _transfer_file(self):
        """Transfers first, then cheques; every text cell written as text (a name never becomes a formula)."""
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        sheet = workbook.add_worksheet(self.env._("Transfers"))
        bold = workbook.add_format({"bold": True})
        write_cells(
            sheet,
            0,
            [
                self.env._("Beneficiary"),
                self.env._("File Number"),
                self.env._("IBAN"),
                self.env._("Amount"),
                self.env._("Currency"),
                self.env._("Method"),
                self.env._("Reference"),
            ],
            bold,
        )
        methods = dict(self.env["atta.distribution.line"]._fields["payment_method"]._description_selection(self.env))
        # Superuser mode for the bank details, after the role and the state were checked.
        lines = (
            self.sudo()
            .line_ids.filtered(lambda line: line.state == "done")
            .sorted(lambda line: (line.payment_method != "transfer", line.beneficiary_id.name or ""))
        )
        for row, line in enumerate(lines, start=1):
            write_cells(
                sheet,
                row,
                [
                    line.beneficiary_id.name,
                    line.beneficiary_id.reference,
                    (line.bank_account_id.acc_number or "").replace(" ", "")
                    if line.payment_method == "transfer"
                    else "",
                    line.amount,
                    self.currency_id.name,
                    methods.get(line.payment_method, ""),
                    line._payment_memo(),
                ],
            )
        sheet.set_column(0, 0, 32)
        sheet.set_column(2, 2, 28)
        sheet.set_column(6, 6, 40)
        workbook.close()
        return buffer.getvalue()
