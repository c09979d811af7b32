import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.atta_beneficiary.tools import check_roles, number_new_records
from odoo.addons.atta_beneficiary.tools.roles import FINANCE, MANAGER
from odoo.addons.atta_beneficiary.tools.xlsx import write_cells

from ..tools import saudi_iban_problem

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
    first_approver_partner_id = fields.Many2one(
        "res.partner",
        string="First Signer (Person)",
        readonly=True,
        help="The person behind the first signature, kept as signed: a login re-pointed to them cannot sign again.",
    )
    first_approved_on = fields.Datetime(readonly=True)
    second_approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
    second_approved_on = fields.Datetime(readonly=True)
    notes = fields.Text()
    transfer_file_id = fields.Many2one(
        "ir.attachment",
        string="Bank Transfer File",
        readonly=True,
        copy=False,
        help="The transfer file as first exported after the two signatures, kept as it was given to the bank.",
    )

    @api.depends("line_ids.amount")
    def _compute_totals(self):
        for batch in self:
            batch.payment_count = len(batch.line_ids)
            batch.total_amount = sum(batch.line_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("A payment batch is made by a manager's approval of a cash round."))
        number_new_records(self, vals_list, "atta.payment.batch", "PAY")
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
        """One of two signatures. The first captures each family's IBAN and account holder; the second, by
        another person, posts the payments in the fund's journal against the fund's aid account. The same
        person never signs twice, whatever login they use."""
        check_roles(self, (FINANCE,), self.env._("approve a payment batch (a finance approver's signature)"))
        self.check_access("read")
        now = fields.Datetime.now()
        user = self.env.user
        for batch in self:
            if batch.state == "draft":
                batch._check_payable()
                batch._capture_accounts()
                # Superuser mode for the approval fields, after the approver's role and the batch were checked.
                batch.sudo().write(
                    {
                        "state": "first_approved",
                        "first_approver_id": user.id,
                        "first_approver_partner_id": user.partner_id.id,
                        "first_approved_on": now,
                    }
                )
            elif batch.state == "first_approved":
                if batch.first_approver_id == user:
                    raise AccessError(
                        self.env._(
                            "You already approved %(batch)s. A second authorised person must approve it: the bank "
                            "rules require two different signatures.",
                            batch=batch.name,
                        )
                    )
                if batch._same_person(user):
                    raise AccessError(
                        self.env._(
                            "%(batch)s was approved by %(person)s, and your login belongs to the same person. A "
                            "second, different person must approve it: two logins are still one signature.",
                            batch=batch.name,
                            person=batch.sudo().first_approver_partner_id.name,
                        )
                    )
                batch._check_payable(second=True)
                batch.sudo().write({"state": "posted", "second_approver_id": user.id, "second_approved_on": now})
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

    def _same_person(self, user):
        """Two logins of one person: the same contact (the one recorded at the first signature or the first
        signer's today), or the same employee when HR is installed."""
        self.ensure_one()
        # Superuser mode: comparing who signed needs the other signer's contact and employee, which a finance
        # approver may not read; nothing is shown or changed.
        first = self.sudo().first_approver_id
        people = first.partner_id | self.sudo().first_approver_partner_id
        if user.partner_id in people:
            return True
        if "employee_ids" in user._fields:
            theirs, mine = first.employee_ids, user.sudo().employee_ids
            if theirs & mine or (mine.work_contact_id & people):
                return True
        return False

    def _capture_accounts(self):
        """At the first signature, each transfer line keeps the IBAN and holder it is signed for, each cheque line the
        name it is payable to; the draft payment's memo reads the same."""
        self.ensure_one()
        for line in self.sudo().line_ids.filtered(lambda line: line.state == "pending"):
            account = line.bank_account_id
            line.write(
                {
                    "iban": account.sanitized_acc_number or False,
                    "account_holder": (account.acc_holder_name or account.partner_id.name) if account else False,
                    "cheque_payee": line.beneficiary_id.name if line.payment_method == "cheque" else False,
                }
            )
            if line.payment_id.state == "draft":
                line.payment_id.memo = line._payment_memo()

    def _void_first_signature(self, reason):
        """A bank detail the first signer relied on changed: the signature no longer stands."""
        for batch in self.sudo().filtered(lambda b: b.state == "first_approved"):
            signer = batch.first_approver_id.name
            batch.write(
                {
                    "state": "draft",
                    "first_approver_id": False,
                    "first_approver_partner_id": False,
                    "first_approved_on": False,
                }
            )
            batch.message_post(
                body=self.env._(
                    "The approval of %(signer)s is void: %(reason)s Two finance approvers sign the batch again.",
                    signer=signer,
                    reason=reason,
                )
            )

    def _check_payable(self, second=False):
        """Zakat only to its categories, a restricted fund only to what it names, never beyond the fund's free
        balance, transfers only to a trusted Saudi IBAN in the beneficiary's own name, the one signed for."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered(lambda line: line.state == "pending")
        problems = []
        fund_problem = self.fund_id._programme_problem(self.round_id.programme_id)
        if fund_problem:
            problems.append(fund_problem)
        for line in lines:
            problem = self.fund_id._payment_problem(line.beneficiary_id)
            if problem:
                problems.append(problem)
            if line.payment_method != "transfer":
                continue
            account = line.bank_account_id
            name = line.beneficiary_id.name
            if saudi_iban_problem(account.acc_number) or account.partner_id != line.beneficiary_id.partner_id:
                problems.append(
                    self.env._(
                        "%(name)s: the IBAN %(iban)s is not a valid Saudi IBAN in the beneficiary's own name.",
                        name=name,
                        iban=account.acc_number or "",
                    )
                )
            elif account != line.beneficiary_id.aid_bank_account_id:
                problems.append(
                    self.env._(
                        "%(name)s: the IBAN on the file changed after the round was approved; pay this family in "
                        "a later round.",
                        name=name,
                    )
                )
            elif not account.allow_out_payment:
                problems.append(
                    self.env._(
                        "%(name)s: the IBAN %(iban)s is not trusted for payments; a finance approver trusts it once "
                        "the IBAN certificate is verified.",
                        name=name,
                        iban=account.acc_number,
                    )
                )
            elif not account._atta_certificates():
                problems.append(
                    self.env._(
                        "%(name)s: no verified, unexpired IBAN certificate of the file names %(iban)s any more.",
                        name=name,
                        iban=account.acc_number,
                    )
                )
            elif second and (
                line.iban != account.sanitized_acc_number
                or line.account_holder != (account.acc_holder_name or account.partner_id.name)
            ):
                problems.append(
                    self.env._(
                        "%(name)s: the bank account changed after the first approval.",
                        name=name,
                    )
                )
        for line in lines:
            if second and line.payment_method == "cheque" and line.cheque_payee != line.beneficiary_id.name:
                problems.append(
                    self.env._(
                        "%(name)s: the name the cheque is payable to changed after the first approval (signed for "
                        "%(payee)s).",
                        name=line.beneficiary_id.name,
                        payee=line.cheque_payee,
                    )
                )
            drift = line._payment_drift(second=second)
            if drift:
                problems.append(
                    self.env._(
                        "%(name)s: the draft payment no longer matches what is signed for (%(fields)s). Restore it, "
                        "or a manager cancels the batch.",
                        name=line.beneficiary_id.name,
                        fields=", ".join(drift),
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
        self.fund_id._check_balance(sum(lines.mapped("amount")), exclude_batch=self)

    def _post_payments(self):
        """Post in the fund's bank journal: each payment books the aid on the fund's aid expense account,
        under the fund's analytic account, and leaves nothing open on the family's payable account."""
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
        """The bank transfer file (XLSX) of an approved batch, for the bank's bulk-payment portal.

        The first export is kept on the batch and in its chatter, sealed with the batch: every later export hands
        over that same file, so what the bank is given is what was signed and posted."""
        self.ensure_one()
        check_roles(self, (FINANCE, MANAGER), self.env._("export a bank transfer file"))
        self.check_access("read")
        if self.state != "posted":
            raise UserError(self.env._("The transfer file is exported once the batch is approved by two people."))
        attachment = self.sudo().transfer_file_id
        if not attachment:
            # Superuser mode, after the role and the state were checked: the file is the batch's record, kept as it
            # was exported (its chatter message carries it); no one writes it afterwards.
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{self.name}.xlsx",
                        "raw": self._transfer_file(),
                        "res_model": self._name,
                        "res_id": self.id,
                        "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    }
                )
            )
            batch = self.sudo()
            batch.transfer_file_id = attachment
            batch.message_post(
                body=self.env._(
                    "Bank transfer file exported by %(user)s. This file is kept as exported: every later export "
                    "gives the same file.",
                    user=self.env.user.name,
                ),
                attachment_ids=attachment.ids,
                author_id=self.env.user.partner_id.id,
            )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _atta_files_sealed(self):
        """Signed once or posted: the files of the batch (the exported transfer file above all) stay as they are,
        through ir.attachment's sealing hook; a paper added later is attached beside them."""
        return self.filtered(lambda batch: batch.state in ("first_approved", "posted"))

    def _transfer_file(self):
        """Transfers first, then cheques, each to the IBAN and holder captured at the first signature; every text
        cell written as text (a name never becomes a formula)."""
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
                self.env._("Payee"),
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
                    (line.iban or "") if line.payment_method == "transfer" else "",
                    (line.account_holder if line.payment_method == "transfer" else line.cheque_payee) or "",
                    line.amount,
                    self.currency_id.name,
                    methods.get(line.payment_method, ""),
                    line._payment_memo(),
                ],
            )
        sheet.set_column(0, 0, 32)
        sheet.set_column(2, 3, 28)
        sheet.set_column(7, 7, 40)
        workbook.close()
        return buffer.getvalue()
