from unittest.mock import patch

from lxml import html
from markupsafe import escape

from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.atta_research.tests.test_complaints import ComplaintCaseMixin

from .apply_common import AttaApplyCase


class WebsiteComplaintCaseMixin(ComplaintCaseMixin):
    def _as_shown(self, record):
        """`record` in the website's language, to compare a message with the page that shows it."""
        lang = self.env["website"].get_current_website().default_lang_id.code
        return record.with_context(lang=lang)

    def _shown(self, message, page):
        self.assertIn(str(escape(message)), page.text)


@tagged("post_install", "-at_install")
class TestComplaintRoutes(WebsiteComplaintCaseMixin, AttaApplyCase):
    """The public form and the tracking link: no account, every answer checked, nothing saved on bad input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._complaint_setup()
        cls.env["ir.config_parameter"].set_param("atta_research.complaint_limit_per_ip_hour", "50")

    def _form(self, **values):
        data = {
            "kind": "complaint",
            "category_id": str(self.category.id),
            "subject": "Long wait at the desk",
            "description": "I waited two hours on Sunday morning before anyone received me.",
            "contact_name": "Saad Omar",
            "identity_number": "",
            "mobile": "0551112233",
            "email": "",
        }
        data.update(values)
        return {key: value for key, value in data.items() if value is not None}

    def _post_form(self, data, files=None):
        csrf = self._csrf(self.url_open("/complaint"))
        return self.url_open("/complaint", data=dict(data, csrf_token=csrf), files=files)

    def _count(self):
        return self.env["atta.complaint"].sudo().search_count([])

    def test_the_public_form_files_a_complaint_without_an_account(self):
        page = self.url_open("/complaint")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'value="{self.category.id}"', page.text)
        response = self._post_form(self._form(identity_number="١٠٠٠٠٠٠٠٠٨", email="Saad@Example.com"))
        self.assertEqual(response.status_code, 200)
        complaint = self.env["atta.complaint"].sudo().search([], limit=1)
        self.assertIn(complaint.name, response.text, "the person sees their number")
        self.assertEqual(complaint.source, "website")
        self.assertEqual(complaint.mobile, "+966551112233")
        self.assertEqual(complaint.email, "saad@example.com")
        self.assertEqual(complaint.identity_number, "1000000008")
        self.assertFalse(complaint.beneficiary_id, "a typed identity number never attaches a stranger to a file")
        self.assertEqual(complaint.user_id, self.officer)
        self.assertTrue(complaint.ip_address)
        self.assertIn(complaint.name, self._sms_to("+966551112233").body)
        self.assertTrue(self.env["mail.mail"].sudo().search([("email_to", "=", "saad@example.com")]))

    def test_hostile_input_saves_nothing_and_says_why_beside_the_field(self):
        hidden = self.env["atta.complaint.category"].create({"name": "Internal", "website_published": False})
        cases = [
            (self._form(kind="threat"), "kind"),
            (self._form(category_id="abc"), "category_id"),
            (self._form(category_id="999999999"), "category_id"),
            (self._form(category_id=str(hidden.id)), "category_id"),
            (self._form(category_id="1 OR 1=1"), "category_id"),
            (self._form(subject=""), "subject"),
            (self._form(subject="Bad\x00title"), "subject"),
            (self._form(subject="x" * 121), "subject"),
            (self._form(description="short"), "description"),
            (self._form(description="y" * 4001), "description"),
            (self._form(description="Hidden \u202etext that reads backwards"), "description"),
            (self._form(contact_name="<script>alert(1)</script>"), "contact_name"),
            (self._form(identity_number="1234567890"), "identity_number"),
            (self._form(mobile="12345"), "mobile"),
            (self._form(mobile=""), "mobile"),
            (self._form(mobile="", email="not an address"), "email"),
        ]
        before = self._count()
        for data, field in cases:
            with self.subTest(field=field, data=data):
                response = self._post_form(data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(f'data-field="{field}"', response.text)
                self.assertIn("o_atta_form_error", response.text)
        self.assertEqual(self._count(), before, "nothing saved on bad input")
        self.assertNotIn("<script>alert(1)</script>", self._post_form(cases[11][0]).text)

    def test_a_forged_post_is_answered_without_a_server_error(self):
        before = self._count()
        response = self._post_form(
            self._form(subject=None), files={"subject": ("title.txt", b"a file instead of text", "text/plain")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-field="subject"', response.text)
        response = self.url_open("/complaint", data=self._form())  # no CSRF token
        self.assertNotEqual(response.status_code, 500)
        self.assertEqual(self._count(), before)

    def test_a_connection_sending_too_many_is_stopped(self):
        self.env["ir.config_parameter"].set_param("atta_research.complaint_limit_per_ip_hour", "2")
        before = self._count()
        for _attempt in range(2):
            self._post_form(self._form())
        response = self._post_form(self._form())
        self._shown(self._as_shown(self.env["atta.complaint"])._rate_problem("127.0.0.1"), response)
        self.assertEqual(self._count(), before + 2)

    def test_the_tracking_link_files_a_complaint_about_the_request(self):
        request_rec = self._request()
        request_rec.with_user(self.officer).action_submit()
        request_rec._portal_ensure_token()
        url = f"/my/requests/{request_rec.id}"
        page = self.url_open(f"{url}?access_token={request_rec.access_token}")
        self.assertIn("o_atta_request_complaint", page.text)
        data = {
            "kind": "suggestion",
            "category_id": str(self.category.id),
            "subject": "Tell me when the researcher comes",
            "description": "Please send me an SMS the day before the visit.",
            "csrf_token": self._csrf(page),
        }
        before = self._count()
        stranger = self.url_open(f"{url}/complaint?access_token=wrong", data=data)
        self.assertEqual(stranger.status_code, 404)
        self.assertEqual(self._count(), before, "a wrong token files nothing")
        bad = self.url_open(f"{url}/complaint?access_token={request_rec.access_token}", data=dict(data, subject=""))
        self.assertIn('data-field="subject"', bad.text)
        self.assertEqual(self._count(), before)
        response = self.url_open(f"{url}/complaint?access_token={request_rec.access_token}", data=data)
        complaint = self.env["atta.complaint"].sudo().search([("request_id", "=", request_rec.id)])
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.name, response.text)
        self.assertEqual(complaint.beneficiary_id, request_rec.beneficiary_id)
        self.assertEqual(complaint.source, "tracking")
        self.assertEqual(complaint.kind, "suggestion")

    def _textarea(self, page, form_action):
        """The message box named `description` (or `reason`) inside the form posting to `form_action`."""
        tree = html.fromstring(page.text)
        forms = [form for form in tree.iter("form") if form_action in (form.get("action") or "")]
        self.assertEqual(len(forms), 1, f"one form posts to {form_action}")
        return forms[0].xpath(".//textarea[@name='description' or @name='reason']")

    def test_the_message_box_is_drawn_on_both_forms_and_what_is_typed_in_it_is_filed(self):
        page = self.url_open("/complaint")
        box = self._textarea(page, "/complaint")
        self.assertEqual(len(box), 1, "the public form draws its message box")
        self.assertEqual(box[0].get("id"), "description")
        self.assertTrue(html.fromstring(page.text).xpath("//label[@for='description']"), "its label points at it")
        message = "The food basket was handed over without the rice listed on the card."
        response = self._post_form(self._form(description=message))
        complaint = self.env["atta.complaint"].sudo().search([], limit=1)
        self.assertEqual(complaint.description, message)
        self.assertIn(complaint.name, response.text)
        # A problem elsewhere keeps the box and what was typed in it.
        again = self._post_form(self._form(subject="", description="Typed before the mistake"))
        box = self._textarea(again, "/complaint")
        self.assertEqual([b.text for b in box], ["Typed before the mistake"])
        # The tracking page draws the box of its complaint form, and the appeal box of a refusal.
        request_rec = self._to_committee(self._request())
        self._refuse(request_rec, "The household income is above the sufficiency line.")
        self.assertEqual(request_rec.state, "rejected")
        request_rec._portal_ensure_token()
        tracking = self.url_open(request_rec.get_portal_url())
        self.assertEqual(len(self._textarea(tracking, f"/my/requests/{request_rec.id}/complaint")), 1)
        self.assertEqual(len(self._textarea(tracking, f"/my/requests/{request_rec.id}/appeal")), 1)

    def test_a_visitor_types_a_complaint_in_arabic_and_sends_it(self):
        self.start_tour("/complaint", "atta_complaint_tour")
        complaint = self.env["atta.complaint"].sudo().search([("mobile", "=", "+966551112244")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.description, "انتظرت ساعتين في مكتب الاستقبال صباح الأحد.")
        self.assertEqual(complaint.source, "website")

    def _stranger_post(self, **values):
        """A visitor without an account posts the public form (a fresh page, its CSRF token)."""
        self.authenticate(None, None)
        return self._post_form(self._form(**values))

    def test_a_stranger_s_address_receives_the_number_and_none_of_the_typed_words(self):
        response = self._stranger_post(
            subject="Cheap loans at loans.example",
            contact_name="Loan Office",
            email="victim@example.com",
            mobile="0557778899",
        )
        complaint = self.env["atta.complaint"].sudo().search([("email", "=", "victim@example.com")])
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.name, response.text)
        mail = self.env["mail.mail"].sudo().search([("email_to", "=", "victim@example.com")])
        self.assertEqual(len(mail), 1)
        sms = self._sms_to("+966557778899")
        for sent in (mail.subject, str(mail.body_html), sms.body):
            self.assertIn(complaint.name, sent)
            self.assertNotIn("loans", sent.lower())
            self.assertNotIn("Loan Office", sent)

    def test_the_form_as_a_whole_takes_a_bounded_number_per_hour(self):
        params = self.env["ir.config_parameter"]
        params.set_param("atta_research.complaint_limit_per_hour", "2")
        Complaint = self.env["atta.complaint"]
        values, errors = Complaint._read_public_form(self._form())
        self.assertFalse(errors)
        for address in ("10.0.0.1", "10.0.0.2"):  # other connections filled the hour
            Complaint._submit_public(values, "website", address, "en_US")
        before = self._count()
        response = self._stranger_post()
        self._shown(self._as_shown(Complaint)._rate_problem(None, source="website"), response)
        self.assertEqual(self._count(), before, "nothing saved beyond the hourly cap")
        self.assertIn("o_atta_form_error", response.text)
        params.set_param("atta_research.complaint_limit_per_hour", "3")
        response = self._stranger_post()
        self.assertEqual(self._count(), before + 1, "below the cap the form works again")

    def test_the_hourly_cap_has_a_default_and_counts_only_the_last_hour(self):
        self.env["ir.config_parameter"].search([("key", "=", "atta_research.complaint_limit_per_hour")]).unlink()
        self.assertEqual(self.env["atta.complaint"]._limits()["per_hour"], 30)
        self.env["ir.config_parameter"].set_param("atta_research.complaint_limit_per_hour", "1")
        Complaint = self.env["atta.complaint"]
        values = Complaint._read_public_form(self._form())[0]
        earlier = Complaint._submit_public(values, "website", "10.0.0.9", "en_US")
        self.assertTrue(Complaint._rate_problem("10.0.0.10", source="website"))
        self.assertIsNone(Complaint._rate_problem("10.0.0.10"), "the tracking link is not the public form")
        # An hour later (the creation time is the database's, which freezegun does not move).
        self.env.cr.execute(
            SQL(
                "UPDATE atta_complaint SET create_date = create_date - INTERVAL '61 minutes' WHERE id = %s",
                earlier.id,
            )
        )
        self.assertIsNone(Complaint._rate_problem("10.0.0.10", source="website"))

    def _switch_captcha_on(self):
        self.env["ir.config_parameter"].set_param("atta_research.apply_captcha", "True")

    def test_switched_on_the_captcha_guards_the_complaint_form(self):
        """The same captcha as /apply: Odoo's addon checks the token the browser got for this form."""
        self._switch_captcha_on()
        checked = []

        def verify(ir_http, action):
            # Cloudflare's or Google's answer is the only thing not run for real here (no network in tests).
            token = request.params.pop("turnstile_captcha", False)
            checked.append((action, token))
            if token != "human-token":
                raise ValidationError(ir_http.env._("The CloudFlare human validation failed."))

        # The page speaks the website's language.
        refused = self._as_shown(self.env["atta.complaint"]).env._(
            "We could not confirm that a person sent this form. Please send it again, or call the association."
        )
        registry = self.env.registry
        with (
            patch.object(registry["atta.online.application"], "_captcha_provider", lambda self: "Cloudflare Turnstile"),
            patch.object(registry["ir.http"], "_verify_request_recaptcha_token", verify),
        ):
            self.authenticate(None, None)
            page = self.url_open("/complaint")
            self.assertIn('data-captcha="atta_complaint"', page.text, "the captcha addon adds its widget here")
            before = self._count()
            with mute_logger("odoo.http"):
                for token in (None, "bot-token"):
                    response = self._stranger_post(turnstile_captcha=token)
                    self.assertEqual(response.status_code, 200)
                    self.assertIn(refused, response.text)
                    self.assertEqual(self._count(), before, "nothing saved without a human's token")
            response = self._stranger_post(turnstile_captcha="human-token")
        self.assertEqual(self._count(), before + 1)
        self.assertEqual({action for action, _token in checked}, {"atta_complaint"})
        self.assertIn("o_atta_complaint_number", response.text)

    def test_switched_on_without_its_service_the_complaint_form_takes_nothing(self):
        if self.env["atta.online.application"]._captcha_provider():
            self.skipTest("a captcha service is already set up in this database")
        self._switch_captcha_on()
        before = self._count()
        response = self._stranger_post()
        waits = self._as_shown(self.env["atta.complaint"]).env._(
            "The form cannot be sent right now. Please try again later or call the association."
        )
        self.assertIn(waits, response.text)
        self.assertEqual(self._count(), before)

    def test_switched_off_the_form_shows_no_captcha(self):
        self.assertNotIn("data-captcha", self.url_open("/complaint").text)
