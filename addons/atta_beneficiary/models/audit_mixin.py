from odoo import models


class AttaAuditMixin(models.AbstractModel):
    """Records whose opening and exporting by staff leave a row in the audit trail."""

    _name = "atta.audit.mixin"
    _description = "Audited Personal Record"

    def _atta_audit_reference(self):
        """The record's number for the trail (a file or request number); never a person's name."""
        return False

    def web_read(self, specification):
        # A form opens one record through web_read; lists and kanbans use web_search_read.
        if len(self) == 1 and not self.env.su:
            self.env["atta.audit.log"]._log("view", self, once_within_minutes=10)
        return super().web_read(specification)

    def export_data(self, fields_to_export):
        if not self.env.su:
            self.env["atta.audit.log"]._log("export", self, detail=self.env._(
                "%(count)s fields exported", count=len(fields_to_export)))
        return super().export_data(fields_to_export)
