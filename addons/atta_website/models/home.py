from odoo import api, models

OFFICER = "atta_beneficiary.group_relations_officer"


class AttaHome(models.AbstractModel):
    _inherit = "atta.home"

    @api.model
    def _home_cards(self):
        """The front desk also reviews the applications sent from the website that wait for an officer."""
        return [
            *super()._home_cards(),
            self._card(
                "desk",
                10,
                self.env._("Front desk"),
                "online_to_review",
                1,
                self.env._("Online applications to review"),
                "atta_website.online_application_action",
                [("state", "=", "verified")],
                group=OFFICER,
                icon="fa-globe",
            ),
        ]
