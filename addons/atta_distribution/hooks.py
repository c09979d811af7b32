def post_init_hook(env):
    """Companies that already have a chart of accounts get the aid accounts at install."""
    env["res.company"].search([("chart_template", "!=", False)])._atta_setup_accounting()
    _country_chart_for_demo(env)


def _country_chart_for_demo(env):
    """A demo database books in its country's chart and currency, as a real one does.

    Odoo's accounting demo data loads the generic chart, in US dollars, on the main company whatever its country,
    before the country's chart (l10n_sa for a Saudi association) is installed; the country's chart then finds the
    company already set up and leaves it. Once every module is loaded, the place where Odoo itself loads a new
    country's chart, the main company is given its country's chart with that chart's demo entries (Odoo replaces the
    generic demo entries), so that amounts read in riyals. Only a demo database whose main company is still on the
    generic chart is touched.
    """
    company = env.ref("base.main_company", raise_if_not_found=False)
    Module = env["ir.module.module"]
    if not (company and company.country_id and company.chart_template == "generic_coa" and Module._get("account").demo):
        return
    Chart = env["account.chart.template"]
    code = Chart._guess_chart_template(company.country_id)
    template = Chart._get_chart_template_mapping().get(code) or {}
    if code == "generic_coa" or Module._get(template.get("module") or "").state not in ("installed", "to install"):
        return
    company_id = company.id

    def load(env):
        env["account.chart.template"].try_loading(code, env["res.company"].browse(company_id), install_demo=True)
        # The demo's decision letters were issued while the company still kept the generic chart's dollars:
        # their amounts are written again in the country's currency, as if it had always been the company's.
        requests = env["atta.support.request"]
        letters = env["atta.letter"].search([("res_model", "=", requests._name), ("correspondent", "!=", False)])
        requests._write_decision_letter_texts(letters)

    env.registry._auto_install_template = load
