def post_init_hook(env):
    """Companies that already have a chart of accounts get the aid accounts at install."""
    env["res.company"].search([("chart_template", "!=", False)])._atta_setup_accounting()
