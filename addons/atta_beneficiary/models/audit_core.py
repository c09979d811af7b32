from odoo import api, models


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
