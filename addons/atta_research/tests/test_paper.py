import base64
import io
import json
import re
import unicodedata
from datetime import date

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.fields import Date, Datetime
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.pdf import PdfReader

from odoo.addons.atta_beneficiary.tests.upload_corpus import hostile_pdfs, plain_pdf
from odoo.addons.atta_beneficiary.tools import hijri_date_string

from .common import AttaResearchCase

BLANK_FORM = "atta_research.action_report_blank_request_form"
SUMMARY = "atta_research.action_report_request_summary"
VISIT_FORM = "atta_research.action_report_research_visit"
RECEIPT = "atta_research.action_report_support_delivery"
LETTER = "atta_research.action_report_decision_letter"
# A PDF, as Odoo's own PDF tools accept it, that the web form would also accept.
SIGNED_PDF = plain_pdf()


class PaperCase(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.beneficiary.partner_id.lang = "ar_001"

    def _delivered(self, delivery_date):
        """A request decided, registered and handed over on `delivery_date`, each step by whom does it."""
        request = self._to_committee(self._request())
        self._decide(request)
        self._register(request.beneficiary_id)
        delivery = (
            self.env["atta.support.delivery"]
            .with_user(self.officer)
            .create({"request_id": request.id, "amount": 2500, "date": delivery_date})
        )
        delivery.action_confirm()
        return request, delivery.with_user(self.env.user)

    def _html(self, report, records, user):
        html, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, records.ids)
        return html.decode()


@tagged("post_install", "-at_install")
class TestPaperPdf(HttpCase, PaperCase):
    """Each paper of the desk is a real PDF (wkhtmltopdf fetches its styles from the server: an HttpCase)."""

    def _pdf_text(self, report, records, user):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        # Arabic comes out of the PDF as presentation forms (NFKC gives the letters back), and a date or a
        # number inside right-to-left text in pieces split by line breaks: compared without any blank.
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    def _local_day(self, moment, user):
        """The day a stored (UTC) moment falls on where the user prints."""
        return Datetime.context_timestamp(self.env["res.users"].with_user(user), moment).date()

    def assertBothCalendars(self, text, day):
        self.assertIn(day.strftime("%d/%m/%Y"), text, "the Gregorian date")
        hijri_digits = hijri_date_string(day, "ar_001").split()[0]
        self.assertIn(hijri_digits, text, "the Hijri date")

    def test_each_paper_is_an_arabic_pdf_with_the_request_number_and_both_calendars(self):
        request, delivery = self._delivered(date(2023, 10, 9))
        visit = request.visit_ids
        today = Date.context_today(request)
        papers = [
            (SUMMARY, request, self.officer, self._local_day(request.date_submitted, self.officer)),
            (VISIT_FORM, visit, self.researcher, self._local_day(visit.visit_date, self.researcher)),
            (RECEIPT, delivery, self.officer, date(2023, 10, 9)),
            (LETTER, request, self.officer, request.decision_date),
        ]
        for report, record, user, day in papers:
            with self.subTest(report=report):
                text = self._pdf_text(report, record, user)
                # Letters only: wkhtmltopdf's text of a right-to-left page moves brackets and spaces.
                letters = re.sub(r"[\W_]+", "", text)
                self.assertIn(re.sub(r"[\W_]+", "", self.env.company.name), letters, "the association's header")
                self.assertIn(request.name, text)
                self.assertBothCalendars(text, day)
                self.assertRegex(text, "[\u0621-\u064a]", "Arabic text")
                self.assertIn(
                    'dir="rtl"', self._html(report, record, user), "the paper is laid out right to left in Arabic"
                )
        # 9 October 2023 is 24 Rabi' al-Awwal 1445 in the Umm al-Qura calendar.
        self.assertIn("24/3/1445", self._pdf_text(RECEIPT, delivery, self.officer))
        blank = self._pdf_text(BLANK_FORM, self.cash, self.officer)
        self.assertBothCalendars(blank, today)
        self.assertRegex(blank, "[\u0621-\u064a]", "Arabic text")

    def test_the_decision_letter_pdf_is_the_letter_as_issued(self):
        self.beneficiary.name = "Noura Issued"
        request = self._to_committee(self._request())
        self._decide(request)
        self.beneficiary.with_user(self.officer).write({"name": "Noura Corrected"})
        text = re.sub(r"[\W_]+", "", self._pdf_text(LETTER, request, self.officer))
        self.assertIn("NouraIssued", text, "the addressee the letter was sent to")
        self.assertNotIn("NouraCorrected", text)
        self.assertIn(re.sub(r"[\W_]+", "", request.letter_id.name), text)

    def test_the_researcher_downloads_the_decision_letter_as_the_web_client_does(self):
        request = self._to_committee(self._request())
        self._decide(request)
        self.authenticate(self.researcher.login, self.researcher.login)
        url = f"/report/pdf/atta_research.report_decision_letter/{request.id}"
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, "qweb-pdf"]),
                "context": json.dumps({"force_report_rendering": True}),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"), response.content[:300])
        self.assertIn(request.letter_id.name.replace("/", "_"), response.headers["Content-Disposition"])


