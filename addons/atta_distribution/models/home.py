from odoo import api, models

from odoo.addons.atta_beneficiary.tools.roles import FINANCE


class AttaHome(models.AbstractModel):
    _inherit = "atta.home"

    @api.model
    def _home_cards(self):
        cards = super()._home_cards()
        cards.append(
            self._card(
                "finance",
                35,
                self.env._("Finance"),
                "batches_to_sign",
                10,
                self.env._("Payment batches waiting for my signature"),
                "atta_distribution.payment_batch_action",
                # The first signer cannot sign again: only what this approver may still sign.
                [("state", "in", ("draft", "first_approved")), ("first_approver_id", "!=", self.env.uid)],
                group=FINANCE,
                icon="fa-pencil-square-o",
            )
        )
        return cards

    @api.model
    def _home_checklist(self):
        items = super()._home_checklist()
        funds = self.env["atta.fund"].search([("active", "=", True)])
        items.append(
            self._check_item(
                "fund_money",
                50,
                self.env._("Money in a fund"),
                self.env._(
                    "Create the funds (Zakat, general, restricted), each with its bank journal, then record donations."
                ),
                any(fund.balance > 0 for fund in funds),
                "atta_distribution.fund_action",
            )
        )
        if funds and not self.env.user.has_group("analytic.group_analytic_accounting"):
            items.append(
                self._check_item(
                    "analytic",
                    60,
                    self.env._("Analytic accounting switched on"),
                    self.env._(
                        "Funds tag their payments with an analytic account: tick Analytic Accounting in the settings."
                    ),
                    False,
                    "account.action_account_config",
                )
            )
        return items
