import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.atta_beneficiary.tools import (
    check_parent_change,
    check_roles,
    check_upload,
    field_labels,
    hijri_date_string,
    refuse_step_fields,
)
from odoo.addons.atta_beneficiary.tools.roles import OFFICER

# Once handed over, a delivery is a financial record: only its signed receipt may still be attached, once.
DONE_EDITABLE = {"receipt", "receipt_name", "message_main_attachment_id"}
RECEIPT_FIELDS = {"receipt", "receipt_name"}


class AttaSupportDelivery(models.Model):
    """What was handed over for an approved request, when and by whom [S7.7]."""

    _name = "atta.support.delivery"
    _description = "Support Delivery"
    _inherit = ["mail.thread", "atta.volunteer.restricted.mixin", "atta.notify.mixin"]
    _order = "date desc, id desc"
    # A volunteer helping with the hand-over reads when and what to bring; never the amount or the receipt.
    _atta_volunteer_fields = frozenset({"id", "display_name", "request_id", "date", "date_hijri", "items", "state"})
    # The receipt is uploaded on the delivery, where it is inspected (see _inspected_receipt), never written into its
    # stored file directly.
    _atta_inspected_fields = ("receipt",)

    request_id = fields.Many2one("atta.support.request", required=True, ondelete="restrict", index=True)
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id", store=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    amount = fields.Monetary(tracking=True)
    items = fields.Text(help="What was given, for in-kind support.")
    delivered_by_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    receipt = fields.Binary(attachment=True, help="The signed receipt or transfer slip.")
    receipt_name = fields.Char()
    state = fields.Selection([("draft", "Draft"), ("done", "Delivered")], default="draft", required=True, tracking=True)
    volunteer_task_ids = fields.One2many("atta.volunteer.task", "delivery_id", string="Volunteers", groups=OFFICER)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A delivered amount cannot be negative.")

    @api.depends("date", "amount", "currency_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for delivery in self:
            delivery.display_name = self.env._(
                "Delivery of %(date)s (%(hijri)s), %(amount)s",
                date=format_date(self.env, delivery.date),
                hijri=hijri_date_string(delivery.date, self.env.lang or "en_US"),
                amount=delivery.currency_id.format(delivery.amount) if delivery.currency_id else delivery.amount,
            )

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for delivery in self:
            delivery.date_hijri = hijri_date_string(delivery.date, self.env.lang or "en_US")

    @api.constrains("amount", "items")
    def _check_content(self):
        for delivery in self:
            if not delivery.amount and not (delivery.items or "").strip():
                raise ValidationError(self.env._("Write the amount or the items delivered."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_step_fields(self, vals, {"state"}, creating=True)
        deliveries = super().create([self._inspected_receipt(vals) for vals in vals_list])
        if not self.env.su:
            deliveries._check_deliverable()
        return deliveries

    def write(self, vals):
        attached_late = self.browse()
        if not self.env.su:
            refuse_step_fields(self, vals, {"state"})
            check_parent_change(self, vals, "request_id", lambda d: False)
            done = self.filtered(lambda delivery: delivery.state == "done")
            if set(vals) - DONE_EDITABLE and done:
                raise UserError(
                    self.env._(
                        "A delivery handed over is kept as it was recorded; only its signed receipt can still be "
                        "attached. Record a new delivery for anything else."
                    )
                )
            if RECEIPT_FIELDS & set(vals) and done:
                if not vals.get("receipt") or done._atta_receipt_files():
                    raise UserError(
                        self.env._(
                            "The signed receipt of a delivery handed over stays as it was attached. A receipt signed "
                            "later is attached in the delivery's messages, beside it."
                        )
                    )
                attached_late = done
            vals = self._inspected_receipt(vals)
        result = super().write(vals)
        if attached_late:
            # Attached after the hand-over: in the trail and in the chatter, once (it is sealed from now on).
            self.env["atta.audit.log"]._log("change", attached_late, detail=field_labels(self, {"receipt"}))
            for delivery in attached_late:
                delivery.message_post(
                    body=self.env._(
                        "%(user)s attached the signed receipt after the hand-over; it is kept as attached.",
                        user=self.env.user.name,
                    )
                )
        if not self.env.su and set(vals) & {"amount", "items"}:
            self._check_deliverable()
        return result

    def _atta_receipt_files(self):
        """The stored files of these deliveries' receipts."""
        # Superuser mode to find the files only: the caller's right to the deliveries is checked by the write.
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids), ("res_field", "=", "receipt")])
        )

    def _inspected_receipt(self, vals):
        """`vals` with the receipt a member of staff uploads checked like a document sent from the website: a PDF that
        can run or carry something, or a file that is no PDF, JPEG or PNG, is refused with the reason; an image is
        kept as its pixels only."""
        if self.env.su or not vals.get("receipt"):
            return vals
        try:
            data = base64.b64decode(vals["receipt"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            data = b""
        name = vals.get("receipt_name") or (len(self) == 1 and self.receipt_name) or ""
        upload, problem = check_upload(self.env, data, name, self.env.company._atta_form_limits())
        if problem:
            raise UserError(problem)
        return dict(vals, receipt=base64.b64encode(upload["raw"]), receipt_name=upload["name"])

    def _check_deliverable(self):
        """Service comes after the decision and the registration of the file [S7.6, S7.7]."""
        for delivery in self:
            request = delivery.request_id
            if request.state != "approved":
                raise UserError(
                    self.env._("%(number)s is not approved: nothing can be delivered on it.", number=request.name)
                )
            if request.beneficiary_id.state != "registered":
                raise UserError(
                    self.env._(
                        "The file of %(name)s is not registered: complete its registration before the service is "
                        "delivered.",
                        name=request.beneficiary_id.name,
                    )
                )
            remaining = request.approved_amount - request.delivered_amount
            if delivery.state == "draft" and delivery.amount > remaining:
                raise UserError(
                    self.env._(
                        "Delivering %(amount)s would exceed the approved amount of %(number)s: %(approved)s approved, "
                        "%(delivered)s already delivered.",
                        amount=delivery.currency_id.format(delivery.amount),
                        number=request.name,
                        approved=delivery.currency_id.format(request.approved_amount),
                        delivered=delivery.currency_id.format(request.delivered_amount),
                    )
                )

    def _atta_audit_reference(self):
        return self.beneficiary_id.reference

    def _atta_notify_thread(self):
        """The hand-over is logged on the request, where the applicant's messages are followed."""
        return self.request_id

    def _atta_handed_over_text(self):
        """What was handed over, as the person reads it: the amount, or the items for in-kind support."""
        self.ensure_one()
        if self.amount:
            return self.currency_id.format(self.amount)
        return (self.items or "").strip()

    def _atta_files_sealed(self):
        """A delivery handed over: its signed receipt and papers are kept as they were attached."""
        return self.filtered(lambda delivery: delivery.state == "done")

    def action_confirm(self):
        """The hand-over, confirmed by the relations officer who gives the service [S7.7]."""
        check_roles(self, (OFFICER,), self.env._("confirm a delivery"))
        self.check_access("write")
        for delivery in self:
            if delivery.state != "draft":
                raise UserError(self.env._("This delivery was already handed over."))
            delivery._check_deliverable()
            # Superuser mode for the state only: the checks above are the step's.
            delivery.sudo().write({"state": "done"})
        # Told by SMS at each hand-over; by mail once the service is complete (the request's message).
        self._atta_notify(None, "atta_research.sms_template_delivery_done")
        self.request_id._check_delivery_complete()
        return True
