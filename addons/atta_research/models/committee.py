from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


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

    @api.model
    def _atta_setup_default_committee(self, chair_login=None):
        """First start (config/start-atta.sh): one committee deciding every support type [S7.5].

        A fresh install has none, and a request of a type no committee decides waits for nobody. Once
        every active type has its committee this does nothing, so the setup may run again. The chair is
        the user whose login is given (ATTA_COMMITTEE_CHAIR in .env), otherwise the administrator; the
        chair is its only member, with a quorum of one, until the manager names the others.
        """
        support_types = self.env["atta.support.type"].search([("active", "=", True)])
        if all(self._for_support_type(support_type) for support_type in support_types):
            return self.browse()
        if chair_login:
            chair = self.env["res.users"].search([("login", "=", chair_login), ("share", "=", False)], limit=1)
            if not chair:
                raise UserError(
                    self.env._(
                        "No staff user has the login %(login)s named by ATTA_COMMITTEE_CHAIR: create that user or "
                        "empty ATTA_COMMITTEE_CHAIR in the .env file, and start again.",
                        login=chair_login,
                    )
                )
        else:
            chair = self.env.ref("base.user_admin")
        # The chair votes and runs the sessions: the role comes with the chair.
        chair.group_ids = [Command.link(self.env.ref("atta_research.group_committee_member").id)]
        # Named in the association's language (Arabic since the setup), not in the setup shell's English.
        lang = self.env.company.partner_id.lang or self.env.lang
        return self.create(
            {
                "name": self.with_context(lang=lang).env._("Research Committee"),
                "chair_id": chair.id,
                "member_ids": [Command.set(chair.ids)],
                "quorum": 1,
            }
        )
