from odoo import fields, models


class AttaChannel(models.Model):
    """A way the association and a beneficiary reach each other (policy [S5])."""

    _name = "atta.channel"
    _description = "Contact Channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    icon = fields.Char(help="Font Awesome icon class shown on cards, e.g. fa-phone.")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    interaction_count = fields.Integer(compute="_compute_interaction_count")

    _code_unique = models.Constraint("UNIQUE(code)", "Another channel already uses this code.")

    def _compute_interaction_count(self):
        counts = dict(
            self.env["atta.interaction"]._read_group([("channel_id", "in", self.ids)], ["channel_id"], ["__count"])
        )
        for channel in self:
            channel.interaction_count = counts.get(channel, 0)

    def action_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("atta_beneficiary.interaction_action")
        action["domain"] = [("channel_id", "=", self.id)]
        action["context"] = {"default_channel_id": self.id}
        return action
