from contextvars import ContextVar
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, OrderedSet

from ..tools import hijri_datetime_string

AUDIT_ACTIONS = [
    ("view", "Viewed"),
    ("export", "Exported"),
    ("print", "Printed"),
    ("download", "Downloaded a file"),
    ("change", "Changed a sensitive field"),
    ("delete", "Deleted a file"),
    ("data_export", "Exported a person's data"),
    ("correction", "Corrected on request"),
    ("destruction", "Destroyed personal data"),
    ("retention", "Anonymised by retention"),
    ("consent", "Consent withdrawn"),
    ("import", "Imported from a workbook"),
    ("signed", "Declaration or consent recorded"),
]
# References kept on one entry; the ids of every record touched are always kept in full.
MAX_REFERENCES = 20

# The audited call running in this thread: {"model": name, "ids": {model: OrderedSet}} or None. Reads
# made inside it (a list's web_search_read calls web_read, which calls read; a PDF renders its HTML) add
# their records to it instead of writing entries of their own, so that one call leaves one entry per
# model read: the outer model's, and one more for each other audited model a nested read reached (a
# request's form reading its beneficiary's identity number and family).
_AUDITED_CALL = ContextVar("atta_audited_call", default=None)
# The labels of the probes found by the audited search running in this thread (see `_search_logged`), or None.
_AUDITED_SEARCH = ContextVar("atta_audited_search", default=None)
# The operators whose value is a domain on the comodel of the path they end on.
_SUB_DOMAIN_OPERATORS = ("any", "not any", "any!", "not any!")


def _probe_labels(model, domain, depth=0):
    """The labels of the fields by which `domain` looks a person up on `model`, following dotted paths and
    sub-domains to the models they reach."""
    labels = []
    for condition in Domain(domain).iter_conditions():
        current = model
        for part in condition.field_expr.split("."):
            field = current._fields.get(part)
            if field is None:
                break
            if part in getattr(current, "_atta_audit_search_fields", ()):
                labels.append(field._description_string(model.env))
                break
            if not field.relational:
                break
            current = model.env[field.comodel_name]
        else:
            value = condition.value
            if condition.operator in _SUB_DOMAIN_OPERATORS and isinstance(value, (Domain, list, tuple)) and depth < 4:
                labels.extend(_probe_labels(current, value, depth + 1))
    return labels


