import json
import re

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.atta_research.tests.common import AttaResearchCase

from .apply_common import FORM_URL, SCAN_PDF, AttaApplyCase


@tagged("post_install", "-at_install")
class TestApplyOnline(AttaApplyCase):
    def test_the_apply_page_is_a_website_form(self):
        page = self.url_open("/apply")
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-model_name="atta.online.application"', page.text)
        self.assertIn(f'<option value="{self.cash.id}"', page.text)
        self.assertIn('name="document_iban_certificate"', page.text)

    def test_a_valid_application_creates_one_beneficiary_and_one_request(self):
        response = self._post()
        application = self.env["atta.online.application"].browse(json.loads(response.text)["id"])
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(beneficiary.state, "draft")
        self.assertEqual(beneficiary.phone, "+966551234567")
        request = application.request_id
        self.assertEqual(request.beneficiary_id, beneficiary)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.channel_id, self.env.ref("atta_beneficiary.channel_website"))
        self.assertEqual(request.description, "<b>Rent</b> is three months late", "kept as text, not markup")
        self.assertTrue(request.deadline)
        self.assertEqual(len(beneficiary.document_ids), 3)
        self.assertFalse(any(beneficiary.document_ids.mapped("verified")), "documents wait for the officer")
        consents = beneficiary.consent_ids
        self.assertEqual(set(consents.mapped("kind")), {"declaration", "consent"})
        self.assertTrue(all(consents.mapped("ip_address")))
        self.assertEqual(consents.channel_id, self.env.ref("atta_beneficiary.channel_website"))
        self.assertTrue(
            request.message_ids.filtered(lambda m: request.name in (m.subject or "")), "the acknowledgement was sent"
        )
        # The page says what it says to everyone; the number, the deadline and the link come by SMS.
        thanks = self.url_open("/apply/thanks")
        self.assertIn("o_atta_apply_received", thanks.text)
        self.assertNotIn(request.name, thanks.text)
        sms = self.env["sms.sms"].sudo().search([("number", "=", "+966551234567")])
        self.assertEqual(len(sms), 1)
        self.assertIn(request.name, sms.body)
        self.assertIn(request.deadline_hijri.split()[0], sms.body)
        self.assertIn(f"/my/requests/{request.id}?access_token={request.access_token}", sms.body)

    def test_the_same_person_applying_again_keeps_one_file(self):
        self._post()
        last_sms = self._last_sms_id()
        second = self.env["atta.online.application"].browse(
            self._answer(self._fields(identity_number="١٢٣٤٥٦٧٨٩٧", support_type_id=str(self.cash.id)))["id"]
        )
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(len(beneficiary.request_ids), 1, "the second application waits for the code")
        self.assertEqual(second.state, "pending")
        self._send_code(second, self._code_in(self._sms_since(last_sms)))
        self.assertEqual(second.state, "attached")
        self.assertEqual(len(beneficiary.request_ids), 1, "one open request per need: the second joins the first")
        self.assertEqual(second.request_id, beneficiary.request_ids)

    def test_bad_input_creates_nothing_and_says_why(self):
        before = self._counts()
        cases = [
            (self._fields(identity_number="1234567893"), self._files(), "identity_number"),
            (self._fields(declaration_accepted=None), self._files(), "declaration_accepted"),
            (
                self._fields(),
                self._files(document_identity=("id.pdf", b"MZ\x90\x00 an executable", "application/pdf")),
                "document_identity",
            ),
            (
                self._fields(),
                {k: v for k, v in self._files().items() if k != "document_iban_certificate"},
                "document_iban_certificate",
            ),
        ]
        for data, files, field in cases:
            with self.subTest(field=field):
                answer = self._answer(data, files)
                self.assertNotIn("id", answer)
                self.assertIn(field, answer["error_fields"])
                self.assertTrue(answer["error"])
        # The website speaks Arabic first, so do its messages.
        self.env["ir.config_parameter"].set_param("atta_research.apply_max_upload_mb", "0.01")
        big_scan = SCAN_PDF.replace(b"trailer", b"%" + b"0" * 20_000 + b"\ntrailer")
        answer = self._answer(files=self._files(document_identity=("id.pdf", big_scan, "application/pdf")))
        self.assertIn("أكبر من 0.01 ميجابايت", answer["error_fields"]["document_identity"])
        self.assertEqual(self._counts(), before)

    def test_a_logged_in_visitor_needs_the_csrf_token(self):
        new_test_user(self.env, "apply_portal", groups="base.group_portal")
        self.authenticate("apply_portal", "apply_portal")
        before = self._counts()
        with mute_logger("odoo.http"):
            response = self.url_open(FORM_URL, data=self._fields(), files=self._files())
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._counts(), before)

    def test_the_rate_limit_engages(self):
        self.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_ip_hour", "2")
        numbers = ["1234567897", "2123456788", "2000000006"]
        kinds = ["national_id", "iqama", "iqama"]
        answers = [
            self._answer(self._fields(identity_number=n, identity_type=k)) for n, k in zip(numbers, kinds, strict=True)
        ]
        self.assertIn("id", answers[0])
        self.assertIn("id", answers[1])
        self.assertNotIn("id", answers[2])
        self.assertIn("عدد كبير من الطلبات", answers[2]["error"])
        self.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_ip_hour", "50")
        self.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_identity_day", "1")
        answer = self._answer(self._fields(identity_number="1234567897"))
        self.assertIn("أُرسلت اليوم عدة طلبات", answer["error"])


