from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.atta_beneficiary.tools.roles import MANAGER

# Company fields and system parameters of Social Research, and the least value each may take.
COMPANY_SETTINGS = (
    "atta_calendar_id",
    "atta_reminder_days",
    "atta_appeal_window_days",
    "atta_sufficiency_threshold",
    "atta_apply_max_household",
    "atta_apply_max_income",
)
PARAMETER_SETTINGS = (
    "atta_apply_limit_per_ip_hour",
    "atta_apply_limit_per_identity_day",
    "atta_apply_codes_per_file_day",
    "atta_apply_max_upload_mb",
    "atta_apply_max_submission_mb",
    "atta_apply_max_files",
    "atta_apply_max_megapixels",
    "atta_apply_captcha",
)
LEAST_VALUES = (
    ("atta_appeal_window_days", 1),
    ("atta_apply_max_household", 1),
    ("atta_apply_max_income", 1),
    ("atta_apply_limit_per_ip_hour", 1),
    ("atta_apply_limit_per_identity_day", 1),
    ("atta_apply_codes_per_file_day", 1),
    ("atta_apply_max_upload_mb", 0.1),
    ("atta_apply_max_submission_mb", 0.1),
    ("atta_apply_max_files", 1),
    ("atta_apply_max_megapixels", 1),
)


def _parameter_value(kind, raw):
    """A system parameter's text as the value of a field of that type."""
    if raw in (False, None, ""):
        return False if kind == "boolean" else 0
    if kind == "boolean":
        return str(raw) not in ("False", "0")
    return int(float(raw)) if kind == "integer" else float(raw)


def check_research_settings(settings):
    """Refuse settings the public forms and deadlines cannot work with (one message, the setting named)."""
    if settings.atta_apply_captcha and not settings.env["res.company"]._atta_captcha_provider():
        raise UserError(
            settings.env._(
                "No captcha service is set up. Install Cloudflare Turnstile or reCAPTCHA (Settings → General "
                "Settings → Integrations), enter its site and secret keys, then switch the captcha on."
            )
        )
    for name, low in LEAST_VALUES:
        if settings[name] < low:
            raise UserError(
                settings.env._(
                    "“%(setting)s” must be at least %(value)s.",
                    setting=settings._fields[name].get_description(settings.env)["string"],
                    value=low,
                )
            )


class AttaResearchSettings(models.TransientModel):
    """The settings of Social Research a manager edits without being an Odoo administrator.

    Odoo's Settings screen (res.config.settings) saves only for administrators; this screen shows the
    same values of the current company and of the public forms, and saves exactly those.
    """

    _name = "atta.research.settings"
    _description = "Social Research Settings"

    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    atta_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        help="Working days and public holidays that count the decision period promised to applicants.",
    )
    atta_reminder_days = fields.Integer(
        string="Deadline Reminder (working days)",
        help="Working days before the deadline when the responsible person is reminded.",
    )
    atta_appeal_window_days = fields.Integer(
        string="Appeal Window (days)",
        help="Days after a refusal during which the applicant may appeal it; after that the tracking page says "
        "the period has ended.",
    )
    atta_sufficiency_threshold = fields.Monetary(
        string="Sufficiency Line per Person",
        currency_field="currency_id",
        help="Monthly net income per household member below which the income rule gives points.",
    )
    atta_apply_max_household = fields.Integer(string="Largest Household on the Online Form")
    atta_apply_max_income = fields.Monetary(
        string="Highest Monthly Income on the Online Form", currency_field="currency_id"
    )
    atta_apply_limit_per_ip_hour = fields.Integer(
        string="Applications per Connection per Hour",
        help="Counted per visitor's address, as resolved behind your proxy.",
    )
    atta_apply_limit_per_identity_day = fields.Integer(
        string="Verified Applications per Person per Day",
        help="Only applications proven to come from the person count.",
    )
    atta_apply_codes_per_file_day = fields.Integer(string="Codes Sent per File per Day")
    atta_apply_max_upload_mb = fields.Float(string="Largest Document (MB)")
    atta_apply_max_submission_mb = fields.Float(string="Largest Application (MB)")
    atta_apply_max_files = fields.Integer(string="Documents per Application")
    atta_apply_max_megapixels = fields.Float(string="Largest Photo (megapixels)")
    atta_apply_captcha = fields.Boolean(
        string="Captcha on the Public Forms",
        help="Ask visitors of /apply and /complaint to prove they are not a robot, with Odoo's Cloudflare "
        "Turnstile or reCAPTCHA (an administrator installs one and enters its keys first).",
    )
    atta_apply_captcha_provider = fields.Char(string="Captcha Service", compute="_compute_atta_apply_captcha_provider")

    @api.depends("atta_apply_captcha")
    def _compute_atta_apply_captcha_provider(self):
        provider = self.env["res.company"]._atta_captcha_provider()
        for settings in self:
            settings.atta_apply_captcha_provider = provider

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # As superuser, reading only the named settings: a manager may not read res.company's other fields
        # or the system parameters, but these are theirs to see and change.
        company = self.env.company.sudo()
        for name in COMPANY_SETTINGS:
            if name in fields_list:
                values[name] = company[name].id if name == "atta_calendar_id" else company[name]
        config_fields = self.env["res.config.settings"]._fields
        parameters = self.env["ir.config_parameter"].sudo()
        for name in PARAMETER_SETTINGS:
            if name in fields_list:
                field = config_fields[name]
                raw = parameters.get_param(field.config_parameter, field.default(self) if field.default else False)
                values[name] = _parameter_value(self._fields[name].type, raw)
        return values

    def execute(self):
        """Save: the company's values and the public forms' parameters, nothing else."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise UserError(self.env._("Only a manager of Beneficiary Relations changes these settings."))
        check_research_settings(self)
        # As superuser, scoped to the current company and the fields listed above.
        self.env.company.sudo().write(
            {name: self[name].id if name == "atta_calendar_id" else self[name] for name in COMPANY_SETTINGS}
        )
        config_fields = self.env["res.config.settings"]._fields
        parameters = self.env["ir.config_parameter"].sudo()
        for name in PARAMETER_SETTINGS:
            # Stored as Odoo's Settings screen stores them: numbers as text, nothing for zero or off.
            value = self[name]
            if self._fields[name].type in ("integer", "float"):
                value = repr(value) if value else False
            parameters.set_param(config_fields[name].config_parameter, value)
        return {"type": "ir.actions.client", "tag": "reload"}
