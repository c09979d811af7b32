"""Hostile and malformed submissions of the public form, as a script would send them.

Each row is one raw multipart POST: a field (or an upload) given one bad value, everything else valid.
Every answer must be below 500, name the field, and leave the database as it was.
"""

import json

from odoo.tests import new_test_user, tagged

from .apply_common import EXECUTABLE, FORM_URL, SCAN_PDF, SVG, AttaApplyCase, huge_png, image_bytes, oversized_pdf

BIG = "x" * 100_000
NUL = "\x00"
SQL_INJECTION = "' OR 1=1 --"
MARKUP = "<script>alert(1)</script>"
JSON_VALUE = '{"$gt": ""}'
BIDI = "\u202eHuda Saleh\u202c"
HUGE_NUMBER = "99999999999999999999"
COMMON = [
    ("empty", ""),
    ("100 KB", BIG),
    ("NUL byte", NUL),
    ("SQL", SQL_INJECTION),
    ("markup", MARKUP),
    ("-1", "-1"),
    ("1e308", "1e308"),
    ("NaN", "NaN"),
    ("20 digits", HUGE_NUMBER),
    ("JSON", JSON_VALUE),
    ("lone Arabic-Indic digit", "٣"),
    ("None", "None"),
    ("bidi override", BIDI),
]


def values_for(*skip, extra=()):
    return [(label, value) for label, value in COMMON if label not in skip] + list(extra)


# field -> malformed values; each refused beside that field.
MALFORMED = {
    "identity_type": values_for(
        extra=[
            ("upper case", "NATIONAL_ID"),
            ("with NUL", "national_id\x00"),
            ("trailing space", "passport "),
            ("unknown", "driving_licence"),
            ("infinity", "inf"),
        ]
    ),
    "identity_number": values_for(
        extra=[
            ("wrong check digit", "1234567893"),
            ("iqama prefix", "2123456788"),
            ("11 digits", "12345678975"),
            ("9 digits", "123456789"),
            ("with NUL", "1234567897\x00"),
            ("bidi inside", "\u202e1234567897"),
            ("letters", "ABCDEFGHIJ"),
        ]
    ),
    "name": values_for(
        extra=[
            ("one letter", "A"),
            ("one word", "Huda"),
            ("129 letters", "Huda " + "a" * 124),
            ("tab", "Huda\tSaleh"),
            ("NUL inside", "Huda\x00 Saleh"),
            ("markup around a name", "<b>Huda</b> Saleh"),
            ("digits in a name", "Huda 1234"),
            ("spaces only", "     "),
            ("zero-width space", "Huda\u200b Saleh"),
            ("right-to-left override alone", "\u202e"),
        ]
    ),
    "phone": values_for(
        extra=[
            ("too short", "0551"),
            ("too long", "05512345678901"),
            ("letters", "phone-me"),
            ("NUL after", "0551234567\x00"),
            ("plus sign only", "+"),
        ]
    ),
    "email": values_for(
        "empty",
        extra=[
            ("no at", "xxxxxxxx"),
            ("no domain dot", "a@b"),
            ("two at", "a@@example.com"),
            ("display name", "Huda <huda@example.com>"),
            ("two addresses", "a@example.com, b@example.com"),
            ("NUL inside", "huda\x00@example.com"),
            ("space inside", "huda @example.com"),
            ("33 KB", "a" * 33_000),
        ],
    ),
    "city": values_for(
        "empty",
        "1e308",
        "NaN",
        "None",
        extra=[("65 letters", "R" * 65), ("braces", "{Riyadh}"), ("semicolon", "Riyadh; DROP TABLE")],
    ),
    "district": values_for(
        "empty",
        "1e308",
        "NaN",
        "None",
        extra=[("65 letters", "M" * 65), ("angle brackets", "<Malaz>"), ("equals", "a=b")],
    ),
    "household_size": values_for(
        "lone Arabic-Indic digit",
        extra=[
            ("zero", "0"),
            ("31", "31"),
            ("decimal", "2.5"),
            ("infinity", "inf"),
            ("with sign", "+3"),
            ("exponent", "1e1"),
            ("hex", "0x5"),
        ],
    ),
    "monthly_income": values_for(
        "lone Arabic-Indic digit",
        extra=[
            ("infinity", "inf"),
            ("negative decimal", "-0.5"),
            ("over the cap", "1000001"),
            ("three decimals", "1.234"),
            ("exponent", "1e3"),
            ("hex", "0x10"),
            ("two dots", "1.2.3"),
        ],
    ),
    "support_type_id": values_for(
        extra=[("unknown id", "999999"), ("zero", "0"), ("list", "1,2"), ("Arabic-Indic id", "١")]
    ),
    "description": [
        ("100 KB", BIG),
        ("NUL byte", "Rent\x00 is late"),
        ("bidi override", BIDI),
        ("bell character", "Rent\x07"),
        ("escape sequence", "\x1b[31mRent"),
    ],
    "declaration_accepted": [
        ("empty", ""),
        ("zero", "0"),
        ("no", "no"),
        ("None", "None"),
        ("NUL", NUL),
        ("100 KB", BIG),
        ("false", "false"),
    ],
    "consent_accepted": [
        ("empty", ""),
        ("zero", "0"),
        ("no", "no"),
        ("None", "None"),
        ("NUL", NUL),
        ("100 KB", BIG),
        ("false", "false"),
    ],
}


