from odoo import fields, models


class ResGroupsPrivilege(models.Model):
    _inherit = "res.groups.privilege"

    # The choice "no role" of a privilege on the user form: shown in the reader's language, not always "No".
    placeholder = fields.Char(translate=True)
