from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    atta_team_ids = fields.Many2many("atta.team", "atta_team_member_rel", "user_id", "team_id", string="Atta Teams")

    def _atta_team(self):
        """The team a staff member's work counts towards: their first team in the configured order."""
        return self[:1].atta_team_ids.sorted()[:1]

    @api.model
    def _atta_manager(self):
        """The Atta manager who receives escalations and unassigned follow-ups (a real person, not OdooBot)."""
        root = self.env.ref("base.user_root")
        return self.env.ref("atta_beneficiary.group_manager").user_ids.filtered(
            lambda user: not user.share and user.active and user != root
        )[:1]
