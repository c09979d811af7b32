from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .apply_common import FORM_URL, AttaApplyCase

CAPTCHA_PARAM = "atta_research.apply_captcha"


class FakeSiteverify:
    """Cloudflare's answer to a token check: the only thing not run for real here (no network in tests)."""

    def __init__(self, human):
        self.human = human

    def json(self):
        if self.human:
            return {"success": True, "action": "website_form"}
        return {"success": False, "error-codes": ["invalid-input-response"]}


@tagged("post_install", "-at_install")
class TestApplyCaptcha(AttaApplyCase):
    """The captcha is off by default; switched on, it uses Odoo's own Turnstile or reCAPTCHA addon."""

    def _turnstile_installed(self):
        return bool(
            self.env["ir.module.module"].search_count(
                [("name", "=", "website_cf_turnstile"), ("state", "=", "installed")]
            )
        )

    def test_the_captcha_is_off_by_default_and_needs_a_service_to_be_switched_on(self):
        params = self.env["ir.config_parameter"]
        self.assertFalse(self.env["atta.online.application"]._captcha_required())
        if self.env["atta.online.application"]._captcha_provider():
            self.skipTest("a captcha service is already set up in this database")
        settings = self.env["res.config.settings"].create({"atta_apply_captcha": True})
        with self.assertRaisesText(UserError, "No captcha service is set up"):
            settings.execute()
        self.assertFalse(params.get_param(CAPTCHA_PARAM))

    def test_switched_on_without_its_service_the_form_takes_nothing(self):
        self.env["ir.config_parameter"].set_param(CAPTCHA_PARAM, "True")
        if self.env["atta.online.application"]._captcha_provider():
            self.skipTest("a captcha service is already set up in this database")
        before = self._counts()
        answer = self._answer()
        self.assertNotIn("id", answer)
        self.assertEqual(self._counts(), before)

    def test_with_cloudflare_turnstile_the_form_asks_for_a_human_and_works(self):
        if not self._turnstile_installed():
            self.skipTest("website_cf_turnstile (optional) is not installed in this database")
        params = self.env["ir.config_parameter"]
        params.set_param("cf.turnstile_site_key", "1x00000000000000000000AA")
        params.set_param("cf.turnstile_secret_key", "1x0000000000000000000000000000000AA")
        self.env["res.config.settings"].create({"atta_apply_captcha": True}).execute()
        self.assertTrue(self.env["atta.online.application"]._captcha_required())
        page = self.url_open("/apply")
        self.assertIn("turnstile_site_key", page.text, "Odoo's Turnstile widget is offered on the form")
        self.assertIn('id="atta_apply_form"', page.text)
        before = self._counts()

        def siteverify(url, data, timeout):
            return FakeSiteverify(data.get("response") == "human-token")

        with patch("odoo.addons.website_cf_turnstile.models.ir_http.requests.post", siteverify):
            with mute_logger("odoo.http", "odoo.addons.website_cf_turnstile.models.ir_http"):
                for token in (None, "bot-token"):
                    data = self._fields(turnstile_captcha=token)
                    response = self.url_open(FORM_URL, data=data, files=self._files(), timeout=60)
                    self.assertLess(response.status_code, 500)
                    self.assertNotIn('"id"', response.text)
                    self.assertEqual(self._counts(), before)
            answer = self._answer(self._fields(turnstile_captcha="human-token"))
        self.assertIn("id", answer, answer)
        application = self.env["atta.online.application"].browse(answer["id"])
        self.assertEqual(application.state, "attached")
