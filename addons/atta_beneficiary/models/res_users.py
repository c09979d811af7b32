from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.roles import MANAGER


class ResUsers(models.Model):
    _inherit = "res.users"

    atta_team_ids = fields.Many2many("atta.team", "atta_team_member_rel", "user_id", "team_id", string="Atta Teams")

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._atta_set_home_action()
        return users

    def write(self, vals):
        # Odoo writes a user's own name, e-mail and phone in superuser mode: a beneficiary's login changes none of
        # them around the file (checked, tracked and audited there, by the relations officers).
        if self.env["res.partner"]._atta_file_contact_fields() & set(vals) and not self.env.su:
            files = self.partner_id._atta_files()
            if files and not files.has_access("write"):
                raise AccessError(
                    self.env._(
                        "This contact is a beneficiary's: their name, mobile, e-mail and address change on their "
                        "file, by the relations officers."
                    )
                )
        result = super().write(vals)
        if "group_ids" in vals:
            self._atta_set_home_action()
        return result

    def _atta_team(self):
        """The team a staff member's work counts towards: their first team in the configured order."""
        return self[:1].atta_team_ids.sorted()[:1]

    @api.model
    def _atta_manager(self):
        """The Atta manager who receives escalations and unassigned follow-ups (a real person, not OdooBot)."""
        root = self.env.ref("base.user_root")
        return self.env.ref(MANAGER).user_ids.filtered(lambda user: not user.share and user.active and user != root)[:1]

    def _atta_set_home_action(self):
        """Staff given an Atta role start their day on Atta's start screen instead of Discuss.

        A home action someone chose is kept; a user who loses every Atta role loses the start screen.
        """
        home = self.env.ref("atta_beneficiary.home_action", raise_if_not_found=False)
        category = self.env.ref("atta_beneficiary.module_category_atta", raise_if_not_found=False)
        if not home or not category:
            return
        # sudo: the caller may change these users' roles; the home action follows the roles, and
        # "Access Rights" administrators cannot read actions (as in res.users._check_action_id).
        root = self.env.ref("base.user_root")
        # Membership may have just changed from the group's side: read it fresh.
        self.invalidate_recordset(["group_ids", "all_group_ids"])
        users = self.sudo().filtered(lambda u: not u.share and u != root)
        staff = users.filtered(lambda u: category in u.all_group_ids.privilege_id.category_id)
        staff.filtered(lambda u: not u.action_id).write({"action_id": home.id})
        (users - staff).filtered(lambda u: u.action_id.id == home.id).write({"action_id": False})

    @api.model
    def _atta_install_home_action(self):
        """At install: the staff who already hold an Atta role get the start screen."""
        self.with_context(active_test=False).search([("share", "=", False)])._atta_set_home_action()
