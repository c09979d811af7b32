from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.atta_beneficiary.tools import hijri_date_string


class AttaSupportDelivery(models.Model):
    """What was handed over for an approved request, when and by whom [S7.7]."""

    _name = "atta.support.delivery"
    _description = "Support Delivery"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

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

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A delivered amount cannot be negative.")

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

    def action_confirm(self):
        for delivery in self:
            request = delivery.request_id
            if request.state != "approved":
                raise UserError(self.env._("%(number)s is not approved: nothing can be delivered on it.",
                                           number=request.name))
            if request.approved_amount and request.delivered_amount + delivery.amount > request.approved_amount:
                raise UserError(self.env._(
                    "Delivering %(amount)s would exceed the approved amount of %(number)s: %(approved)s approved, "
                    "%(delivered)s already delivered.",
                    amount=delivery.currency_id.format(delivery.amount), number=request.name,
                    approved=delivery.currency_id.format(request.approved_amount),
                    delivered=delivery.currency_id.format(request.delivered_amount)))
            delivery.state = "done"
        self.request_id._check_delivery_complete()
        return True
