from odoo import http

from odoo.addons.web.controllers.report import ReportController


def _readonly_unless_atta_report(controller, rule, args):
    # Printing an Atta document writes its audit row: such a request needs a read/write cursor.
    return not (args.get("reportname") or "").startswith("atta_")


class AttaReportController(ReportController):
    """/report/html and /report/pdf of Atta documents write the audit trail (see ir.actions.report)."""

    @http.route(readonly=_readonly_unless_atta_report)
    def report_routes(self, *args, **kwargs):
        return super().report_routes(*args, **kwargs)