@tagged("post_install", "-at_install")
class TestApplyFuzz(AttaApplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unpublished = cls.env["atta.support.type"].create(
            {"name": "Internal only", "code": "internal_only", "website_published": False}
        )
        cls.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_ip_hour", "100000")
        huge = huge_png()
        # document field -> (label, file); each refused beside that field.
        cls.bad_files = {
            "document_identity": [
                ("empty file", ("id.pdf", b"", "application/pdf")),
                ("Windows executable", ("id.pdf", EXECUTABLE, "application/pdf")),
                ("ELF executable", ("id.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "application/pdf")),
                ("SVG with a script", ("id.svg", SVG, "image/svg+xml")),
                ("HTML", ("id.html", b"<html><script>alert(1)</script></html>", "text/html")),
                ("PDF header only", ("id.pdf", b"%PDF-1.4\n" + b"A" * 200, "application/pdf")),
                (
                    "PDF without startxref",
                    ("id.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
                ),
                (
                    "PDF with JavaScript",
                    (
                        "id.pdf",
                        SCAN_PDF.replace(
                            b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
                        ),
                        "application/pdf",
                    ),
                ),
                ("6 MB scan", ("id.pdf", oversized_pdf(6), "application/pdf")),
            ],
            "document_income_certificate": [
                ("100-megapixel PNG", ("income.png", huge, "image/png")),
                ("truncated PNG", ("income.png", image_bytes()[:40], "image/png")),
                ("JPEG signature then garbage", ("income.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 300, "image/jpeg")),
                ("GIF", ("income.gif", image_bytes(image_format="GIF", mode="P"), "image/gif")),
                ("ZIP archive", ("income.pdf", b"PK\x03\x04" + b"\x00" * 100, "application/pdf")),
                ("text named .pdf", ("income.pdf", b"just some text", "application/pdf")),
                ("missing", None),
            ],
            "document_iban_certificate": [
                ("BMP image", ("iban.bmp", image_bytes(image_format="BMP"), "image/bmp")),
                ("TIFF image", ("iban.tif", image_bytes(image_format="TIFF"), "image/tiff")),
                ("missing", None),
            ],
        }

    def _assert_refused(self, data, files, field, before):
        response = self.url_open(FORM_URL, data=data, files=files, timeout=60, method="POST")
        self.assertLess(response.status_code, 500, response.text[:300])
        answer = json.loads(response.text)
        self.assertNotIn("id", answer)
        self.assertTrue(answer.get("error"), answer)
        if field:
            self.assertIn(field, answer.get("error_fields") or {})
            self.assertIsInstance(answer["error_fields"][field], str, "a message beside the field")
        self.assertEqual(self._counts(), before, "nothing was created")

    def test_every_malformed_submission_is_refused_below_500_and_creates_nothing(self):
        before = self._counts()
        cases = 0
        for field, values in dict(
            MALFORMED, support_type_id=MALFORMED["support_type_id"] + [("unpublished type", str(self.unpublished.id))]
        ).items():
            for label, value in values:
                with self.subTest(field=field, value=label):
                    self._assert_refused(self._fields(**{field: value}), self._files(), field, before)
                cases += 1
        for field in (
            "identity_type",
            "identity_number",
            "name",
            "phone",
            "household_size",
            "monthly_income",
            "support_type_id",
            "declaration_accepted",
            "consent_accepted",
        ):
            with self.subTest(field=field, value="left out"):
                data = self._fields()
                del data[field]
                self._assert_refused(data, self._files(), field, before)
            cases += 1
        for field, bad_files in self.bad_files.items():
            for label, file in bad_files:
                with self.subTest(field=field, file=label):
                    self._assert_refused(self._fields(), self._files(**{field: file}), field, before)
                cases += 1
        form_level = [
            ("a file where a name is expected", self._fields(), dict(self._files(), name=("name.pdf", SCAN_PDF))),
            (
                "a file the form does not ask for",
                self._fields(),
                dict(self._files(), document_other=("x.pdf", SCAN_PDF)),
            ),
            (
                "the same document twice",
                self._fields(),
                list(self._files().items()) + [("document_identity", ("again.pdf", SCAN_PDF, "application/pdf"))],
            ),
            (
                "too many files",
                self._fields(),
                list(self._files().items())
                + [("document_identity", (f"id{i}.pdf", SCAN_PDF, "application/pdf")) for i in range(8)],
            ),
            ("an empty post", {}, {}),
        ]
        for label, data, files in form_level:
            with self.subTest(form=label):
                self._assert_refused(data, files, None, before)
            cases += 1
        self.env["ir.config_parameter"].set_param("atta_research.apply_max_submission_mb", "0.0005")
        with self.subTest(form="documents together over the limit"):
            self._assert_refused(self._fields(), self._files(), None, before)
        cases += 1
        self.assertGreaterEqual(cases, 200)
        # The same harness accepts the well-formed submission: the refusals above are the values' doing.
        self.env["ir.config_parameter"].set_param("atta_research.apply_max_submission_mb", "15")
        answer = self._answer()
        self.assertIn("id", answer, answer)
        self.assertEqual(self._counts()["atta.support.request"], before["atta.support.request"] + 1)

    def test_a_logged_in_visitor_with_the_csrf_token_gets_the_same_answers(self):
        new_test_user(self.env, "fuzz_portal", groups="base.group_portal")
        self.authenticate("fuzz_portal", "fuzz_portal")
        csrf = self._csrf(self.url_open("/apply"))
        before = self._counts()
        for field, (label, value) in [
            ("identity_type", ("unknown", "driving_licence")),
            ("household_size", ("20 digits", HUGE_NUMBER)),
            ("monthly_income", ("NaN", "NaN")),
            ("name", ("NUL", "Huda\x00 Saleh")),
            ("email", ("NUL", "a\x00@example.com")),
        ]:
            with self.subTest(field=field, value=label):
                data = dict(self._fields(**{field: value}), csrf_token=csrf)
                self._assert_refused(data, self._files(), field, before)