class AttaAuditLog(models.Model):
    """Who looked at, printed, exported, downloaded, changed or destroyed personal data, and when.

    Append-only: rows are written by the code paths that do these things, never from a form, and
    no one can edit or delete them — the ORM refuses, and so does the database (a trigger made in
    `init`), whatever SQL is sent. A row names the records (model, ids, references), never the person.
    """

    _name = "atta.audit.log"
    _description = "Audit Trail"
    _order = "id desc"
    _rec_name = "action"
    _log_access = True

    user_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="restrict")
    action = fields.Selection(AUDIT_ACTIONS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", readonly=True, index=True)
    res_model_name = fields.Char(string="Record Type", compute="_compute_res_model_name")
    res_id = fields.Integer(
        string="Record ID", readonly=True, index=True, help="The record, when the call touched exactly one."
    )
    res_ids = fields.Text(string="Record IDs", readonly=True, help="Every record the call touched, by id.")
    res_count = fields.Integer(string="Records", readonly=True)
    record_id = fields.Integer(
        string="Touched Record",
        compute="_compute_record_id",
        search="_search_record_id",
        help="Find every entry that touched this record id, alone or in a list.",
    )
    reference = fields.Char(readonly=True, help="The records' numbers (file, request, data request), not names.")
    detail = fields.Char(readonly=True, help="What was done: field labels, counts or a report name; never values.")
    date_hijri = fields.Char(string="Hijri Date", compute="_compute_date_hijri")

    def init(self):
        # The database itself refuses to change or remove an entry: a raw UPDATE, DELETE or TRUNCATE
        # through any cursor fails. Statement-level, so even a statement that matches no row is refused.
        # Keep this in mind when adding a column with a default to this model: fill it by a migration
        # that disables the trigger explicitly, under the owner's responsibility.
        cr = self.env.cr
        cr.execute(
            SQL("""
            CREATE OR REPLACE FUNCTION atta_audit_log_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'atta_audit_log is append-only: %% refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        """)
        )
        cr.execute(
            SQL(
                "SELECT 1 FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = %s",
                self._table,
                "atta_audit_log_append_only",
            )
        )
        if not cr.fetchone():
            cr.execute(
                SQL(
                    """
                CREATE TRIGGER atta_audit_log_append_only
                BEFORE UPDATE OR DELETE OR TRUNCATE ON %s
                FOR EACH STATEMENT EXECUTE FUNCTION atta_audit_log_refuse_change()
            """,
                    SQL.identifier(self._table),
                )
            )

    @api.depends("create_date")
    @api.depends_context("lang")
    def _compute_res_model_name(self):
        # The model's description in the reader's language ("ملف المستفيد", not "atta.beneficiary");
        # model descriptions are no secret, so they are looked up whoever reads the trail.
        names = {}
        IrModel = self.env["ir.model"].sudo()
        for entry in self:
            model = entry.res_model
            if model and model not in names:
                names[model] = IrModel._get(model).name or model
            entry.res_model_name = names.get(model, "")

    def _compute_date_hijri(self):
        for entry in self:
            entry.date_hijri = hijri_datetime_string(entry, entry.create_date, self.env.lang or "en_US")

    def _compute_record_id(self):
        for entry in self:
            entry.record_id = entry.res_id

    def _search_record_id(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = Domain.FALSE
        for record_id in value:
            if not isinstance(record_id, int):
                continue
            domain |= (
                Domain("res_ids", "=", str(record_id))
                | Domain("res_ids", "=like", f"{record_id},%")
                | Domain("res_ids", "=like", f"%,{record_id}")
                | Domain("res_ids", "=like", f"%,{record_id},%")
            )
        return domain

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The audit trail cannot be changed."))

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(self.env._("The audit trail cannot be deleted."))

    @api.model
    def _log(self, action, records, detail=False, once_within_minutes=0):
        """Append one row for this call, naming every record it touched.

        With once_within_minutes, a record opened again the same way by the same user within that
        time is not logged again (a form reloads its record after each save).
        """
        vals = self._log_vals(action, records, detail=detail, once_within_minutes=once_within_minutes)
        return self._append(vals) if vals else self.browse()

    @api.model
    def _append(self, vals_list):
        if self.env.cr.readonly:
            # A route Odoo runs on a read-only cursor (the chatter's /mail/data, showing the record's own name) cannot
            # append; retrying it on a read/write cursor breaks its store. The client's reads (read, web_read,
            # search_read ...) are marked for a read/write cursor above, so they always leave their entry.
            return self.browse()
        # Superuser mode to append only: no one writes the trail by hand (no create right on it).
        return self.sudo().create(vals_list)

    @api.model
    def _log_vals(self, action, records, detail=False, once_within_minutes=0, always=False):
        """The values of the row for `records`; None when there is nothing to log.

        With `always`, a call that returned no record still leaves a row naming what it read (a grouped
        read's totals).
        """
        if not records and not always:
            return None
        user = self.env.user
        ids = list(OrderedSet(records._ids))
        if once_within_minutes and len(ids) == 1:
            since = fields.Datetime.now() - timedelta(minutes=once_within_minutes)
            if self.sudo().search_count(
                [
                    ("user_id", "=", user.id),
                    ("action", "=", action),
                    ("res_model", "=", records._name),
                    ("res_id", "=", ids[0]),
                    ("detail", "=", detail),
                    ("create_date", ">=", since),
                ],
                limit=1,
            ):
                return None
        return {
            "user_id": user.id,
            "action": action,
            "res_model": records._name,
            "res_id": ids[0] if len(ids) == 1 else 0,
            "res_ids": ",".join(map(str, ids)),
            "res_count": len(ids),
            "reference": self._references(records.browse(ids)),
            "detail": detail,
        }

    @api.model
    def _references(self, records):
        if not hasattr(records, "_atta_audit_reference"):
            return False
        references = list(OrderedSet(filter(None, (record._atta_audit_reference() for record in records.sudo()))))
        if len(references) > MAX_REFERENCES:
            return ", ".join(references[:MAX_REFERENCES]) + f" … (+{len(references) - MAX_REFERENCES})"
        return ", ".join(references) or False

    @api.model
    def _search_logged(self, model, domain, call):
        """Run `call()`, a search of `model` by `domain`, and leave one entry when the domain looks a person up.

        A probe is a condition on one of the searched fields of a model (`_atta_audit_search_fields`: an identity
        number, a mobile), on the searched model or at the end of a path through it (`beneficiary_id.
        identity_number`, `partner_id.phone`). The entry names what the search found, even when the caller only
        counts; the searches the ORM makes inside it (a path's sub-query) add their probes to it instead of
        leaving entries of their own. Inside another audited call, that call's own entry names what it returned;
        the code's own searches in superuser mode leave none.
        """
        if model.env.su or _AUDITED_CALL.get() is not None:
            return call()
        outer = _AUDITED_SEARCH.get()
        if outer is not None:
            outer.update(_probe_labels(model, domain))
            return call()
        probes = OrderedSet()
        token = _AUDITED_SEARCH.set(probes)
        try:
            query = call()
        finally:
            _AUDITED_SEARCH.reset(token)
        probes = OrderedSet(_probe_labels(model, domain)) | probes
        if not probes:
            return query
        found = model.browse(query.get_result_ids())
        # A model that keeps only some of its records in the trail (the contacts of beneficiaries) logs a search
        # that found none of them as nothing; a search of a person's file is logged even when it found nothing.
        filtered = hasattr(found, "_atta_audit_kept")
        vals = self._log_vals(
            "view",
            found._atta_audit_kept() if filtered else found,
            detail=self.env._("Searched by %(fields)s", fields=", ".join(sorted(probes))),
            always=not filtered,
        )
        if vals:
            self._append(vals)
        return query

    @api.model
    def _log_call(self, action, records, call, touched=None, detail=False, once_within_minutes=0, always=False):
        """Run `call()`, a user's read of `records`' model, and log it as one entry per model read.

        `touched(result)` gives the ids the call returned (a search), else `records` are logged.
        Calls in superuser mode (the code's own reads) and calls made inside another audited call
        leave no entry of their own: their records join the outer call's entries, one per model, all
        written by one INSERT. With `always`, the outer call leaves a row even with no record.
        """
        if records.env.su:
            return call()
        outer = _AUDITED_CALL.get()
        if outer is not None:
            result = call()
            outer["ids"].setdefault(records._name, OrderedSet()).update(touched(result) if touched else records._ids)
            return result
        frame = {"model": records._name, "ids": {records._name: OrderedSet()}}
        token = _AUDITED_CALL.set(frame)
        try:
            result = call()
            # Inside the frame: a search `touched` makes to name the records is part of this call.
            frame["ids"][records._name].update(touched(result) if touched else records._ids)
        finally:
            _AUDITED_CALL.reset(token)
        vals_list = []
        for model, model_ids in frame["ids"].items():
            # New records of a form being edited (onchange) are not stored data: not a view.
            read = records.env[model].browse([id_ for id_ in model_ids if isinstance(id_, int)])
            if hasattr(read, "_atta_audit_kept"):
                read = read._atta_audit_kept()  # e.g. only the attachments of Atta records
            inner = model != records._name
            vals = self._log_vals(
                action,
                read,
                once_within_minutes=0 if inner else once_within_minutes,
                always=always and not inner,
                detail=self.env._("Read with %(model)s", model=records._description) if inner else detail,
            )
            if vals:
                vals_list.append(vals)
        if vals_list:
            self._append(vals_list)
        return result
