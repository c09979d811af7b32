from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools import check_roles, hijri_date_string
from odoo.addons.atta_beneficiary.tools.roles import FINANCE, MANAGER


class AttaFundDonation(models.TransientModel):
    """A donation received into a fund, recorded without the Invoicing app: a receipt in the fund's bank journal."""

    _name = "atta.fund.donation"
    _description = "Donation into a Fund"

    fund_id = fields.Many2one("atta.fund", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="fund_id.currency_id")
    donor_id = fields.Many2one("res.partner", required=True)
    amount = fields.Monetary(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_hijri = fields.Char(compute="_compute_date_hijri")
    zakat = fields.Boolean(help="The donor gives it as Zakat: it goes only into the Zakat fund.")
    memo = fields.Char(string="Reference", help="The bank's reference or the receipt number given to the donor.")

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for donation in self:
            donation.date_hijri = hijri_date_string(donation.date, self.env.lang or "en_US")

    def action_confirm(self):
        """Post the receipt in the fund's bank journal, on the donations (or Zakat) account, under the fund's
        analytic account."""
        self.ensure_one()
        check_roles(self, (MANAGER, FINANCE), self.env._("record a donation into a fund"))
        fund = self.fund_id
        fund.check_access("read")
        if self.currency_id.compare_amounts(self.amount, 0) <= 0:
            raise UserError(self.env._("Write the amount received: it is more than zero."))
        if self.zakat and fund.kind != "zakat":
            raise UserError(self.env._("Zakat is received only into the Zakat fund: record it there."))
        if not self.zakat and fund.kind == "zakat":
            raise UserError(self.env._("The Zakat fund receives only Zakat: record this donation into another fund."))
        company = fund.company_id
        account = company.atta_zakat_account_id if self.zakat else company.atta_donation_account_id
        if not account:
            raise UserError(
                self.env._("Set up the company's chart of accounts first: the donation is booked on its accounts.")
            )
        journal = fund.journal_id.sudo()
        # Superuser mode: a manager or finance approver records the receipt without accounting rights; the role and
        # the fund were checked above, and the entry goes to the fund's own journal only.
        payment = (
            self.env["account.payment"]
            .sudo()
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.donor_id.id,
                    "amount": self.amount,
                    "date": self.date,
                    "journal_id": journal.id,
                    "payment_method_line_id": journal.inbound_payment_method_line_ids[:1].id,
                    "destination_account_id": account.id,
                    "memo": self.memo or self.env._("Donation to %(fund)s", fund=fund.name),
                }
            )
        )
        payment.action_post()
        if fund.analytic_account_id:
            payment.move_id.line_ids.filtered(lambda ml: ml.account_id == account).analytic_distribution = {
                str(fund.analytic_account_id.id): 100
            }
        fund.sudo().message_post(
            body=self.env._(
                "%(user)s recorded a donation of %(amount)s from %(donor)s (%(date)s, %(hijri)s), entry %(entry)s.",
                user=self.env.user.name,
                amount=self.currency_id.format(self.amount),
                donor=self.donor_id.name,
                date=self.date,
                hijri=self.date_hijri,
                entry=payment.move_id.name,
            )
        )
        return {"type": "ir.actions.act_window_close"}
