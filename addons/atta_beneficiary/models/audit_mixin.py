from odoo import api, models


def _ids_of(rows):
    return [row["id"] for row in rows]


class AttaAuditMixin(models.AbstractModel):
    """Records whose reading, listing and exporting by staff leave a row in the audit trail [PDPL].

    Every public method a client reads through is covered — `read`, `search_read`, `web_read`,
    `web_search_read`, `web_read_group`, `name_search`, `web_name_search`, `export_data` — with
    one entry per call naming every record it returned, so that a list of 80 rows costs one insert.
    The code's own reads in superuser mode are not logged. Each method writes, so it is marked for a
    read/write cursor (the ORM's `@api.readonly` would send the call to a read-only replica).
    """

    _name = "atta.audit.mixin"
    _description = "Audited Personal Record"

    def _atta_audit_reference(self):
        """The record's number for the trail (a file or request number); never a person's name."""
        return False

    def _atta_audit(self, call, action="view", touched=None, **log_kw):
        return self.env["atta.audit.log"]._log_call(action, self, call, touched=touched, **log_kw)

    def read(self, fields=None, load="_classic_read"):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).read(fields, load=load),
                                detail=self.env._("Read"))

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs), touched=_ids_of,
            detail=self.env._("Searched and read"))

    search_read._readonly = False

    def web_read(self, specification):
        # A form opens one record: opened again within 10 minutes (each save reloads it), one entry.
        if len(self) == 1:
            return self._atta_audit(lambda: super(AttaAuditMixin, self).web_read(specification),
                                    detail=self.env._("Opened"), once_within_minutes=10)
        return self._atta_audit(lambda: super(AttaAuditMixin, self).web_read(specification),
                                detail=self.env._("Listed"))

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit),
            touched=lambda result: _ids_of(result["records"]), detail=self.env._("Listed"))

    web_search_read._readonly = False

    @api.model
    def web_read_group(self, *args, **kwargs):
        # The records of the groups opened are read through web_read inside: they are collected there.
        return self._atta_audit(lambda: super(AttaAuditMixin, self).web_read_group(*args, **kwargs),
                                detail=self.env._("Listed by group"))

    web_read_group._readonly = False

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).name_search(
            name, domain=domain, operator=operator, limit=limit),
            touched=lambda pairs: [pair[0] for pair in pairs], detail=self.env._("Looked up by name"))

    name_search._readonly = False

    @api.model
    def web_name_search(self, name, specification, domain=None, operator="ilike", limit=100):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).web_name_search(
            name, specification, domain=domain, operator=operator, limit=limit), touched=_ids_of,
            detail=self.env._("Looked up by name"))

    web_name_search._readonly = False

    def export_data(self, fields_to_export):
        return self._atta_audit(lambda: super(AttaAuditMixin, self).export_data(fields_to_export), action="export",
                                detail=self.env._("%(count)s fields exported", count=len(fields_to_export)))
