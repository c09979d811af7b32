import logging

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

_logger = logging.getLogger(__name__)

SETUP_DONE_PARAMETER = "atta_research.association_configured"
SOCIAL_FIELDS = [
    "social_twitter",
    "social_facebook",
    "social_github",
    "social_linkedin",
    "social_youtube",
    "social_instagram",
    "social_tiktok",
]


class Website(models.Model):
    _inherit = "website"

    def _atta_public_support_types(self):
        """The support types offered online, listed on the public home page (data/website_homepage.xml)."""
        # Visitors have no access to support types: read as superuser, only the published ones, whose
        # names, descriptions and decision periods are public on the application form anyway.
        return self.env["atta.support.type"].sudo().search([("website_published", "=", True)])

    def _atta_setup_association(self, values):
        """Configure the association and this website on the first start (config/start-atta.sh).

        :param dict values: ``name`` (required), ``email``, ``phone``, ``city`` and ``logo`` (a PNG or
            JPEG, base64-encoded), from the .env file.

        The association is Saudi: country Saudi Arabia, currency SAR, time zone Asia/Riyadh, and Arabic
        is the website's default language, English its second. The public pages show what is set here (the
        home page, footer and contact pages of data/website_homepage.xml read the company). Without a logo the
        header shows the association's name, and no sample logo is left on the website, letters or mails.
        """
        self.ensure_one()
        name = (values.get("name") or "").strip()
        if not name:
            raise UserError(self.env._("Give the association's name (ATTA_NAME in the .env file) and start again."))
        riyal = self.env.ref("base.SAR")
        arabic = self.env["res.lang"]._activate_and_install_lang("ar_001")
        # English is the website's second language: /services and /policies are published in both [S3.3].
        english = self.env["res.lang"]._activate_lang("en_US")
        logo = values.get("logo") or False
        company = self.company_id
        # Whatever the address or social accounts were (Odoo's demo company has a Californian address
        # and Odoo's own accounts), the public pages show only what the association gave.
        no_social_accounts = dict.fromkeys(SOCIAL_FIELDS, False)
        company.write(
            {
                **no_social_accounts,
                "name": name,
                "email": values.get("email") or False,
                "phone": values.get("phone") or False,
                "street": False,
                "street2": False,
                "zip": False,
                "state_id": False,
                "city": values.get("city") or False,
                "country_id": self.env.ref("base.sa").id,
                # No logo given: none rather than Odoo's sample "Your logo" on letters and mails.
                "logo": logo,
            }
        )
        self._atta_set_company_currency(riyal)
        company.partner_id.write({"tz": "Asia/Riyadh", "lang": arabic.code})
        company.resource_calendar_id.tz = "Asia/Riyadh"
        self.write(
            {
                **no_social_accounts,
                "name": name,
                "logo": logo,
                "language_ids": [Command.link(arabic.id), Command.link(english.id)],
                "default_lang_id": arabic.id,
                # The theme configurator would replace the association's home page with sample content.
                "configurator_done": True,
            }
        )
        self._atta_show_header_brand(logo=bool(logo))
        self.env["ir.config_parameter"].sudo().set_param(SETUP_DONE_PARAMETER, fields.Datetime.now())

    def _atta_set_company_currency(self, currency):
        """The company's currency, unless it already books in another one.

        Odoo's accounting refuses to change the currency of a company with journal items. The first start
        creates the database in SAR (config/start-atta.sh), so this only keeps the currency of a database
        that was used before; changing it is then the accountant's decision, not the setup's.
        """
        company = self.company_id
        if company.currency_id == currency:
            return True
        try:
            with self.env.cr.savepoint():
                company.currency_id = currency  # also activates the currency
        except UserError as error:
            _logger.warning("%s keeps its currency %s: %s", company.name, company.currency_id.name, error)
            return False
        return True

    def _atta_show_header_brand(self, logo):
        """The header shows the logo, or the association's name when there is none.

        Switched as the website editor's header options do: on this website's own copy of the views.
        """
        View = self.env["ir.ui.view"].with_context(active_test=False, website_id=self.id)
        for key, active in (("website.option_header_brand_logo", logo), ("website.option_header_brand_name", not logo)):
            views = View.search(Domain("key", "=", key) & self.website_domain()).filter_duplicate()
            views.filtered(lambda view, active=active: view.active != active).write({"active": active})
