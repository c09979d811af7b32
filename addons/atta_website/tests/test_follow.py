from odoo.exceptions import AccessError
from odoo.tests import tagged

from .apply_common import AttaApplyCase
from .test_apply_probing import normalised


@tagged("post_install", "-at_install")
class TestFollowMyRequest(AttaApplyCase):
    """ "Follow my request" sends the private link again by SMS to the file's mobile, and tells nobody who is on
    file [S3.4]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("atta_research.follow_limit_per_ip_hour", "100")
        # Fatimah (1000000008, +966501234567) has a request waiting for the committee.
        cls.request_rec = cls.env["atta.support.request"].create(
            {"beneficiary_id": cls.beneficiary.id, "support_type_id": cls.cash.id}
        )
        cls.request_rec.action_submit()

    def _follow(self, **values):
        """A fresh visitor opens the page and sends its form."""
        self.authenticate(None, None)
        page = self.url_open("/follow")
        self.assertEqual(page.status_code, 200)
        data = {"identity_number": "", "mobile": "", "request_number": ""}
        data.update(values)
        response = self.url_open("/follow", data=dict(data, csrf_token=self._csrf(page)))
        self.assertEqual(response.status_code, 200)
        return response

    def _lookups(self):
        return self.env["atta.follow.request"].sudo().search_count([])

    def test_the_home_page_leads_to_the_page_not_to_the_staff_login(self):
        home = self.url_open("/")
        self.assertIn('href="/follow"', home.text)
        page = self.url_open("/follow")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="identity_number"', page.text)
        self.assertNotIn("/web/login?redirect", page.url)

    def test_a_known_and_an_unknown_identity_get_the_same_page_and_only_the_match_gets_an_sms(self):
        last_sms = self._last_sms_id()
        self.beneficiary.lang = "en_US"  # the visitor reads Arabic; the SMS is in the file's language
        known = self._follow(identity_number="١٠٠٠٠٠٠٠٠٨", mobile="0501234567")
        sms = self._sms_since(last_sms)
        self.assertEqual(sms.mapped("number"), ["+966501234567"], "one SMS, to the mobile registered on the file")
        self.assertIn(self.request_rec.name, sms.body)
        self.assertIn(self.request_rec._atta_tracking_url(), sms.body)
        self.assertIn("private link to follow your request", sms.body)
        self.assertTrue(
            self.request_rec.message_ids.filtered(lambda m: "أُعيد إرسال رابط المتابعة" in str(m.body)),
            "the officer sees on the request that its link was sent again",
        )
        last_sms = self._last_sms_id()
        unknown = self._follow(identity_number="1234567897", mobile="0501234567")
        wrong_mobile = self._follow(identity_number="1000000008", mobile="0559998877")
        wrong_number = self._follow(identity_number="1000000008", request_number="REQ-0000-99999")
        self.assertFalse(self._sms_since(last_sms), "no match, no SMS: not to the file, not to what was typed")
        pages = [normalised(r.text) for r in (known, unknown, wrong_mobile, wrong_number)]
        for page in pages[1:]:
            self.assertEqual(page, pages[0], "the same page whatever was typed")
        self.assertIn("o_atta_follow_sent", pages[0])
        for secret in ("Fatimah", "Alqahtani", self.request_rec.name, "501234567"):
            self.assertNotIn(secret, pages[0].replace("0501234567", ""), "nothing of the file is shown")

    def test_the_request_number_finds_the_request_and_the_sms_is_in_arabic_for_an_arabic_file(self):
        self.beneficiary.lang = "ar_001"
        last_sms = self._last_sms_id()
        self._follow(identity_number="1000000008", request_number=self.request_rec.name.lower())
        sms = self._sms_since(last_sms)
        self.assertEqual(sms.mapped("number"), ["+966501234567"])
        self.assertIn(self.request_rec.access_token, sms.body)
        self.assertIn("رابط", sms.body)

    def test_the_limits_hold_per_identity_per_connection_and_per_file(self):
        params = self.env["ir.config_parameter"]
        params.set_param("atta_research.follow_limit_per_identity_day", "2")
        params.set_param("atta_research.follow_sms_per_file_day", "1")
        last_sms = self._last_sms_id()
        for _attempt in range(2):
            self.assertIn("o_atta_follow_sent", self._follow(identity_number="1000000008", mobile="0501234567").text)
            self.assertIn("o_atta_follow_sent", self._follow(identity_number="1234567897", mobile="0501234567").text)
        self.assertEqual(len(self._sms_since(last_sms)), 1, "one SMS a day to a file, however often it is asked")
        lookups = self._lookups()
        known = self._follow(identity_number="1000000008", mobile="0501234567")
        unknown = self._follow(identity_number="1234567897", mobile="0501234567")
        for response in (known, unknown):
            self.assertIn("o_atta_form_error", response.text)
            self.assertNotIn("o_atta_follow_sent", response.text)
        # The typed number is shown back in its field; everything else is the same.
        self.assertEqual(
            normalised(known.text.replace("1000000008", "NUMBER")),
            normalised(unknown.text.replace("1234567897", "NUMBER")),
            "a known number is refused the same way",
        )
        self.assertEqual(self._lookups(), lookups, "a refused look-up is not recorded")
        params.set_param("atta_research.follow_limit_per_ip_hour", "4")
        refused = self._follow(identity_number="2000000006", mobile="0501234567")
        self.assertIn("o_atta_form_error", refused.text, "the connection is stopped after four look-ups an hour")
        self.assertEqual(len(self._sms_since(last_sms)), 1)

    def test_malformed_input_is_marked_beside_its_field_and_nothing_is_recorded(self):
        lookups, last_sms = self._lookups(), self._last_sms_id()
        cases = [
            ({"identity_number": "1000000000", "mobile": "0501234567"}, "identity_number"),
            ({"identity_number": "", "mobile": "0501234567"}, "identity_number"),
            ({"identity_number": "1000000008", "mobile": "12"}, "mobile"),
            ({"identity_number": "1000000008"}, "mobile"),
        ]
        for values, field in cases:
            with self.subTest(field=field, values=values):
                response = self._follow(**values)
                self.assertIn(f'data-field="{field}"', response.text)
                self.assertNotIn("o_atta_follow_sent", response.text)
        self.assertEqual(self._lookups(), lookups)
        self.assertFalse(self._sms_since(last_sms))

    def test_only_a_manager_reads_the_look_ups(self):
        self._follow(identity_number="1000000008", mobile="0501234567")
        lookup = self.env["atta.follow.request"].sudo().search([], limit=1)
        self.assertEqual(
            lookup.with_user(self.manager).read(["beneficiary_id"])[0]["beneficiary_id"][0], self.beneficiary.id
        )
        self.assertNotIn("1000000008", str(lookup.read()), "the typed number is kept as a digest only")
        for user in (self.officer, self.researcher, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                lookup.with_user(user).read(["beneficiary_id"])
