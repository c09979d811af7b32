from odoo import fields, models


class AttaPolicyAcknowledgement(models.Model):
    _name = "atta.policy.acknowledgement"
    _description = "Policy Acknowledgement"
    _order = "date desc"
    _rec_name = "user_id"

    version_id = fields.Many2one("atta.policy.version", required=True, ondelete="cascade", index=True)
    policy_id = fields.Many2one(related="version_id.policy_id", store=True)
    user_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)

    _version_user_unique = models.Constraint(
        "UNIQUE(version_id, user_id)", "You have already acknowledged this version."
    )
