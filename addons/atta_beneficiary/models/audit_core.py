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


class AttaAuditCore(models.AbstractModel):
    """What every record audited for a person shares [PDPL]: the lowest common reads and the look-ups.

    Every read that formats values (read, web_read, search_read and whatever calls them) passes through
    `_read_format`, every copy through `copy_data`, every search through `_search`: a search on
    `_atta_audit_search_fields` (a probe by identity number, mobile or e-mail, a count included) leaves an
    entry naming what it found. An export leaves one too. `atta.audit.mixin` adds the public reads; the
    contact behind a file (res.partner) uses this alone.
    """

    _name = "atta.audit.core"
    _description = "Audited Reads and Look-ups"

    # Fields a search on which looks a person up: such a search, a count included, leaves an entry.
    _atta_audit_search_fields = ()

    def _atta_audit_reference(self):
        """The record's number for the trail (a file or request number); never a person's name."""
        return False

    def _atta_audit_read_details(self):
        """How the trail names a read and a copy of these records."""
        return self.env._("Read"), self.env._("Copied (values read)")

    def _atta_audit_group_field(self, name):
        """Whether grouping by this field lists people: the models using the core alone say which (the mixin's
        models audit every grouping themselves)."""
        return False

    def _atta_audit_group_detail(self, names):
        return self.env._("Listed by group: %(fields)s", fields=field_labels(self, names))

    def _atta_audit_core_grouped(self, call, domain, specs, search_ids=True):
        """A grouped read by a personal field: one entry naming the records behind the groups."""
        names = [name for name in _field_names(specs) if name in self._fields]
        if not any(self._atta_audit_group_field(name) for name in names):
            return call()
        return self._atta_audit(
            call,
            touched=(lambda _result: self.search(domain or []).ids) if search_ids else None,
            detail=self._atta_audit_group_detail(names),
        )

    def _atta_audit(self, call, action="view", touched=None, **log_kw):
        return self.env["atta.audit.log"]._log_call(action, self, call, touched=touched, **log_kw)

    # The public methods of atta.audit.mixin name the call in the trail; a read nested in them joins their entry.
    def _read_format(self, fnames, load="_classic_read"):
        return self._atta_audit(
            lambda: super(AttaAuditCore, self)._read_format(fnames, load=load),
            detail=self._atta_audit_read_details()[0],
        )

    def copy_data(self, default=None):
        return self._atta_audit(
            lambda: super(AttaAuditCore, self).copy_data(default), detail=self._atta_audit_read_details()[1]
        )

    copy_data._readonly = False

    def export_data(self, fields_to_export):
        return self._atta_audit(
            lambda: super(AttaAuditCore, self).export_data(fields_to_export),
            action="export",
            detail=self.env._("%(count)s fields exported", count=len(fields_to_export)),
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        return self.env["atta.audit.log"]._search_logged(
            self, domain, lambda: super(AttaAuditCore, self)._search(domain, *args, **kwargs)
        )

    # A search may write its audit row: marked for a read/write cursor (not a read-only replica).
    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        return super().search(domain, offset=offset, limit=limit, order=order)

    search._readonly = False

    @api.model
    def search_count(self, domain, limit=None):
        return super().search_count(domain, limit=limit)

    search_count._readonly = False

    @api.model
    def web_read_group(self, domain, groupby, aggregates=(), *args, **kwargs):
        # The formatted_read_group inside names the records behind the groups.
        return self._atta_audit_core_grouped(
            lambda: super(AttaAuditCore, self).web_read_group(domain, groupby, aggregates, *args, **kwargs),
            domain,
            list(groupby) + list(aggregates),
            search_ids=False,
        )

    web_read_group._readonly = False

    @api.model
    def formatted_read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        return self._atta_audit_core_grouped(
            lambda: super(AttaAuditCore, self).formatted_read_group(domain, groupby, aggregates, *args, **kwargs),
            domain,
            list(groupby) + list(aggregates),
        )

    formatted_read_group._readonly = False

    @api.model
    def formatted_read_grouping_sets(self, domain, grouping_sets, aggregates=(), **kwargs):
        return self._atta_audit_core_grouped(
            lambda: super(AttaAuditCore, self).formatted_read_grouping_sets(
                domain, grouping_sets, aggregates, **kwargs
            ),
            domain,
            [spec for grouping in grouping_sets for spec in grouping] + list(aggregates),
        )

    formatted_read_grouping_sets._readonly = False

    @api.model
    def read_group(self, domain, fields, groupby, *args, **kwargs):  # pylint: disable=redefined-outer-name
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby)
        return self._atta_audit_core_grouped(
            lambda: super(AttaAuditCore, self).read_group(domain, fields, groupby, *args, **kwargs),
            domain,
            groupby_list + list(fields or ()),
        )

    read_group._readonly = False
