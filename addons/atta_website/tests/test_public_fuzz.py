"""Every public route of atta_research, sent what a script would send: never a server error, nothing stored.

Beside test_apply_fuzz (the application form itself): the code and resend buttons, the status page, the
tracking link's documents, appeal, complaint and letter, the public complaint form, the "Follow my request"
page, the portal's personal data page and Odoo's mail form through Atta's form override. Each case is one raw
request with one hostile part: a wrong type (a file where text is expected), a NUL byte, a megabyte, a bidi
override, a repeated field, no CSRF token, a negative, unknown or huge id, another person's token.
"""

import json

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools import pdf as odoo_pdf

from odoo.addons.atta_beneficiary.tests.upload_corpus import encrypted_pdf, hostile_pdfs

from .apply_common import EXECUTABLE, SCAN_PDF, SVG, AttaApplyCase, huge_png, oversized_pdf

MEGABYTE = "x" * 1_000_000
FILE = ("value.txt", b"a file where text is expected", "text/plain")
# (label, value) sent in place of a text answer; every one must be refused where plain text is expected.
BAD_TEXT = [
    ("a file", FILE),
    ("a NUL byte", "Rent is late\x00 since May"),
    ("a megabyte", MEGABYTE),
    ("a bidi override", "\u202eRent is late since May"),
    ("an escape sequence", "\x1b[31mRent is late since May"),
    ("a bell", "Rent is late since May\x07"),
]
STRANGER = {"name": "Someone Else Entirely", "phone": "0559998877", "email": "stranger@example.com"}
# Ids past PostgreSQL's integer and bigint, sent where a route takes a record's id.
HUGE_IDS = [("2^31", str(2**31)), ("2^63", str(2**63)), ("10^30", str(10**30))]


