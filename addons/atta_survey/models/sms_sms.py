from odoo import api, models


class SmsSms(models.Model):
    """Every SMS leaving Odoo is checked against the beneficiaries' consent, like every email."""

    _inherit = "sms.sms"

    @api.model_create_multi
    def create(self, vals_list):
        blocked = self.env["atta.beneficiary"]._atta_uncontactable_partner_ids(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        for vals in vals_list:
            if vals.get("partner_id") in blocked:
                # Kept, cancelled as opted out: the chatter shows the SMS was not sent, and why.
                vals.update(state="canceled", failure_type="sms_optout")
        return super().create(vals_list)
