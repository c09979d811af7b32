from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hijri_datetime_string

AUDIT_ACTIONS = [
    ("view", "Viewed"),
    ("export", "Exported"),
    ("print", "Printed"),
    ("change", "Changed a sensitive field"),
    ("data_export", "Exported a person's data"),
    ("correction", "Corrected on request"),
    ("destruction", "Destroyed personal data"),
    ("retention", "Anonymised by retention"),
    ("consent", "Consent withdrawn"),
]


class AttaAuditLog(models.Model):
    """Who looked at, printed, exported, changed or destroyed personal data, and when.

    Append-only: rows are written by the code paths that do these things, never from a form, and
    no one can edit or delete them. A row names the record (model, id, reference), never the person.
    """

    _name = "atta.audit.log"
    _description = "Audit Trail"
    _order = "id desc"
    _rec_name = "action"
    _log_access = True

    user_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="restrict")
    action = fields.Selection(AUDIT_ACTIONS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", readonly=True, index=True)
    res_id = fields.Integer(string="Record ID", readonly=True, index=True)
    reference = fields.Char(readonly=True, help="The record's number (file, request, data request), not a name.")
    detail = fields.Char(readonly=True, help="What was done: field labels, counts or a report name; never values.")
    date_hijri = fields.Char(string="Hijri Date", compute="_compute_date_hijri")

    @api.depends("create_date")
    @api.depends_context("lang")
    def _compute_date_hijri(self):
        for entry in self:
            entry.date_hijri = hijri_datetime_string(entry, entry.create_date, self.env.lang or "en_US")

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The audit trail cannot be changed."))

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(self.env._("The audit trail cannot be deleted."))

    @api.model
    def _log(self, action, records, detail=False, once_within_minutes=0):
        """Append one row per record; with once_within_minutes, repeated views do not flood the trail."""
        Log = self.sudo()
        user = self.env.user
        if once_within_minutes and records:
            since = fields.Datetime.now() - timedelta(minutes=once_within_minutes)
            seen = set(Log.search([("user_id", "=", user.id), ("action", "=", action),
                                   ("res_model", "=", records._name), ("res_id", "in", records.ids),
                                   ("create_date", ">=", since)]).mapped("res_id"))
            records = records.filtered(lambda r: r.id not in seen)
        return Log.create([{
            "user_id": user.id, "action": action, "res_model": record._name, "res_id": record.id,
            "reference": record._atta_audit_reference() if hasattr(record, "_atta_audit_reference") else False,
            "detail": detail,
        } for record in records])
