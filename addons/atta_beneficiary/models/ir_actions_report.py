from odoo import models

from ..tools.rtl_print import split_mixed_runs


class IrActionsReport(models.Model):
    """Printing an Atta document (a file, a letter, minutes), as a PDF or on screen, leaves one audit row."""

    _inherit = "ir.actions.report"

    def _atta_audited_render(self, report_ref, res_ids, call):
        report = self._get_report(report_ref)
        if not res_ids or not report.model or not report.model.startswith("atta."):
            return call()
        records = self.env[report.model].browse([res_ids] if isinstance(res_ids, int) else res_ids)
        # A PDF is rendered from the report's HTML: the outer call logs, the inner one adds nothing.
        return self.env["atta.audit.log"]._log_call("print", records, call, detail=report.name)

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        return self._atta_audited_render(
            report_ref,
            res_ids,
            lambda: super(IrActionsReport, self)._render_qweb_pdf(report_ref, res_ids=res_ids, data=data),
        )

    def _render_qweb_html(self, report_ref, docids, data=None):
        return self._atta_audited_render(
            report_ref, docids, lambda: super(IrActionsReport, self)._render_qweb_html(report_ref, docids, data=data)
        )

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        report = self._get_report(report_ref) if report_ref else self
        if (report.model or "").startswith("atta."):
            # wkhtmltopdf on Qt 5 misplaces Arabic mixed with digits or punctuation (see rtl_print).
            bodies = [split_mixed_runs(body) for body in bodies]
            header, footer = split_mixed_runs(header), split_mixed_runs(footer)
        return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, header=header, footer=footer, **kwargs)
