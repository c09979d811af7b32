from odoo import api, models
from odoo.exceptions import AccessError

# Besides Atta's own records: the files of those records.
GUARDED_MODELS = ("ir.attachment",)


class IrDefault(models.Model):
    """Defaults of the association's records are set by an administrator, not saved by a user for themselves.

    A user's own default (the debug menu's "Set Default", or `ir.default.set` over RPC) fills a new record
    inside `create`, after the checks made on the values it was given, and reaches what a step creates in
    superuser mode on the user's behalf.
    """

    _inherit = "ir.default"

    @api.model_create_multi
    def create(self, vals_list):
        self._atta_check_field_ids([vals.get("field_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._atta_check_field_ids(self.field_id.ids + [vals.get("field_id")])
        return super().write(vals)

    def _atta_check_field_ids(self, field_ids):
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        models_ = self.env["ir.model.fields"].sudo().browse([fid for fid in field_ids if fid]).mapped("model")
        if any(model.startswith("atta.") or model in GUARDED_MODELS for model in models_):
            raise AccessError(
                self.env._(
                    "Default values of the association's records are set by an administrator (Settings), not saved "
                    "for oneself."
                )
            )
