from odoo import fields, models


class AttaBeneficiary(models.Model):
    _inherit = "atta.beneficiary"

    request_ids = fields.One2many("atta.support.request", "beneficiary_id", string="Support Requests")
    request_count = fields.Integer(compute="_compute_request_count")

    def _compute_request_count(self):
        counts = dict(self.env["atta.support.request"]._read_group(
            [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]))
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

    def action_view_requests(self):
        return self._related_action("atta_research.support_request_action")
