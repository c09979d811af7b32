from odoo import fields, models


class AttaComplaintCategory(models.Model):
    """What a complaint or suggestion is about, who answers it by default and how soon [S3.3, S4]."""

    _name = "atta.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Default Owner",
        domain=[("share", "=", False)],
        help="Who answers the complaints of this category; when empty, the leader of the team below.",
    )
    team_id = fields.Many2one("atta.team", help="The team that answers this category; its leader owns the complaints.")
    answer_days = fields.Integer(
        string="Working Days to Answer",
        default=5,
        help="The answer is promised within these working days on the association's calendar.",
    )
    website_published = fields.Boolean(
        string="On the Public Form", default=True, help="Offered on the public complaint form."
    )
    active = fields.Boolean(default=True)

    _answer_days_positive = models.Constraint("CHECK(answer_days > 0)", "The days to answer must be at least one.")

    def _default_owner(self):
        """The category's owner, else its team's leader, else the Atta manager."""
        self.ensure_one()
        return self.user_id or self.team_id.leader_id or self.env["res.users"]._atta_manager()
