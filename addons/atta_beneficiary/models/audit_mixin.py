import re

from odoo import api, models

from ..tools import field_labels

# A field in a groupby ("date:month", "partner_id.country_id") or an aggregate ("amount:sum",
# "total:sum(amount)", "__count").
_FIELD_OF_SPEC = re.compile(r"^(?:\w+:\w+\((\w+)\)|(\w+))")


def _ids_of(rows):
    return [row["id"] for row in rows]


def _field_names(specs):
    names = []
    for spec in specs or ():
        match = _FIELD_OF_SPEC.match(spec)
        name = match and (match.group(1) or match.group(2))
        if name and name != "__count" and name not in names:
            names.append(name)
    return names


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

    # Fields a search on which looks a person up (a probe by identity number or mobile): such a search, a count
    # included, leaves an entry naming what it found.
    _atta_audit_search_fields = ()

    def _atta_audit_reference(self):
        """The record's number for the trail (a file or request number); never a person's name."""
        return False

    # The lowest common levels: every read that formats values (read, web_read, search_read and whatever calls
    # them) passes through _read_format, every copy through copy_data, every search through _search. The public
    # methods below name the call in the trail; a read nested in them joins their entry.
    def _read_format(self, fnames, load="_classic_read"):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self)._read_format(fnames, load=load), detail=self.env._("Read")
        )

    def copy_data(self, default=None):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).copy_data(default), detail=self.env._("Copied (values read)")
        )

    copy_data._readonly = False

    @api.model
    def _search(self, domain, *args, **kwargs):
        return self.env["atta.audit.log"]._search_logged(
            self, domain, lambda: super(AttaAuditMixin, self)._search(domain, *args, **kwargs)
        )

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        return super().search(domain, offset=offset, limit=limit, order=order)

    search._readonly = False

    @api.model
    def search_count(self, domain, limit=None):
        return super().search_count(domain, limit=limit)

    search_count._readonly = False

    def _atta_audit(self, call, action="view", touched=None, **log_kw):
        return self.env["atta.audit.log"]._log_call(action, self, call, touched=touched, **log_kw)

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

    def export_data(self, fields_to_export):
        return self._atta_audit(
            lambda: super(AttaAuditMixin, self).export_data(fields_to_export),
            action="export",
            detail=self.env._("%(count)s fields exported", count=len(fields_to_export)),
        )