@tagged("post_install", "-at_install")
class TestPaperContent(PaperCase):
    """What each paper says, and who may print it (read on the HTML the PDF is made of)."""

    def test_the_request_summary_carries_the_declaration_signed_or_in_force_and_lines_to_sign(self):
        signed_v1 = self.beneficiary.consent_ids.filtered(lambda consent: consent.kind == "declaration")
        v1 = signed_v1.text_id
        v2 = (
            self.env["atta.consent.text"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Applicant declaration",
                    "kind": "declaration",
                    "version": 2,
                    "body": "<p>Version two: I also agree to a home visit by the association's researcher.</p>",
                }
            )
        )
        v2.action_set_current()
        signed = self._request(declaration_id=signed_v1.id)
        unsigned = self._request(self.food)
        # The version the applicant signed, in their language (Arabic), whatever the officer's...
        signed_words = html2plaintext(v1.with_context(lang="ar_001").body)[:30]
        html = self._html(SUMMARY, signed, self.officer)
        self.assertIn(signed.name, html)
        self.assertIn(signed_words, html)
        self.assertNotIn("Version two", html)
        # ... and for a request not signed yet, the version in force, to be signed on the paper.
        html = self._html(SUMMARY, unsigned, self.officer)
        self.assertIn("Version two", html)
        self.assertNotIn(signed_words, html)
        # The date lines: the applicant's and the officer's signatures.
        self.assertEqual(html.count("____ / ____ / ________"), 2, "the applicant's and the officer's signatures")

    def test_the_blank_form_lists_the_documents_of_its_support_type(self):
        html = self._html(BLANK_FORM, self.food, self.officer)
        self.assertTrue(self.food.required_document_type_ids)
        for doc_type in self.food.required_document_type_ids:
            self.assertIn(doc_type.with_context(lang="ar_001").name, html)
        absent = self.env["atta.document.type"].search([]) - self.food.required_document_type_ids
        for doc_type in absent:
            self.assertNotIn(doc_type.with_context(lang="ar_001").name, html)
        # Lines for the date of receipt (both calendars), the date of birth (both) and the two signatures.
        self.assertEqual(html.count("____ / ____ / ________"), 6)

    def test_the_visit_form_checks_every_rule_in_force(self):
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        html = self._html(VISIT_FORM, visit, self.researcher)
        rules = self.env["atta.eligibility.rule"].with_context(lang="ar_001").search([])
        self.assertTrue(rules)
        for rule in rules:
            self.assertIn(rule.name, html)
        self.assertIn(request.name, html)

    def test_who_prints_a_paper_is_who_reads_its_record(self):
        request, delivery = self._delivered(date(2023, 10, 9))
        # The committee member decided the request and prints its summary and letter...
        self.assertIn(request.name, self._html(SUMMARY, request, self.member_a))
        self.assertIn(request.name, self._html(LETTER, request, self.member_a))
        # ... but does not read the deliveries: no receipt.
        with self.assertRaises(AccessError):
            self._html(RECEIPT, delivery, self.member_a)
        # A member of another committee prints nothing of this request.
        for report in (SUMMARY, LETTER):
            with self.assertRaises(AccessError):
                self._html(report, request, self.outsider_member)
        # Another researcher does not print the home-visit form of a request not assigned to them.
        with self.assertRaises(AccessError):
            self._html(VISIT_FORM, request.visit_ids, self.other_researcher)
        # An employee without an Atta role prints neither a request nor a blank form.
        with self.assertRaises(AccessError):
            self._html(SUMMARY, request, self.employee)
        with self.assertRaises(AccessError):
            self._html(BLANK_FORM, self.cash, self.employee)

    def test_printing_a_paper_leaves_an_audit_row(self):
        request = self._request()
        self._html(SUMMARY, request, self.officer)
        log = self.env["atta.audit.log"].search(
            [("action", "=", "print"), ("res_model", "=", "atta.support.request"), ("user_id", "=", self.officer.id)]
        )
        self.assertEqual(log.mapped("record_id"), request.ids)