@tagged("post_install", "-at_install")
class TestPublicRoutesFuzz(AttaApplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        params.set_param("atta_research.apply_limit_per_ip_hour", "100000")
        params.set_param("atta_research.complaint_limit_per_ip_hour", "100000")
        params.set_param("atta_research.complaint_limit_per_hour", "100000")
        cls.category = cls.env.ref("atta_research.complaint_category_service")
        cls.category.user_id = cls.officer
        cls.hidden_category = cls.env["atta.complaint.category"].create(
            {"name": "Internal", "website_published": False}
        )
        cls.waiting = cls.env["atta.support.request"].create(
            {"beneficiary_id": cls.beneficiary.id, "support_type_id": cls.cash.id, "description": "Rent"}
        )
        cls.waiting.action_submit()
        cls.waiting._request_information("Send the IBAN certificate again.")
        cls.waiting._portal_ensure_token()
        cls.other_beneficiary = cls._complete_beneficiary("1234567897", "Huda Saleh Alharbi")
        cls.others = cls.env["atta.support.request"].create(
            {"beneficiary_id": cls.other_beneficiary.id, "support_type_id": cls.cash.id, "description": "Rent"}
        )
        cls.others._portal_ensure_token()
        cls.portal_user = new_test_user(
            cls.env, "fuzz_privacy", groups="base.group_portal", partner_id=cls.beneficiary.partner_id.id
        )

    def setUp(self):
        super().setUp()
        self.cases = 0

    def _counts(self):
        counts = super()._counts()
        for model in ("atta.complaint", "atta.data.request", "mail.mail", "atta.interaction"):
            counts[model] = self.env[model].sudo().with_context(active_test=False).search_count([])
        return counts

    def _request_state(self, request_rec):
        request_rec.invalidate_recordset()
        return (request_rec.state, request_rec.appeal_count, len(request_rec.message_ids))

    def _try(self, label, url, data=None, files=None, method="POST"):
        """One hostile request: below 500, whatever it is."""
        self.cases += 1
        response = None
        with self.subTest(label), mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http", "werkzeug"):
            if method == "GET":
                response = self.url_open(url, timeout=60)
            else:
                response = self.url_open(url, data=data or {}, files=files, timeout=60, method="POST")
            self.assertLess(response.status_code, 500, f"{label}: {response.text[:300]}")
        return response

    def _text_cases(self, field, extra=()):
        return [(f"{field}: {label}", value) for label, value in [*BAD_TEXT, *extra]]

    @staticmethod
    def _split(data):
        """Form fields and files apart: a file value goes with the files, as a browser would send it."""
        fields = {key: value for key, value in data.items() if not isinstance(value, tuple)}
        files = {key: value for key, value in data.items() if isinstance(value, tuple)}
        return fields, files

    def _bad_tokens(self, token, others_token):
        return [
            ("no token", None),
            ("empty token", ""),
            ("another person's token", others_token),
            ("token with a NUL", token + "\x00"),
            ("token in upper case", token.upper()),
            ("token cut short", token[:-1]),
            ("a 4 KB token", "a" * 4096),
            ("a path", "../../etc/passwd"),
        ]

    # ------------------------------------------------------------------ the application's status page
    def test_the_code_resend_and_status_routes_refuse_every_hostile_request_below_500(self):
        last_sms = self._last_sms_id()
        answer = self._answer(self._fields(identity_number=self.beneficiary.identity_number, **STRANGER))
        application = self.env["atta.online.application"].browse(answer["id"])
        other = self._answer(self._fields(identity_number=self.other_beneficiary.identity_number, **STRANGER))
        other = self.env["atta.online.application"].browse(other["id"])
        token, others_token = application.sudo().access_token, other.sudo().access_token
        right = self._code_in(self._sms_since(last_sms)[0])
        page = self.url_open(application._tracking_url())
        csrf = self._csrf(page)
        before = self._counts()
        base = f"/apply/status/{application.id}"
        code_values = [
            *BAD_TEXT,
            ("Arabic-Indic digits of a wrong code", "١٢٣٤٥٦" if right != "123456" else "٦٥٤٣٢١"),
            ("minus one", "-1"),
            ("an exponent", "1e6"),
            ("seven digits", right + "0"),
            ("the code with a NUL", right + "\x00"),
            ("a wrong code, then the right one", [f"{(int(right) + 1) % 1_000_000:06d}", right]),
            ("empty", ""),
        ]
        for label, code in code_values:
            data, files = self._split({"csrf_token": csrf, "access_token": token, "code": code})
            self._try(f"code: {label}", f"{base}/code", data, files)
        for label, bad in self._bad_tokens(token, others_token):
            data = {"csrf_token": csrf, "code": right}
            if bad is not None:
                data["access_token"] = bad
            self._try(f"code with {label}", f"{base}/code", data)
            self._try(f"resend with {label}", f"{base}/resend", dict(data, code=None))
            self._try(f"status with {label}", f"{base}?access_token={bad or ''}", method="GET")
        for label, number in (("minus one", "-1"), ("zero", "0"), ("unknown", "99999999"), *HUGE_IDS):
            for route in ("code", "resend"):
                self._try(f"{route} of application {label}", f"/apply/status/{number}/{route}", {"csrf_token": csrf})
            self._try(f"status of application {label}", f"/apply/status/{number}?access_token={token}", method="GET")
        self._try("code without CSRF token", f"{base}/code", {"access_token": token, "code": right})
        self._try("resend without CSRF token", f"{base}/resend", {"access_token": token})
        self._try("resend with a file as token", f"{base}/resend", {"csrf_token": csrf}, {"access_token": FILE})
        self._try("resend at once (a minute not passed)", f"{base}/resend", {"csrf_token": csrf, "access_token": token})
        self.assertEqual(self._counts(), before, "no record, no SMS, no file")
        self.assertNotEqual(application.state, "attached", "no hostile request attached the application")
        self.assertFalse(self.beneficiary.request_ids.filtered(lambda r: r.create_date >= application.create_date))
        self.assertGreaterEqual(self.cases, 50)

    # ------------------------------------------------------------------ the tracking link
    def test_the_tracking_link_refuses_every_hostile_document_answer_and_token_below_500(self):
        request_rec, others = self.waiting, self.others
        token = request_rec.access_token
        csrf = self._csrf(self.url_open(request_rec.get_portal_url()))
        before, state = self._counts(), self._request_state(request_rec)
        base = f"/my/requests/{request_rec.id}"
        documents = {
            **{
                f"a PDF with {label}": (f"{label[:20]}.pdf", data, "application/pdf")
                for label, data in hostile_pdfs().items()
            },
            "an encrypted PDF": ("locked.pdf", encrypted_pdf(odoo_pdf.PdfWriter), "application/pdf"),
            "an executable": ("setup.pdf", EXECUTABLE, "application/pdf"),
            "an SVG": ("scan.svg", SVG, "image/svg+xml"),
            "a 6 MB scan": ("big.pdf", oversized_pdf(6), "application/pdf"),
            "a 100-megapixel image": ("photo.png", huge_png(), "image/png"),
            "an empty file": ("empty.pdf", b"", "application/pdf"),
            "a file named with a NUL": ("scan\x00.pdf", EXECUTABLE, "application/pdf"),
        }
        for label, file in documents.items():
            self._try(
                f"documents: {label}",
                f"{base}/documents?access_token={token}",
                {"csrf_token": csrf},
                {"documents": file},
            )
        self._try("documents as text", f"{base}/documents?access_token={token}", {"csrf_token": csrf, "documents": "x"})
        self._try(
            "a good file beside a hostile one",
            f"{base}/documents?access_token={token}",
            {"csrf_token": csrf},
            [
                ("documents", ("iban.pdf", SCAN_PDF, "application/pdf")),
                ("documents", ("x.pdf", EXECUTABLE, "application/pdf")),
            ],
        )
        complaint = {
            "kind": "complaint",
            "category_id": str(self.category.id),
            "subject": "Late",
            "description": "Nobody called me back about my request.",
        }
        for field in ("subject", "description"):
            for label, value in self._text_cases(field):
                data, files = self._split(dict(complaint, csrf_token=csrf, **{field: value}))
                self._try(f"complaint {label}", f"{base}/complaint?access_token={token}", data, files)
        for label, value in [
            ("a file", FILE),
            ("minus one", "-1"),
            ("unknown", "99999999"),
            ("unpublished", str(self.hidden_category.id)),
            ("a list", f"{self.category.id},{self.category.id}"),
            ("a NUL", "1\x00"),
        ]:
            data, files = self._split(dict(complaint, csrf_token=csrf, category_id=value))
            self._try(f"complaint category: {label}", f"{base}/complaint?access_token={token}", data, files)
        for label, value in [("unknown kind", "praise"), ("a file", FILE), ("a NUL", "complaint\x00")]:
            data, files = self._split(dict(complaint, csrf_token=csrf, kind=value))
            self._try(f"complaint kind: {label}", f"{base}/complaint?access_token={token}", data, files)
        for label, value in self._text_cases("reason", [("too short", "no"), ("empty", "")]):
            data, files = self._split({"csrf_token": csrf, "reason": value})
            self._try(f"appeal {label}", f"{base}/appeal?access_token={token}", data, files)
        for label, bad in self._bad_tokens(token, others.access_token):
            query = "" if bad is None else f"?access_token={bad}"
            self._try(f"page with {label}", f"{base}{query}", method="GET")
            self._try(f"letter with {label}", f"{base}/letter{query}", method="GET")
            self._try(
                f"documents with {label}",
                f"{base}/documents{query}",
                {"csrf_token": csrf},
                {"documents": ("iban.pdf", SCAN_PDF, "application/pdf")},
            )
            self._try(
                f"appeal with {label}",
                f"{base}/appeal{query}",
                {"csrf_token": csrf, "reason": "The committee did not know my rent went up."},
            )
            self._try(f"complaint with {label}", f"{base}/complaint{query}", dict(complaint, csrf_token=csrf))
        for label, number in (
            ("minus one", "-1"),
            ("zero", "0"),
            ("unknown", "99999999"),
            ("someone else's", str(others.id)),
            *HUGE_IDS,
        ):
            for route in ("documents", "appeal", "complaint"):
                self._try(
                    f"{route} of request {label}",
                    f"/my/requests/{number}/{route}?access_token={token}",
                    dict(complaint, csrf_token=csrf),
                )
            self._try(f"letter of request {label}", f"/my/requests/{number}/letter?access_token={token}", method="GET")
        for route in ("documents", "appeal", "complaint"):
            self._try(
                f"{route} without CSRF token",
                f"{base}/{route}?access_token={token}",
                dict(complaint, reason="The rent went up in May."),
                {"documents": ("iban.pdf", SCAN_PDF, "application/pdf")},
            )
        self._try("the letter of a request without one", f"{base}/letter?access_token={token}", method="GET")
        self.assertEqual(self._counts(), before, "no complaint, no file, no message")
        self.assertEqual(self._request_state(request_rec), state, "the request is as it was")
        self.assertEqual(self._request_state(others)[0], "draft")
        self.assertGreaterEqual(self.cases, 110)

    # ------------------------------------------------------------------ the public complaint form
    def test_the_public_complaint_form_refuses_every_hostile_answer_below_500(self):
        csrf = self._csrf(self.url_open("/complaint"))
        form = {
            "kind": "complaint",
            "category_id": str(self.category.id),
            "subject": "Long wait at the desk",
            "description": "I waited two hours on Sunday morning before anyone received me.",
            "contact_name": "Saad Omar",
            "mobile": "0551112233",
            "email": "",
            "identity_number": "",
        }
        before = self._counts()
        for field in ("subject", "description", "contact_name", "mobile", "email", "identity_number"):
            for label, value in self._text_cases(field):
                data, files = self._split(dict(form, csrf_token=csrf, **{field: value}))
                self._try(f"complaint form {label}", "/complaint", data, files)
        for label, value in [
            ("minus one", "-1"),
            ("unknown", "99999999"),
            ("unpublished", str(self.hidden_category.id)),
            ("a file", FILE),
        ]:
            data, files = self._split(dict(form, csrf_token=csrf, category_id=value))
            self._try(f"complaint form category: {label}", "/complaint", data, files)
        self._try("complaint form without CSRF token", "/complaint", form)
        self.assertEqual(self._counts(), before, "no complaint, no SMS, no mail")
        # A well-formed complaint is taken once, whatever comes beside it: the first of a repeated field, never a file.
        attachments = self._attachment_count()
        self._try(
            "complaint form with a stray file",
            "/complaint",
            dict(form, csrf_token=csrf),
            {"attachment": ("x.pdf", EXECUTABLE, "application/pdf")},
        )
        self._try(
            "complaint form with every field twice",
            "/complaint",
            [*dict(form, csrf_token=csrf).items(), ("subject", "Another subject")],
        )
        self.assertEqual(self._attachment_count(), attachments, "the stray file is not stored")
        complaints = self.env["atta.complaint"].sudo().search([], order="id desc", limit=2)
        self.assertEqual(complaints.mapped("subject"), ["Long wait at the desk"] * 2)
        self.assertGreaterEqual(self.cases, 40)

    # ------------------------------------------------------------------ the portal's personal data page
    def test_the_personal_data_page_refuses_every_hostile_request_below_500(self):
        self.authenticate("fuzz_privacy", "fuzz_privacy")
        csrf = self._csrf(self.url_open("/my/privacy"))
        before = self._counts()
        for label, value in self._text_cases("message"):
            data, files = self._split({"csrf_token": csrf, "kind": "copy", "message": value})
            response = self._try(f"privacy {label}", "/my/privacy", data, files)
            self.assertIn("error=details", response.url)
            self.assertIn("o_atta_privacy_error_details", response.text, "the reason is shown")
        for label, value in [("a file", FILE), ("unknown", "sell"), ("a NUL", "copy\x00"), ("a megabyte", MEGABYTE)]:
            data, files = self._split({"csrf_token": csrf, "kind": value, "message": "Please"})
            response = self._try(f"privacy kind: {label}", "/my/privacy", data, files)
            self.assertIn("error=1", response.url)
        self._try("privacy without CSRF token", "/my/privacy", {"kind": "copy", "message": "Please"})
        self._try("privacy with a file as CSRF token", "/my/privacy", {"kind": "copy"}, {"csrf_token": FILE})
        self._try("withdrawal without CSRF token", "/my/privacy/withdraw", {})
        for value in ("1", "details", "open", "<script>", "\x00"):
            self._try(f"privacy page with error {value!r}", f"/my/privacy?error={value}", method="GET")
        for kind in ("copy", "sell", "<script>", "\x00", MEGABYTE[:4000]):
            self._try(f"privacy page open with kind {kind[:10]!r}", f"/my/privacy?error=open&kind={kind}", method="GET")
        self.assertEqual(self._counts(), before, "no request stored")
        self.assertGreaterEqual(self.cases, 15)

    # ------------------------------------------------------------------ the "Follow my request" page
    def test_the_follow_page_refuses_every_hostile_request_below_500_and_records_nothing(self):
        """Each case is malformed in one part: it is answered beside the field, never recorded, never texted."""
        self.env["ir.config_parameter"].set_param("atta_research.follow_limit_per_ip_hour", "100000")
        csrf = self._csrf(self.url_open("/follow"))
        Follow = self.env["atta.follow.request"].sudo()
        before, lookups = self._counts(), Follow.search_count([])
        good = {"identity_number": self.beneficiary.identity_number, "mobile": "0501234567"}
        numbers = [
            *BAD_TEXT,
            ("superscript digits", "¹⁰⁰⁰⁰⁰⁰⁰⁰⁸"),
            ("Bengali digits", "১০০০০০০০০৮"),
            ("full-width digits", "１０００００００００８"),
            ("mixed digit forms", "¹٢3４５６７８９７"),
            ("Cyrillic letters", "АВ1234567"),
            ("four characters", "1234"),
            ("21 digits", "1" * 21),
            ("a wrong check digit", "1000000009"),
            ("a wrong check digit in Arabic digits", "١٠٠٠٠٠٠٠٠٩"),
            ("a symbol after the digits", "10000-0000-8!"),
            ("spaces only", "     "),
            ("empty", ""),
            ("minus one", "-1"),
            ("an exponent", "1e9"),
            ("SQL", "1' OR '1'='1"),
            ("a script tag", "<script>alert(1)</script>"),
            ("an emoji", "10000000😀8"),
            ("a huge number", "9" * 40),
            ("a NUL in the digits", "10000\x0000008"),
            ("repeated keys, both malformed", ["12", "¹²³"]),
        ]
        for label, value in numbers:
            data, files = self._split(dict(good, csrf_token=csrf, identity_number=value))
            response = self._try(f"follow identity: {label}", "/follow", data, files)
            self.assertIn('name="identity_number"', response.text, "the form is shown again")
        for label, value in [
            *BAD_TEXT,
            ("letters", "call me"),
            ("too short", "12"),
            ("repeated keys, both malformed", ["12", "abc"]),
        ]:
            data, files = self._split(dict(good, csrf_token=csrf, mobile=value))
            self._try(f"follow mobile: {label}", "/follow", data, files)
        for label, value in [*BAD_TEXT, ("a path", "../../etc/passwd"), ("a percent sign", "REQ%00")]:
            data, files = self._split({"csrf_token": csrf, "identity_number": good["identity_number"]})
            data, files = self._split(dict(data, request_number=value))
            self._try(f"follow request number: {label}", "/follow", data, files)
        self._try("follow without mobile or request number", "/follow", {"csrf_token": csrf, **good, "mobile": ""})
        self._try("follow with nothing", "/follow", {"csrf_token": csrf})
        self._try("follow without CSRF token", "/follow", good)
        self._try("follow with a wrong CSRF token", "/follow", dict(good, csrf_token="x" * 40))
        self._try("follow with a file as CSRF token", "/follow", good, {"csrf_token": FILE})
        self._try("follow as GET with the answers", f"/follow?identity_number={good['identity_number']}", method="GET")
        self.assertEqual(Follow.search_count([]), lookups, "no look-up recorded from refused input")
        self.assertEqual(self._counts(), before, "no record, no SMS")
        self.assertGreaterEqual(self.cases, 30)

    # ------------------------------------------------------------------ Odoo's mail form through Atta's override
    def test_odoos_mail_form_without_a_valid_signature_answers_an_error_not_a_server_error(self):
        before = self._counts()
        mail = {"email_to": "info@example.com", "subject": "Hello", "body_html": "Hi", "email_from": "a@example.com"}
        for label, data, files in [
            ("no signature", mail, None),
            ("an empty signature", dict(mail, website_form_signature=""), None),
            ("a wrong signature", dict(mail, website_form_signature="0" * 64), None),
            ("a signature with a NUL", dict(mail, website_form_signature="\x00"), None),
            ("a file as signature", mail, {"website_form_signature": FILE}),
            ("a file as recipient", dict(mail, email_to=None, website_form_signature="0" * 64), {"email_to": FILE}),
            ("a copy asked without its signature", dict(mail, email_cc="b@example.com"), None),
        ]:
            data = {key: value for key, value in data.items() if value is not None}
            response = self._try(f"mail form: {label}", "/website/form/mail.mail", data, files)
            answer = json.loads(response.text)
            self.assertTrue(answer.get("error"), answer)
            self.assertNotIn("id", answer)
        self.assertEqual(self._counts(), before, "no mail created, none sent")
