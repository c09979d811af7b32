from odoo import fields, models


class AttaTeam(models.Model):
    """A team of staff (relations desk, field research, ...): reports read by team, not by person."""

    _name = "atta.team"
    _description = "Staff Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    leader_id = fields.Many2one("res.users", string="Team Leader", domain=[("share", "=", False)])
    member_ids = fields.Many2many(
        "res.users", "atta_team_member_rel", "team_id", "user_id", string="Members", domain=[("share", "=", False)]
    )
    member_count = fields.Integer(compute="_compute_member_count")
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "Another team already has this name.")

    def _compute_member_count(self):
        for team in self:
            team.member_count = len(team.member_ids)
