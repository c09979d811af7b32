"""What the tests of the public form share: well-formed and hostile files, and a form poster."""

import io
import json
import re

from PIL import Image

from odoo.tests import HttpCase

from odoo.addons.atta_beneficiary.tests.upload_corpus import plain_pdf
from odoo.addons.atta_research.tests.common import AttaResearchCase

FORM_URL = "/website/form/atta.online.application"
# A minimal but complete PDF: header, catalog, one page, cross-reference table and end-of-file marker.
SCAN_PDF = plain_pdf()
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


# The first bytes of image formats the form refuses, for a Pillow without their encoder (Odoo loads only some
# of Pillow's plugins: on the official image, saving a TIFF raises KeyError).
SIGNATURES = {"TIFF": b"II*\x00\x08\x00\x00\x00", "BMP": b"BM", "GIF": b"GIF89a"}


def image_bytes(size=(64, 48), image_format="PNG", mode="RGB"):
    if image_format not in Image.SAVE and image_format in SIGNATURES:
        return SIGNATURES[image_format] + bytes(range(256))
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, image_format)
    return buffer.getvalue()


def huge_png():
    """100 megapixels in a few kilobytes: cheap to send, costly to decompress."""
    return image_bytes((10_000, 10_000), "PNG", mode="1")


def oversized_pdf(megabytes=6):
    return SCAN_PDF.replace(b"trailer", b"%" + b"0" * int(megabytes * 1024 * 1024) + b"\ntrailer")


class AttaApplyCase(HttpCase, AttaResearchCase):
    """Posts the application form as a browser would (multipart, no account, no CSRF token needed)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        params.set_param("atta_research.apply_limit_per_ip_hour", "100")
        params.set_param("atta_research.apply_limit_per_identity_day", "3")

    def url_open(self, *args, **kwargs):
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()  # the server wrote in the same transaction: read it afresh
        return response

    def _fields(self, **values):
        data = {
            "identity_type": "national_id",
            "identity_number": "1234567897",
            "name": "Huda Saleh Alharbi",
            "phone": "0551234567",
            "email": "huda@example.com",
            "city": "Riyadh",
            "district": "Al Malaz",
            "household_size": "5",
            "monthly_income": "2500",
            "support_type_id": str(self.cash.id),
            "description": "<b>Rent</b> is three months late",
            "declaration_accepted": "1",
            "consent_accepted": "1",
        }
        data.update(values)
        return {key: value for key, value in data.items() if value is not None}

    def _files(self, **overrides):
        files = {
            f"document_{t.code}": (f"{t.code}.pdf", SCAN_PDF, "application/pdf")
            for t in self.cash.required_document_type_ids
        }
        files.update(overrides)
        return {key: value for key, value in files.items() if value is not None}

    def _post(self, data=None, files=None):
        response = self.url_open(
            FORM_URL,
            data=self._fields() if data is None else data,
            files=self._files() if files is None else files,
            timeout=60,
        )
        self.assertLess(response.status_code, 500, response.text[:500])
        return response

    def _answer(self, data=None, files=None):
        return json.loads(self._post(data, files).text)

    def _counts(self):
        env = self.env(context=dict(self.env.context, active_test=False))
        counts = {
            model: env[model].sudo().search_count([])
            for model in (
                "atta.online.application",
                "atta.beneficiary",
                "atta.support.request",
                "atta.beneficiary.consent",
                "atta.beneficiary.document",
                "sms.sms",
                "res.partner",
                "mail.message",
            )
        }
        counts["ir.attachment"] = self._attachment_count()
        return counts

    def _attachment_count(self, domain=()):
        """Files stored, those of binary fields included; not the web client's asset bundles."""
        return (
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [*domain, ("res_model", "!=", "ir.ui.view"), "|", ("res_field", "=", False), ("res_field", "!=", False)]
            )
        )

    def _sms_since(self, last_id):
        return self.env["sms.sms"].sudo().search([("id", ">", last_id)], order="id")

    def _last_sms_id(self):
        return self.env["sms.sms"].sudo().search([], order="id desc", limit=1).id or 0

    @staticmethod
    def _code_in(sms):
        return re.search(r"(?<![-\d])(\d{6})(?!\d)", sms.body).group(1)

    def _csrf(self, page):
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text) or re.search(
            r'csrf_token:\s*"([^"]+)"', page.text
        )
        return found.group(1)

    def _send_code(self, application, code):
        """Type the code on the application's page, as the applicant does."""
        page = self.url_open(application._tracking_url())
        return self.url_open(
            f"/apply/status/{application.id}/code",
            data={"csrf_token": self._csrf(page), "access_token": application.sudo().access_token, "code": code},
        )
