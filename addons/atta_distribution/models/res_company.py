from odoo import fields, models


def _labels(env):
    """The names Atta gives what it creates in a company's books, in the language of `env`."""
    return {
        "cash": env._("Cash aid to beneficiaries"),
        "in_kind": env._("In-kind aid to beneficiaries"),
        "donation": env._("Donations received"),
        "zakat": env._("Zakat received"),
        "location": env._("Aid handed over to beneficiaries"),
    }


class ResCompany(models.Model):
    _inherit = "res.company"

    atta_cash_aid_account_id = fields.Many2one(
        "account.account", string="Cash Aid Account", help="Default cash aid expense account of new funds."
    )
    atta_in_kind_aid_account_id = fields.Many2one(
        "account.account", string="In-kind Aid Account", help="Default in-kind aid expense account of new funds."
    )
    atta_donation_account_id = fields.Many2one(
        "account.account", string="Donations Account", help="Income account of donations recorded into a fund."
    )
    atta_zakat_account_id = fields.Many2one(
        "account.account", string="Zakat Account", help="Income account of Zakat recorded into the Zakat fund."
    )
    atta_aid_location_id = fields.Many2one(
        "stock.location",
        string="Aid Location",
        help="Where kits handed over go: its valuation account books them as in-kind aid at stock cost.",
    )

    def _atta_setup_accounting(self):
        """Aid and donation accounts, the aid location and the kits' valuation for each company that has a chart
        of accounts. Safe to call again: what exists is kept."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        labels = {lang: _labels(self.with_context(lang=lang).env) for lang in langs}
        Account = self.env["account.account"].sudo()
        for company in self.sudo().filtered("chart_template"):
            Account = Account.with_company(company)

            def account(field, key, account_type, start, company=company, Account=Account):
                if company[field]:
                    return company[field]
                record = Account.with_context(lang="en_US").create(
                    {
                        "name": _labels(self.with_context(lang="en_US").env)[key],
                        "code": Account._search_new_account_code(start or "9000"),
                        "account_type": account_type,
                        "company_ids": [(6, 0, company.ids)],
                    }
                )
                record.update_field_translations("name", {lang: names[key] for lang, names in labels.items()})
                company[field] = record
                return record

            expense_code = company.expense_account_id.code
            income_code = company.income_account_id.code
            account("atta_cash_aid_account_id", "cash", "expense", expense_code)
            in_kind = account("atta_in_kind_aid_account_id", "in_kind", "expense", expense_code)
            account("atta_donation_account_id", "donation", "income_other", income_code)
            account("atta_zakat_account_id", "zakat", "income_other", income_code)
            if not company.atta_aid_location_id:
                # A location's name is not translated: it takes the association's language.
                lang = company.partner_id.lang if company.partner_id.lang in labels else "en_US"
                company.atta_aid_location_id = (
                    self.env["stock.location"]
                    .sudo()
                    .create(
                        {
                            "name": _labels(self.with_context(lang=lang).env)["location"],
                            "usage": "customer",
                            "location_id": self.env.ref("stock.stock_location_customers").id,
                            "company_id": company.id,
                            "valuation_account_id": in_kind.id,
                        }
                    )
                )
            elif not company.atta_aid_location_id.valuation_account_id:
                # A chart loaded again (a demo database given its country's chart) removed the old accounts.
                company.atta_aid_location_id.sudo().valuation_account_id = in_kind
            category = self.env.ref("atta_distribution.product_category_aid_kit").sudo().with_company(company)
            if category.property_valuation != "real_time":
                category.property_valuation = "real_time"