@tagged("post_install", "-at_install")
class TestRequestPortal(HttpCase, AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.env["atta.support.request"].create(
            {"beneficiary_id": cls.beneficiary.id, "support_type_id": cls.cash.id}
        )
        cls.mine.action_submit()
        other = cls._complete_beneficiary("2000000006", "Maryam Yousef", identity_type="iqama")
        cls.theirs = cls.env["atta.support.request"].create(
            {"beneficiary_id": other.id, "support_type_id": cls.cash.id}
        )
        cls.theirs.action_submit()
        cls.portal_user = new_test_user(
            cls.env, "fatimah_portal", groups="base.group_portal", partner_id=cls.beneficiary.partner_id.id
        )

    def test_a_beneficiary_sees_only_their_own_requests(self):
        self.authenticate("fatimah_portal", "fatimah_portal")
        listing = self.url_open("/my/requests")
        self.assertIn(self.mine.name, listing.text)
        self.assertNotIn(self.theirs.name, listing.text)
        self.assertEqual(self.url_open(f"/my/requests/{self.mine.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/my/requests/{self.theirs.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/requests/{self.theirs.id}?access_token=wrong").status_code, 404)

    def test_the_tracking_link_works_without_an_account_and_only_with_its_token(self):
        self.mine._portal_ensure_token()
        page = self.url_open(self.mine.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.mine.name, page.text)
        self.assertEqual(self.url_open(f"/my/requests/{self.mine.id}?access_token=guess").status_code, 404)

    def test_what_the_applicant_sends_while_waiting_lands_on_the_request(self):
        self.mine._request_information("Send the IBAN certificate again: the scan is unreadable.")
        url = self.mine.get_portal_url()
        page = self.url_open(url)
        self.assertIn("IBAN certificate again", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/requests/{self.mine.id}/documents?access_token={self.mine.access_token}",
            data={"csrf_token": token},
            files={"documents": ("iban.pdf", SCAN_PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        message = self.mine.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertEqual(message.attachment_ids.name, "iban.pdf")
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(message.author_id, self.beneficiary.partner_id)
        self.assertFalse(self.theirs.message_ids.filtered(lambda m: m.attachment_ids))


@tagged("post_install", "-at_install")
class TestApplyTour(HttpCase):
    def test_a_visitor_applies_in_arabic_and_follows_the_request(self):
        self.start_tour("/apply", "atta_apply_tour")
        beneficiary = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertEqual(beneficiary.name, "هدى صالح عبدالله الحربي")
        request = beneficiary.request_ids
        self.assertEqual(request.support_type_id, self.env.ref("atta_research.support_type_food_basket"))
        self.assertEqual(request.state, "submitted")
        self.assertEqual(
            sorted(beneficiary.document_ids.mapped("attachment_name")), ["family-card.pdf", "identity.pdf"]
        )
        # The link of the SMS, in Arabic, opens the request without an account.
        sms = self.env["sms.sms"].sudo().search([("number", "=", "+966551234567")])
        self.assertIn("طلب", sms.body)
        link = sms.body[sms.body.index("/my/requests/") :].split()[0].rstrip(".،)")
        page = self.url_open(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn(request.name, page.text)


@tagged("post_install", "-at_install")
class TestDecisionOnThePortal(HttpCase, AttaResearchCase):
    def test_the_decision_and_its_letter_are_on_the_tracking_page(self):
        request = self._to_committee(self._request())
        self._decide(request)
        page = self.url_open(request.get_portal_url())
        self.assertIn(request.letter_id.name, page.text)
        letter = self.url_open(f"/my/requests/{request.id}/letter?access_token={request.access_token}")
        self.assertEqual(letter.status_code, 200)
        self.assertEqual(self.url_open(f"/my/requests/{request.id}/letter?access_token=nope").status_code, 404)


@tagged("post_install", "-at_install")
class TestApplyOnAPhone(HttpCase):
    browser_size = "375x740"

    def test_on_a_phone_the_labels_tick_the_boxes_and_a_refusal_shows_the_field_to_fix(self):
        tree = html.fromstring(self.url_open("/apply").text)
        for name in ("declaration_accepted", "consent_accepted"):
            with self.subTest(checkbox=name):
                self.assertEqual(len(tree.xpath(f"//input[@type='checkbox'][@id='{name}']")), 1)
                self.assertTrue(tree.xpath(f"//label[@for='{name}'][contains(@class, 'form-check-label')]//text()"))
        self.start_tour("/apply", "atta_apply_phone_tour")
        Application = self.env["atta.online.application"]
        self.assertFalse(Application.search([("identity_number", "=", "1234567893")]), "the refused send saved nothing")
        self.assertEqual(len(Application.search([("identity_number", "=", "1234567897")])), 1)
