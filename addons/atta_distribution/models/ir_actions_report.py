from odoo import models

from odoo.addons.atta_beneficiary.tools import hijri_date_string


class IrActionsReport(models.Model):
    """Distribution papers use the desk's layout: both calendars, printed only by who may read the record."""

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        values = super()._get_rendering_context(report, docids, data)
        if not (report.report_name or "").startswith("atta_distribution."):
            return values
        return self._atta_paper_context(
            values, atta_hijri=lambda value, lang=None: hijri_date_string(value, lang or self.env.lang or "ar")
        )
