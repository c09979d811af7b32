from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """A company given its chart of accounts gets the aid and donation accounts funds book on."""
        result = super()._post_load_data(template_code, company, template_data)
        (company or self.env.company)._atta_setup_accounting()
        return result
