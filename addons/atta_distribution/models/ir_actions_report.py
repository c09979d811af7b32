from odoo import fields, models


class IrActionsReport(models.Model):
    """Distribution papers use the desk's layout: both calendars, printed only by who may read the record."""

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        values = super()._get_rendering_context(report, docids, data)
        if not (report.report_name or "").startswith("atta_distribution."):
            return values
        docs = values.get("docs")
        if docs is not None and not self.env.su:
            docs.check_access("read")
        values.update(
            atta_today=fields.Date.context_today(self),
            atta_gregorian=lambda value: value.strftime("%d/%m/%Y") if value else "",
            # A left-to-right isolate around the digits: «هـ» is printed after the date, not over it.
            atta_hijri=self._atta_paper_hijri,
            atta_paper_lang=self._atta_paper_lang,
            atta_lines=self._atta_paper_lines,
        )
        return values
