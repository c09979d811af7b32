from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _get_account_move_line_vals(self):
        """A kit handed over is booked on its fund's in-kind aid account, under the fund's analytic account."""
        vals_list = super()._get_account_move_line_vals()
        if not self.picking_id or self.location_dest_id != self.company_id.atta_aid_location_id:
            return vals_list
        # Superuser mode: the accounting entry of a validated hand-over reads which fund the kit came from.
        line = self.env["atta.distribution.line"].sudo().search([("picking_id", "=", self.picking_id.id)], limit=1)
        fund = line.fund_id
        if not fund:
            return vals_list
        for vals in vals_list:
            if vals["debit"]:
                vals["account_id"] = (fund.in_kind_account_id or self.location_dest_id.valuation_account_id).id
                if fund.analytic_account_id:
                    vals["analytic_distribution"] = {str(fund.analytic_account_id.id): 100}
        return vals_list
