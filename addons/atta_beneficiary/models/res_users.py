from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _atta_manager(self):
        """The Atta manager who receives escalations and unassigned follow-ups (a real person, not OdooBot)."""
        root = self.env.ref("base.user_root")
        return self.env.ref("atta_beneficiary.group_manager").user_ids.filtered(
            lambda user: not user.share and user.active and user != root)[:1]
