import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import check_roles, check_upload, hijri_date_string
from odoo.addons.atta_beneficiary.tools.roles import MANAGER, OFFICER

LINE_STATES = [
    ("entitled", "Entitled"),
    ("skipped", "Skipped"),
    ("pending", "To hand over / to pay"),
    ("done", "Handed over / paid"),
    ("cancelled", "Cancelled"),
]
PAYMENT_METHODS = [
    ("transfer", "Bank transfer to the beneficiary's IBAN"),
    ("cheque", "Cheque in the beneficiary's name"),
]
# What a person may still write on a line by hand: the proof of the hand-over (signature or scanned receipt) and,
# for a manager, the reason to hand over without either.
HAND_EDITABLE = {
    "signature",
    "receipt_scan",
    "receipt_scan_name",
    "signature_exception_reason",
    "message_main_attachment_id",
}


class AttaDistributionLine(models.Model):
    """What one family receives in one round, or why it receives nothing."""

    _name = "atta.distribution.line"
    _description = "Distribution Line"
    _order = "round_id desc, id"
    _rec_name = "beneficiary_id"
    # The proof of a hand-over is uploaded on the line, where it is inspected (see _inspected_scan; the signature is an
    # image Odoo decodes), never written into its stored file directly.
    _atta_inspected_fields = ("receipt_scan", "signature")

    round_id = fields.Many2one("atta.distribution.round", required=True, ondelete="cascade", index=True)
    programme_id = fields.Many2one(related="round_id.programme_id", store=True, index=True)
    kind = fields.Selection(related="round_id.kind")
    fund_id = fields.Many2one(related="round_id.fund_id", store=True, index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True)
    currency_id = fields.Many2one(related="round_id.currency_id")
    date = fields.Date(related="round_id.date", store=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    enrolment_id = fields.Many2one("atta.enrolment", required=True, index=True, ondelete="restrict")
    beneficiary_id = fields.Many2one("atta.beneficiary", required=True, index=True, ondelete="restrict")
    beneficiary_reference = fields.Char(related="beneficiary_id.reference", string="File Number")
    household_size = fields.Integer()
    state = fields.Selection(LINE_STATES, required=True, default="entitled", index=True)
    skip_reason = fields.Text(string="Why Skipped")
    amount = fields.Monetary()
    payment_method = fields.Selection(PAYMENT_METHODS)
    bank_account_id = fields.Many2one("res.partner.bank", ondelete="restrict", index="btree_not_null")
    # Captured at the first signature: the second signature, the posting and the transfer file pay exactly this.
    iban = fields.Char(string="IBAN", readonly=True)
    account_holder = fields.Char(readonly=True)
    cheque_payee = fields.Char(
        string="Cheque Payable To",
        readonly=True,
        help="The name the cheque is payable to, as signed for at the first approval.",
    )
    payment_id = fields.Many2one(
        "account.payment", index=True, ondelete="restrict", groups="account.group_account_readonly"
    )
    batch_id = fields.Many2one("atta.payment.batch", index=True, ondelete="restrict")
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery Order", index=True, ondelete="restrict", groups="stock.group_stock_user"
    )
    picking_name = fields.Char(compute="_compute_picking_name", string="Delivery Order Number")
    in_kind_value = fields.Monetary(
        string="Value in Kind", help="The products handed over, valued at their stock cost on the day."
    )
    handed_over_by_id = fields.Many2one("res.users")
    handed_over_on = fields.Datetime()
    signature = fields.Image(
        max_width=1024,
        max_height=1024,
        attachment=True,
        help="The beneficiary's signature on the delivery receipt, taken at the hand-over.",
    )
    receipt_scan = fields.Binary(
        string="Scanned Signed Receipt",
        attachment=True,
        help="The paper receipt signed by the beneficiary, scanned, when no signature is taken on the screen.",
    )
    receipt_scan_name = fields.Char()
    signature_exception_reason = fields.Text(
        string="Handed Over Without Signature Because",
        help="A manager's reason to hand over without the beneficiary's signature (e.g. a bedridden beneficiary).",
    )
    signature_exception_by_id = fields.Many2one("res.users", string="Exception Granted By", readonly=True)
    receipt_id = fields.Many2one(
        "ir.attachment", string="Hand-over Receipt", readonly=True, help="The receipt PDF kept at the hand-over."
    )

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for line in self:
            line.date_hijri = hijri_date_string(line.date, self.env.lang or "en_US")

    def _compute_picking_name(self):
        # Superuser mode for the number only: the officer hands over without stock rights.
        for line in self:
            line.picking_name = line.sudo().picking_id.name or False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The families of a round are listed by computing its entitlements (the Compute button of the "
                    "round)."
                )
            )
        return super().create(vals_list)

    def _read_format(self, fnames, load="_classic_read"):
        # The IBAN and holder captured at the first signature are the person's bank data: reading them is audited
        # as reading their bank account is [PDPL]; the rest of a line is the round's own work.
        if not {"iban", "account_holder"} & set(fnames):
            return super()._read_format(fnames, load=load)
        return self.env["atta.audit.log"]._log_call(
            "view",
            self,
            lambda: super(AttaDistributionLine, self)._read_format(fnames, load=load),
            detail=self.env._("IBAN of a payment line read"),
        )

    def _atta_audit_reference(self):
        """The file number of the line's family (called in superuser mode by the trail)."""
        return self.beneficiary_id.reference

    # The reads may write their audit row: marked for a read/write cursor (not a read-only replica).
    def read(self, fields=None, load="_classic_read"):  # pylint: disable=redefined-outer-name
        return super().read(fields, load=load)

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):  # pylint: disable=redefined-outer-name
        return super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)

    search_read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    web_search_read._readonly = False

    def write(self, vals):
        if not self.env.su:
            if self._atta_files_sealed():
                raise UserError(
                    self.env._(
                        "This aid was handed over or paid: its signature, scanned receipt and hand-over receipt stay "
                        "as they were taken."
                    )
                )
            if set(vals) - HAND_EDITABLE:
                raise UserError(
                    self.env._(
                        "What a family receives is computed by the round and changes only through its steps; only the "
                        "signature is taken by hand at the hand-over."
                    )
                )
            check_roles(self, (OFFICER,), self.env._("take the beneficiary's signature at the hand-over"))
            if any(line.state != "pending" or line.kind != "in_kind" for line in self):
                raise UserError(self.env._("A signature is taken only for aid in kind waiting to be handed over."))
            if "signature_exception_reason" in vals:
                check_roles(self, (MANAGER,), self.env._("allow a hand-over without the beneficiary's signature"))
                reason = (vals["signature_exception_reason"] or "").strip()
                vals = dict(vals, signature_exception_reason=reason or False)
                vals["signature_exception_by_id"] = self.env.uid if reason else False
            if vals.get("receipt_scan"):
                vals = self._inspected_scan(vals)
        return super().write(vals)

    def _inspected_scan(self, vals):
        """A scanned receipt is checked like a document sent from the website: a PDF that can run or carry
        something is refused, an image is kept as its pixels only."""
        name = vals.get("receipt_scan_name") or self[:1].receipt_scan_name
        try:
            data = base64.b64decode(vals["receipt_scan"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            data = b""
        upload, problem = check_upload(self.env, data, name, self.env.company._atta_form_limits())
        if problem:
            raise UserError(problem)
        return dict(vals, receipt_scan=base64.b64encode(upload["raw"]), receipt_scan_name=upload["name"])

    def _atta_files_sealed(self):
        """Handed over or paid: the signature, the scanned receipt and the receipt PDF are kept as they were taken
        (the attachments too, through ir.attachment's sealing hook)."""
        return self.filtered(lambda line: line.state == "done")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_computations(self):
        if not self.env.su:
            raise UserError(
                self.env._("The families of a round are kept; cancel the round before its approval to drop them.")
            )

    def _payment_memo(self):
        self.ensure_one()
        memo = f"{self.round_id.name} {self.beneficiary_id.reference}"
        if self.payment_method == "cheque":
            # SAMA: a cheque is payable to the first beneficiary only; once signed for, to the name signed for.
            payee = self.cheque_payee or self.beneficiary_id.name
            memo += " - " + self.env._("Cheque payable to %(name)s only", name=payee)
        return memo

    def _payment_drift(self, second=False):
        """The fields of the draft payment that no longer read what the batch is signed for (their labels).

        The memo is compared from the second signature on: the first one writes it with the name the cheque is
        payable to."""
        self.ensure_one()
        # Superuser mode: the signer compares the accounting's draft with the line; nothing of it is returned.
        payment = self.sudo().payment_id
        if not payment:
            return []
        fund = self.sudo().batch_id.fund_id or self.sudo().fund_id
        expected = {
            "state": "draft",
            "payment_type": "outbound",
            "partner_id": self.beneficiary_id.partner_id,
            "partner_bank_id": self.bank_account_id
            if self.payment_method == "transfer"
            else payment.partner_bank_id.browse(),
            "journal_id": fund.journal_id,
            "currency_id": fund.currency_id,
            "destination_account_id": fund.aid_account_id,
            # As the round drafted it: paid on the round's date, by the fund journal's own outgoing method.
            "date": self.date,
            "payment_method_line_id": fund.journal_id.sudo().outbound_payment_method_line_ids[:1],
        }
        if second:
            expected["memo"] = self._payment_memo()
        drift = [name for name, value in expected.items() if payment[name] != value]
        if payment.currency_id.compare_amounts(payment.amount, self.amount):
            drift.append("amount")
        return [payment._fields[name]._description_string(self.env) for name in drift]

    def action_hand_over(self):
        """The relations officer hands the basket over; the delivery order is validated and stock goes down."""
        check_roles(self, (OFFICER,), self.env._("hand over aid in kind"))
        self.check_access("write")
        now = fields.Datetime.now()
        for line in self:
            if line.kind != "in_kind" or line.state != "pending":
                raise UserError(
                    self.env._("%(name)s has no aid in kind waiting to be handed over.", name=line.beneficiary_id.name)
                )
            # Superuser mode: the officer's role and the line were checked; the delivery order is stock's record.
            picking = line.sudo().picking_id
            if picking.state != "assigned":
                picking.action_assign()
            short = picking.move_ids.filtered(lambda m: m.product_uom.compare(m.quantity, m.product_uom_qty) < 0)
            if short:
                raise UserError(
                    self.env._(
                        "%(order)s is not fully reserved (%(products)s): the products are not in the warehouse yet.",
                        order=picking.name,
                        products=", ".join(short.product_id.mapped("display_name")),
                    )
                )
            if not (line.signature or line.receipt_scan or line.signature_exception_by_id):
                raise UserError(
                    self.env._(
                        "%(name)s has not signed for the aid: take the signature on the screen or attach the scanned "
                        "signed receipt. Without either, a manager records why before the hand-over.",
                        name=line.beneficiary_id.name,
                    )
                )
            picking.move_ids.picked = True
            if line.signature:
                picking.signature = line.signature
            picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
            # The stock cost the moves were valued at on the day, as booked on the in-kind aid account.
            value = sum(picking.move_ids.mapped("value")) or sum(
                move.quantity * move.product_id.standard_price for move in picking.move_ids
            )
            line.sudo().write(
                {"state": "done", "in_kind_value": value, "handed_over_by_id": self.env.uid, "handed_over_on": now}
            )
            line._keep_receipt()
        self.round_id._check_done()
        return True

    def _keep_receipt(self):
        """The hand-over receipt as printed at the moment, kept on the line."""
        self.ensure_one()
        report = self.env.ref("atta_distribution.action_report_hand_over_receipt").sudo()
        # Superuser mode: the officer's hand-over was checked; the receipt is the record of it, kept as printed.
        pdf, _type = report._render_qweb_pdf(report.report_name, self.ids)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.round_id.name} - {self.beneficiary_id.reference or self.beneficiary_id.id}.pdf",
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        self.sudo().receipt_id = attachment
