from odoo import models


class IrActionsReport(models.Model):
    """Distribution papers use the desk's layout: both calendars, printed only by who may read the record."""

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        values = super()._get_rendering_context(report, docids, data)
        if not (report.report_name or "").startswith("atta_distribution."):
            return values
        # A left-to-right isolate around the digits: «هـ» is printed after the date, not over it.
        return self._atta_paper_context(values, atta_hijri=self._atta_paper_hijri)
