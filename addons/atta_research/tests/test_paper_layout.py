import re
import shutil
import subprocess
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from lxml import etree

from odoo.tests import HttpCase, tagged

from .test_paper import BLANK_FORM, LETTER, RECEIPT, SUMMARY, VISIT_FORM, PaperCase

# Nothing printed nearer the paper's left or right edge than this (the printable box of an office
# printer is about 5 mm in; 10 mm keeps the text clear of it and of a hole punch).
SIDE_MARGIN_MM = 10
TATWEEL = "\u0640"  # the stroke of «هـ», the Hijri era's mark
DIGITS = re.compile(r"[0-9\u0660-\u0669]")


def mm_to_pt(value):
    return value * 72 / 25.4


def same_line(word, other):
    """Two glyph boxes (text, x_min, y_min, x_max, y_max) on one line: the boxes of two lines overlap a little
    (a glyph's box is taller than the line), those of one line by most of their height."""
    overlap = min(word[4], other[4]) - max(word[2], other[2])
    return overlap > 0.5 * min(word[4] - word[2], other[4] - other[2])


@tagged("post_install", "-at_install")
class TestPaperLayout(HttpCase, PaperCase):
    """The papers as wkhtmltopdf prints them: every word inside the paper's box, Hijri dates legible,
    the blank form on one sheet. Read from the glyph boxes poppler's pdftotext gives of the real PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pdftotext = shutil.which("pdftotext")

    def setUp(self):
        super().setUp()
        if not self.pdftotext:
            self.skipTest("pdftotext (poppler-utils) is not installed: the glyph positions cannot be read")

    def _pdf(self, report, records, user):
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        return pdf

    def _pages(self, pdf):
        """[(width, height, [(text, x_min, y_min, x_max, y_max), ...]), ...] in points, one per page."""
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp, "paper.pdf")
            source.write_bytes(pdf)
            target = Path(tmp, "paper.html")
            subprocess.run([self.pdftotext, "-bbox-layout", source, target], check=True, capture_output=True)
            tree = etree.parse(str(target), etree.HTMLParser(encoding="utf-8"))
        pages = []
        for page in tree.iter("page"):
            words = [
                (
                    unicodedata.normalize("NFKC", word.text or ""),
                    *(float(word.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")),
                )
                for word in page.iter("word")
            ]
            pages.append((float(page.get("width")), float(page.get("height")), words))
        return pages

    def assertInsideTheBox(self, pages, paper):
        margin = mm_to_pt(SIDE_MARGIN_MM)
        for number, (width, _height, words) in enumerate(pages, 1):
            for text, x_min, _y_min, x_max, _y_max in words:
                with self.subTest(paper=paper, page=number, word=text):
                    self.assertGreaterEqual(x_min, margin, f"«{text}» runs over the left edge of the paper")
                    self.assertLessEqual(x_max, width - margin, f"«{text}» runs over the right edge of the paper")

    def assertHijriMarkClear(self, pages, paper):
        """No «هـ» printed over a digit. The PDF holds the mark as two glyphs, a tatweel and the «ه» on its
        right: their joint box must touch no digit of its line, and the tatweel must not come out of the
        text glued to the digits (which is what a mark printed over them gives)."""
        marks = 0
        for number, (_width, _height, words) in enumerate(pages, 1):
            for tatweel in (w for w in words if TATWEEL in w[0]):
                marks += 1
                heh = [w for w in words if w[0] == "ه" and same_line(w, tatweel) and abs(w[1] - tatweel[3]) < 1]
                x_min, x_max = tatweel[1], max([tatweel[3]] + [w[3] for w in heh])
                with self.subTest(paper=paper, page=number, mark=tatweel[0]):
                    self.assertFalse(DIGITS.search(tatweel[0]), f"«{tatweel[0]}»: «هـ» is printed over the date")
                for word in (w for w in words if w is not tatweel and DIGITS.search(w[0]) and same_line(w, tatweel)):
                    overlap = min(x_max, word[3]) - max(x_min, word[1])
                    with self.subTest(paper=paper, page=number, date=word[0]):
                        self.assertLess(overlap, 0.5, f"«هـ» is printed over «{word[0]}» ({overlap:.1f} pt)")
        with self.subTest(paper=paper):
            self.assertTrue(marks, f"{paper}: no Hijri date found on the paper")

    def test_every_paper_keeps_its_words_inside_the_paper_and_its_hijri_dates_legible(self):
        request, delivery = self._delivered(date(2023, 10, 9))
        summary_request = self._request(
            declaration_id=self.beneficiary.consent_ids.filtered(lambda consent: consent.kind == "declaration").id
        )
        papers = [
            (BLANK_FORM, self.cash, self.officer),
            (SUMMARY, summary_request, self.officer),
            (SUMMARY, request, self.officer),
            (VISIT_FORM, request.visit_ids, self.researcher),
            (RECEIPT, delivery, self.officer),
            (LETTER, request, self.officer),
        ]
        for report, record, user in papers:
            pages = self._pages(self._pdf(report, record, user))
            self.assertInsideTheBox(pages, report)
            self.assertHijriMarkClear(pages, report)

    def test_the_blank_form_is_one_sheet(self):
        pages = self._pages(self._pdf(BLANK_FORM, self.cash, self.officer))
        self.assertEqual(len(pages), 1, "the blank form is printed on one sheet")
