from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AttaCommittee(models.Model):
    """The research committee that decides on requests [S7.5]."""

    _name = "atta.committee"
    _description = "Research Committee"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    chair_id = fields.Many2one("res.users", required=True, tracking=True, domain=[("share", "=", False)])
    member_ids = fields.Many2many("res.users", string="Members", domain=[("share", "=", False)])
    quorum = fields.Integer(
        required=True, default=3, tracking=True, help="Members who must attend a session for its decisions to count."
    )
    support_type_ids = fields.Many2many(
        "atta.support.type",
        string="Support Types Decided",
        help="Requests of these types go to this committee. Leave empty for every type.",
    )
    session_ids = fields.One2many("atta.committee.session", "committee_id", string="Sessions")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.constrains("chair_id", "member_ids", "quorum")
    def _check_members(self):
        for committee in self:
            if committee.chair_id not in committee.member_ids:
                raise ValidationError(
                    self.env._("The chair of “%(name)s” must be one of its members.", name=committee.name)
                )
            if not 1 <= committee.quorum <= len(committee.member_ids):
                raise ValidationError(
                    self.env._(
                        "The quorum of “%(name)s” must be between 1 and its number of members (%(count)s).",
                        name=committee.name,
                        count=len(committee.member_ids),
                    )
                )

    @api.model
    def _for_support_type(self, support_type):
        committees = self.search([("support_type_ids", "in", support_type.ids)], limit=1)
        return committees or self.search([("support_type_ids", "=", False)], limit=1)
