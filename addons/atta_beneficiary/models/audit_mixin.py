from odoo import api, models

from ..tools import field_labels
from .audit_core import _field_names, _ids_of


class AttaAuditMixin(models.AbstractModel):
    """Records whose reading, listing and exporting by staff leave a row in the audit trail [PDPL].

    Every public method a client reads through is covered — `read`, `search_read`, `web_read`,
    `web_search_read`, `web_read_group`, `formatted_read_group`, `formatted_read_grouping_sets`,
    `read_group`, `name_search`, `web_name_search`, `export_data` — with one entry per call naming
    every record it returned, so that a list of 80 rows costs one insert. A grouped read names the
    fields it grouped and totalled, and the records behind its groups when those fields say something
    about a person (anything but `_atta_audit_plain_fields`).
    Underneath them, `_read_format` (any read that formats values), `copy_data` and `_search` with a domain on
    `_atta_audit_search_fields` (a probe by identity number, a count included) are covered too.
    The code's own reads in superuser mode are not logged. Each method writes, so it is marked for a
    read/write cursor (the ORM's `@api.readonly` would send the call to a read-only replica).
    """

    _name = "atta.audit.mixin"
    _inherit = ["atta.audit.core"]
    _description = "Audited Personal Record"
    # Fields whose groups or totals tell nothing about a person: grouping by them alone logs no record ids.
    _atta_audit_plain_fields = (
        "state",
        "active",
        "company_id",
        "create_date",
        "write_date",
        "create_uid",
        "write_uid",
        "user_id",
    )

    def read(self, fields=None, load="_classic_read"):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).read(fields, load=load), detail=self.env._("Read"))

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).search_read(
                domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
            ),
            touched=_ids_of,
            detail=self.env._("Searched and read"),
        )

    search_read._readonly = False

    def _atta_audit_grouped(self, call, domain, names, search_ids=True):
        """One entry for a grouped read: the fields it read, and the records behind the groups when one
        of those fields is personal (searched with the user's own rights, as the groups were)."""
        names = [name for name in names if name in self._fields]
        personal = set(names) - set(self._atta_audit_plain_fields)
        detail = (
            self.env._("Listed by group: %(fields)s", fields=field_labels(self, names))
            if names
            else self.env._("Listed by group")
        )
        touched = (lambda _result: self.search(domain or []).ids) if personal and search_ids else None
        return self._atta_audit(call, touched=touched, detail=detail, always=True)

    def web_read(self, specification):
        if not specification:
            # Ids only (a many2one shown by its name, read apart in superuser mode): nothing read.
            return super().web_read(specification)
        # A form opens one record: opened again within 10 minutes (each save reloads it), one entry.
        if len(self) == 1:
            return self._atta_audit(
                lambda: super(AttaAuditMixin, self).web_read(specification),
                detail=self.env._("Opened"),
                once_within_minutes=10,
            )
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).web_read(specification), detail=self.env._("Listed")
        )

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).web_search_read(
                domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
            ),
            touched=lambda result: _ids_of(result["records"]),
            detail=self.env._("Listed"),
        )

    web_search_read._readonly = False

    @api.model
    def web_read_group(self, domain, groupby, aggregates=(), *args, **kwargs):
        # The records of the groups opened are read through web_read inside: they are collected there.
        return self._atta_audit_grouped(
            lambda: super(AttaAuditMixin, self).web_read_group(domain, groupby, aggregates, *args, **kwargs),
            # The formatted_read_group inside collects the records behind the groups.
            domain,
            _field_names(list(groupby) + list(aggregates)),
            search_ids=False,
        )

    web_read_group._readonly = False

    @api.model
    def formatted_read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        return self._atta_audit_grouped(
            lambda: super(AttaAuditMixin, self).formatted_read_group(domain, groupby, aggregates, *args, **kwargs),
            domain,
            _field_names(list(groupby) + list(aggregates)),
        )

    formatted_read_group._readonly = False

    @api.model
    def formatted_read_grouping_sets(self, domain, grouping_sets, aggregates=(), **kwargs):
        return self._atta_audit_grouped(
            lambda: super(AttaAuditMixin, self).formatted_read_grouping_sets(
                domain, grouping_sets, aggregates, **kwargs
            ),
            domain,
            _field_names([spec for grouping in grouping_sets for spec in grouping] + list(aggregates)),
        )

    formatted_read_grouping_sets._readonly = False

    @api.model
    def read_group(self, domain, fields, groupby, *args, **kwargs):
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby)
        return self._atta_audit_grouped(
            lambda: super(AttaAuditMixin, self).read_group(domain, fields, groupby, *args, **kwargs),
            domain,
            _field_names(groupby_list + list(fields or ())),
        )

    read_group._readonly = False

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).name_search(name, domain=domain, operator=operator, limit=limit),
            touched=lambda pairs: [pair[0] for pair in pairs],
            detail=self.env._("Looked up by name"),
        )

    name_search._readonly = False

    @api.model
    def web_name_search(self, name, specification, domain=None, operator="ilike", limit=100):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).web_name_search(
                name, specification, domain=domain, operator=operator, limit=limit
            ),
            touched=_ids_of,
            detail=self.env._("Looked up by name"),
        )

    web_name_search._readonly = False
