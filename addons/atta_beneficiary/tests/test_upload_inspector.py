"""The one check every uploaded document goes through: PDFs parsed to the last object, images drawn again."""

import io

from PIL import Image

from odoo.tests import TransactionCase, tagged
from odoo.tools import pdf as odoo_pdf

from ..tools import check_upload
from ..tools.upload import _objects_active, _raw_active
from .upload_corpus import (
    PAGE_TREE,
    encrypted_pdf,
    hostile_pdfs,
    incremental_update,
    object_stream_pdf,
    phone_scan_pdf,
    plain_pdf,
    reportlab_pdf,
    with_catalog,
    writer_pdf,
)

LIMITS = {"max_upload_mb": 5, "max_megapixels": 40}


@tagged("post_install", "-at_install")
class TestUploadInspector(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def _check(self, data, name="document.pdf", env=None):
        return check_upload(env or self.env, data, name, LIMITS)

    def _refused(self, data, words, name="document.pdf"):
        upload, problem = self._check(data, name)
        self.assertIsNone(upload, "nothing to keep")
        self.assertIn(words, problem)
        self.assertIn(f"“{name}”", problem, "the message names the file")
        return problem

    def _accepted(self, data, mimetype="application/pdf", name="document.pdf"):
        upload, problem = self._check(data, name)
        self.assertIsNone(problem)
        self.assertEqual(upload["mimetype"], mimetype)
        return upload

    def test_every_pdf_of_the_hostile_corpus_is_refused_for_its_active_content(self):
        corpus = hostile_pdfs()
        self.assertGreaterEqual(len(corpus), 10)
        for label, data in corpus.items():
            with self.subTest(label):
                self._refused(data, "contains scripts, actions or embedded files")

    def test_the_parse_finds_what_the_bytes_hide(self):
        """Compressed object streams show no name in the raw bytes: only parsing them finds the script."""
        corpus = hostile_pdfs()
        for label in (
            "JavaScript in a compressed object stream",
            "a link annotation's JavaScript in a compressed object stream",
        ):
            with self.subTest(label):
                data = corpus[label]
                self.assertNotIn(b"JavaScript", data)
                self.assertFalse(_raw_active(data))
                self.assertTrue(_objects_active(odoo_pdf.PdfReader(io.BytesIO(data), strict=True)))

    def test_an_encrypted_pdf_is_refused_even_without_a_password_to_open_it(self):
        for label, password in (("opens without asking", ""), ("asks for a password", "secret")):
            with self.subTest(label):
                self._refused(encrypted_pdf(odoo_pdf.PdfWriter, password), "protected by a password or encryption")

    def test_a_pdf_that_does_not_parse_is_refused_as_damaged(self):
        nested = with_catalog(b"/X " + b"[" * 5000 + b"]" * 5000)
        bomb = object_stream_pdf([b"<</Type/Catalog/Pages 2 0 R>>", *PAGE_TREE], [b"<<>>" + b" " * 40_000_000])
        cases = {
            "no cross-reference": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"startxref\n9\n%%EOF\n",
            "cut in the middle": plain_pdf()[:150] + b"\nstartxref\n9\n%%EOF\n",
            "nested beyond any reader's stack": nested,
            "an object stream that inflates to 40 MB": bomb,
            "a cross-reference pointing past the end": plain_pdf().replace(b"startxref\n", b"startxref\n9999"),
        }
        for label, data in cases.items():
            with self.subTest(label):
                self._refused(data, "is a damaged PDF")

    def test_real_pdfs_are_accepted_and_kept_as_sent(self):
        wkhtmltopdf = self.env["ir.actions.report"]._run_wkhtmltopdf(
            [
                '<html><body><h1>Lease</h1><a href="https://example.com">deed</a><a href="#end">end</a>'
                '<p id="end">Signed</p></body></html>'
            ]
        )
        documents = {
            "reportlab, three pages with links and an outline": reportlab_pdf(pages=3),
            "wkhtmltopdf through Odoo's report engine": wkhtmltopdf,
            "a phone scan written by Pillow, two pages": phone_scan_pdf(pages=2),
            "the PDF library's writer": writer_pdf(odoo_pdf.PdfWriter),
            "PDF 1.5 with an object stream and an opening destination": object_stream_pdf(
                [b"<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>", *PAGE_TREE], [b"<</Title(Scan)>>"]
            ),
            "a second revision that adds a title": incremental_update(plain_pdf(), {4: b"<</Title(Scan)>>"}),
        }
        for label, data in documents.items():
            with self.subTest(label):
                self.assertTrue(data.startswith(b"%PDF-"))
                upload = self._accepted(data)
                self.assertEqual(upload["raw"], data, "a PDF is kept byte for byte")
                self.assertEqual(upload["name"], "document.pdf")

    def test_an_image_is_drawn_again_without_its_metadata_or_a_passenger(self):
        photo = Image.new("RGB", (60, 40), (200, 30, 30))
        exif = Image.Exif()
        exif[0x010F] = "Phone maker"  # Make
        exif[0x0112] = 6  # Orientation: the camera was turned a quarter
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"secret note")
        polyglot = buffer.getvalue() + b"%PDF-1.4 /JavaScript trailing passenger"
        upload = self._accepted(polyglot, "image/jpeg", name="photo.jpg")
        self.assertNotIn(b"passenger", upload["raw"])
        self.assertNotIn(b"Phone maker", upload["raw"])
        self.assertNotIn(b"secret note", upload["raw"])
        with Image.open(io.BytesIO(upload["raw"])) as kept:
            self.assertEqual(kept.size, (40, 60), "turned upright as the camera recorded it")
            self.assertFalse(kept.getexif())
        buffer = io.BytesIO()
        Image.new("P", (30, 30)).save(buffer, "PNG", transparency=0)
        png = buffer.getvalue()
        upload = self._accepted(
            png[:-12] + b"\x00\x00\x00\x04tEXtabcd\x00\x00\x00\x00" + png[-12:], "image/png", "scan"
        )
        self.assertEqual(upload["name"], "scan.png", "the extension of what the content is")
        with Image.open(io.BytesIO(upload["raw"])) as kept:
            self.assertEqual(kept.info.get("transparency"), 0)

    def test_images_beyond_the_pixel_limit_or_broken_are_refused(self):
        buffer = io.BytesIO()
        Image.new("1", (8000, 6000)).save(buffer, "PNG")
        self._refused(buffer.getvalue(), "more than 40 megapixels", name="big.png")
        buffer = io.BytesIO()
        Image.new("RGB", (300, 200), (10, 20, 30)).save(buffer, "PNG")
        self._refused(buffer.getvalue()[:-30], "not a readable PDF or image", name="cut.png")

    def test_each_refusal_reason_has_its_arabic_message(self):
        self.env["res.lang"]._activate_lang("ar_001")
        arabic = self.env(context=dict(self.env.context, lang="ar_001"))
        cases = [
            hostile_pdfs()["a Launch action"],
            encrypted_pdf(odoo_pdf.PdfWriter),
            plain_pdf()[:150] + b"\nstartxref\n9\n%%EOF\n",
            b"MZ\x90\x00 not a document",
            b"",
        ]
        messages = [self._check(data, env=arabic)[1] for data in cases]
        self.assertEqual(len(set(messages)), len(cases), "one message per reason")
        for message in messages:
            with self.subTest(message):
                self.assertRegex(message, "[\u0600-\u06ff]")
                self.assertIn("document.pdf", message)
