from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        changes_members = "user_ids" in vals or "implied_ids" in vals
        before = self.all_user_ids if changes_members else self.env["res.users"]
        result = super().write(vals)
        # Users given or taken an Atta role from the group's side: their start screen follows.
        if changes_members:
            (before | self.all_user_ids)._atta_set_home_action()
        return result