class TestSignedScan(PaperCase):
    """A signed paper is scanned at the desk and kept on its request in one step."""

    def _attach(self, user, request, data, name="scan.pdf", paper="request_summary"):
        wizard = (
            self.env["atta.signed.scan.wizard"]
            .with_user(user)
            .create({"request_id": request.id, "paper": paper, "scan": base64.b64encode(data), "scan_name": name})
        )
        return wizard.action_attach()

    def _scans(self, request, user=None):
        return (
            self.env["ir.attachment"]
            .with_user(user or self.env.user)
            .search([("res_model", "=", "atta.support.request"), ("res_id", "=", request.id)])
        )

    def test_the_officer_attaches_a_signed_scan_kept_and_noted_on_the_request(self):
        request = self._to_research(self._request())
        self._attach(self.officer, request, SIGNED_PDF, name="IMG_2001.pdf")
        scan = self._scans(request)
        self.assertEqual(len(scan), 1)
        self.assertEqual(scan.mimetype, "application/pdf")
        self.assertEqual(scan.name, f"{request.name} - Request summary and declaration.pdf")
        self.assertEqual(scan.raw, SIGNED_PDF)
        note = request.message_ids.filtered(lambda m: scan in m.attachment_ids)
        self.assertEqual(len(note), 1)
        self.assertIn("Signed paper scanned and attached: Request summary and declaration.", str(note.body))
        self.assertEqual(note.author_id, self.officer.partner_id)
        # The roles that see the request see its signed papers; a member of another committee does not.
        self.assertEqual(self._scans(request, self.researcher).raw, SIGNED_PDF)
        self.assertEqual(scan.with_user(self.manager).raw, SIGNED_PDF)
        with self.assertRaises(AccessError):
            scan.with_user(self.other_researcher).check_access("read")

    def test_a_scan_is_checked_for_what_it_is_not_what_it_is_named(self):
        request = self._request()
        with self.assertRaisesText(UserError, "is not a readable PDF or image"):
            self._attach(self.officer, request, b"<html><script>alert(1)</script></html>", name="signed.pdf")
        for label, active in hostile_pdfs().items():
            with self.subTest(label), self.assertRaisesText(UserError, "contains scripts, actions or embedded files"):
                self._attach(self.officer, request, active)
        self.env["ir.config_parameter"].sudo().set_param("atta_research.apply_max_upload_mb", 0.0001)
        with self.assertRaisesText(UserError, "larger than"):
            self._attach(self.officer, request, SIGNED_PDF + b" " * 200)
        self.assertFalse(self._scans(request), "nothing refused is kept")
        self.assertFalse(request.message_ids.filtered("attachment_ids"))

    def test_only_the_desk_attaches_a_signed_scan(self):
        request = self._to_research(self._request())
        for user in (self.researcher, self.member_a, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._attach(user, request, SIGNED_PDF)
        self.assertFalse(self._scans(request))


@tagged("post_install", "-at_install")
class TestPrintBlankFormTour(HttpCase, PaperCase):
    def test_an_officer_prints_the_blank_form_from_the_backend(self):
        self.start_tour("/odoo", "atta_print_blank_form_tour", login=self.officer.login)
        printed = self.env["atta.audit.log"].search(
            [("action", "=", "print"), ("res_model", "=", "atta.support.type"), ("user_id", "=", self.officer.id)]
        )
        first = self.env["atta.support.type"].with_user(self.officer).search([], limit=1)
        self.assertEqual(printed.mapped("record_id"), first.ids)
        report = self.env["ir.actions.report"]._get_report("atta_research.report_blank_request_form")
        # The trail names the paper in the language it was printed in.
        self.assertIn(printed.detail, {report.with_context(lang=lang).name for lang in ("en_US", "ar_001")})
