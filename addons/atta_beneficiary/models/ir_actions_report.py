from odoo import models


class IrActionsReport(models.Model):
    """Printing an Atta document (a file, a letter, minutes) leaves a row in the audit trail."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        result = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if res_ids and report.model.startswith("atta.") and not self.env.su:
            records = self.env[report.model].browse([res_ids] if isinstance(res_ids, int) else res_ids)
            self.env["atta.audit.log"]._log("print", records, detail=report.name)
        return result
