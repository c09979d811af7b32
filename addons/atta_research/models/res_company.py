from datetime import date, datetime, time, timedelta

from hijridate import Gregorian, Hijri

from odoo import api, fields, models
from odoo.tools.misc import str2bool


class ResCompany(models.Model):
    _inherit = "res.company"

    atta_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar for Deadlines",
        default=lambda self: self.env.ref("atta_research.calendar_association", raise_if_not_found=False),
        help="Working days and public holidays used to count the decision period promised to applicants.",
    )
    atta_sufficiency_threshold = fields.Monetary(
        string="Sufficiency Line per Person",
        currency_field="currency_id",
        default=1785.0,
        help="Monthly net income per household member below which a family scores as in need. The "
        "default is the King Khalid Foundation sufficiency line (about 8,926 SAR a month for a family "
        "of five) divided by five.",
    )
    atta_reminder_days = fields.Integer(
        string="Deadline Reminder (working days)",
        default=2,
        help="How many working days before the decision deadline the responsible person is reminded.",
    )
    atta_appeal_window_days = fields.Integer(
        string="Appeal Window (days)",
        default=30,
        help="How many days after a refusal the applicant may appeal it, from the tracking link or at the desk.",
    )
    atta_apply_max_household = fields.Integer(
        string="Largest Household on the Online Form",
        default=30,
        help="The online application refuses a household larger than this.",
    )
    atta_apply_max_income = fields.Monetary(
        string="Highest Monthly Income on the Online Form",
        currency_field="currency_id",
        default=1_000_000,
        help="The online application refuses a declared monthly income above this.",
    )

    def _atta_form_limits(self):
        """The bounds of the public forms and of every upload checked like theirs (Settings, Online Application Form).

        Read by the back office too (a signed scan is checked like a document sent online): they live here, not on
        the public side's models.
        """
        self.ensure_one()
        param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "per_ip_hour": int(param("atta_research.apply_limit_per_ip_hour", 5)),
            "per_identity_day": int(param("atta_research.apply_limit_per_identity_day", 3)),
            "codes_per_file_day": int(param("atta_research.apply_codes_per_file_day", 5)),
            "max_upload_mb": float(param("atta_research.apply_max_upload_mb", 5)),
            "max_submission_mb": float(param("atta_research.apply_max_submission_mb", 15)),
            "max_files": int(param("atta_research.apply_max_files", 8)),
            "max_megapixels": float(param("atta_research.apply_max_megapixels", 40)),
            "max_household": self.atta_apply_max_household or 30,
            "max_income": self.atta_apply_max_income or 1_000_000,
        }

    @api.model
    def _atta_captcha_provider(self):
        """The name of Odoo's captcha addon that is installed and has its keys, or False.

        Both addons plug into the captcha check of Odoo's website form route, which the public forms post to;
        they stay optional: Atta does not depend on them.
        """
        installed = set(
            self.env["ir.module.module"]
            .sudo()
            .search([("name", "in", ("website_cf_turnstile", "google_recaptcha")), ("state", "=", "installed")])
            .mapped("name")
        )
        param = self.env["ir.config_parameter"].sudo().get_param
        if "website_cf_turnstile" in installed and param("cf.turnstile_site_key") and param("cf.turnstile_secret_key"):
            return "Cloudflare Turnstile"
        if (
            "google_recaptcha" in installed
            and str2bool(param("enable_recaptcha", "True"))
            and param("recaptcha_public_key")
            and param("recaptcha_private_key")
        ):
            return "reCAPTCHA"
        return False

    @api.model
    def _atta_set_default_calendar(self):
        """On install, companies without a deadline calendar get the association's working week."""
        calendar = self.env.ref("atta_research.calendar_association")
        self.search([("atta_calendar_id", "=", False)]).atta_calendar_id = calendar

    @api.model
    def _atta_setup_papers(self):
        """First start (config/start-atta.sh): the letters print on Odoo's standard layout.

        Without a layout chosen, the administrator's first print opens Odoo's layout configurator instead of
        the letter; the association's papers (report/paper_layout.xml) are already laid out.
        """
        standard = self.env.ref("web.external_layout_standard")
        self.search([("external_report_layout_id", "=", False)]).external_report_layout_id = standard

    @api.model
    def _atta_add_public_holidays(self, hijri_years=None):
        """Saudi public holidays on the association calendar, computed on the Umm al-Qura calendar.

        Eid dates follow the moon sighting and may differ by a day from the computed ones: the leaves
        are named so, and stay editable in the working calendar.
        """
        calendar = self.env.ref("atta_research.calendar_association")
        today = fields.Date.context_today(self)
        years = hijri_years or [Gregorian.fromdate(today).to_hijri().year + offset for offset in (0, 1)]
        Leave = self.env["resource.calendar.leaves"]
        existing = {
            (leave.name, fields.Datetime.to_datetime(leave.date_from + timedelta(hours=3)).date())
            for leave in Leave.search(
                [("calendar_id", "=", calendar.id), ("resource_id", "=", False), ("date_from", "!=", False)]
            )
        }
        values = []
        for year in years:
            fitr = Hijri(year, 10, 1).to_gregorian()
            adha = Hijri(year, 12, 9).to_gregorian()
            gregorian_year = fitr.year
            spans = [
                (
                    self.env._("Eid al-Fitr %(year)s (computed; check the official announcement)", year=year),
                    fitr - timedelta(days=1),
                    fitr + timedelta(days=3),
                ),
                (
                    self.env._("Eid al-Adha %(year)s (computed; check the official announcement)", year=year),
                    adha,
                    adha + timedelta(days=3),
                ),
                (self.env._("Founding Day"), date(gregorian_year, 2, 22), date(gregorian_year, 2, 22)),
                (self.env._("National Day"), date(gregorian_year, 9, 23), date(gregorian_year, 9, 23)),
            ]
            for name, first, last in spans:
                if (name, first) in existing:
                    continue
                existing.add((name, first))
                values.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "resource_id": False,
                        "time_type": "leave",
                        "date_from": datetime.combine(first, time.min) - timedelta(hours=3),
                        "date_to": datetime.combine(last, time.max) - timedelta(hours=3),
                    }
                )
        return Leave.create(values)
