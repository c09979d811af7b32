from odoo import models


class AttaSupportRequest(models.Model):
    _inherit = "atta.support.request"

    def _atta_anonymize(self):
        """Retention of a closed request reaches the online application it came from: its text and address go."""
        erasing = self.sudo().with_context(atta_erasing=True, tracking_disable=True, mail_notrack=True)
        applications = erasing.env["atta.online.application"].search([("request_id", "in", self.ids)])
        self.env["atta.beneficiary"]._atta_wipe_traces(applications)
        applications.write({"description": False, "ip_address": False})
        return super()._atta_anonymize()
