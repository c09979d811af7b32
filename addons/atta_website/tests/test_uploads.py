from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .apply_common import EXECUTABLE, SCAN_PDF, SVG, AttaApplyCase, huge_png, image_bytes, oversized_pdf


@tagged("post_install", "-at_install")
class TestUploadsReachingARequest(AttaApplyCase):
    """Every route that can put a file on a request checks it, or is closed to the tracking link [S3.4]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_rec = cls._waiting_request(cls.beneficiary)
        cls.portal_user = new_test_user(
            cls.env, "upload_portal", groups="base.group_portal", partner_id=cls.beneficiary.partner_id.id
        )
        cls.hostile = {
            "an executable": ("setup.pdf", EXECUTABLE, "application/pdf"),
            "an SVG": ("scan.svg", SVG, "image/svg+xml"),
            "an oversized scan": ("big.pdf", oversized_pdf(6), "application/pdf"),
            "a 100-megapixel image": ("photo.png", huge_png(), "image/png"),
        }

    @classmethod
    def _waiting_request(cls, beneficiary):
        request = cls.env["atta.support.request"].create(
            {"beneficiary_id": beneficiary.id, "support_type_id": cls.cash.id, "description": "Rent"}
        )
        request.action_submit()
        request._request_information("Send the IBAN certificate again.")
        request._portal_ensure_token()
        return request

    def _on_request(self):
        attachments = self._attachment_count(
            [("res_model", "=", "atta.support.request"), ("res_id", "=", self.request_rec.id)]
        )
        return attachments, len(self.request_rec.message_ids), self._attachment_count()

    def _tracking_csrf(self):
        return self._csrf(self.url_open(self.request_rec.get_portal_url()))

    def _portal_upload(self, file, csrf):
        return self.url_open(
            f"/my/requests/{self.request_rec.id}/documents?access_token={self.request_rec.access_token}",
            data={"csrf_token": csrf},
            files={"documents": file},
        )

    def test_the_tracking_page_refuses_what_is_not_a_document(self):
        csrf = self._tracking_csrf()
        before = self._on_request()
        for label, file in self.hostile.items():
            with self.subTest(label):
                response = self._portal_upload(file, csrf)
                self.assertEqual(response.status_code, 200)
                self.assertIn("upload_error=1", response.url)
                self.assertEqual(self._on_request(), before)
        too_many = [("documents", (f"scan{i}.pdf", SCAN_PDF, "application/pdf")) for i in range(9)]
        response = self.url_open(
            f"/my/requests/{self.request_rec.id}/documents?access_token={self.request_rec.access_token}",
            data={"csrf_token": csrf},
            files=too_many,
        )
        self.assertIn("upload_error=1", response.url)
        self.assertEqual(self._on_request(), before)

    def test_a_request_takes_a_bounded_number_of_files_over_all_its_sendings(self):
        self.env["ir.config_parameter"].set_param("atta_website.portal_documents_per_request", "3")
        csrf = self._tracking_csrf()
        url = f"/my/requests/{self.request_rec.id}/documents?access_token={self.request_rec.access_token}"
        two = [("documents", (f"scan{i}.pdf", SCAN_PDF, "application/pdf")) for i in range(2)]
        self.assertNotIn("upload_error", self.url_open(url, data={"csrf_token": csrf}, files=two).url)
        self.assertNotIn("upload_error", self._portal_upload(("iban.pdf", SCAN_PDF, "application/pdf"), csrf).url)
        before = self._on_request()
        self.assertEqual(before[0], 3)
        for _attempt in range(5):
            response = self._portal_upload(("again.pdf", SCAN_PDF, "application/pdf"), csrf)
            self.assertEqual(response.status_code, 200)
            self.assertIn("upload_error=limit", response.url)
            self.assertIn("o_atta_upload_error_limit", response.text, "the applicant is told on the page")
        self.assertEqual(self._on_request(), before, "no file, no message, no task")

    def test_the_tracking_page_stores_files_with_the_type_of_their_content(self):
        csrf = self._tracking_csrf()
        self._portal_upload(("photo.pdf", image_bytes(), "application/pdf"), csrf)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "atta.support.request"), ("res_id", "=", self.request_rec.id)])
        )
        self.assertEqual(attachment.mimetype, "image/png", "what the content is, whatever the name says")
        self.assertEqual(attachment.name, "photo.pdf.png")
        self._portal_upload(("camera.jpeg", image_bytes(image_format="JPEG"), "image/jpeg"), csrf)
        self.assertIn(
            "image/jpeg",
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "atta.support.request"), ("res_id", "=", self.request_rec.id)])
            .mapped("mimetype"),
        )

    def test_the_tracking_link_does_not_open_odoos_chatter_upload(self):
        csrf = self._tracking_csrf()
        partner = self.beneficiary.partner_id
        before = self._on_request()
        access = [
            {"token": self.request_rec.access_token},
            {"hash": self.request_rec._sign_token(partner.id), "pid": str(partner.id)},
        ]
        files = dict(self.hostile, **{"even a real PDF": ("iban.pdf", SCAN_PDF, "application/pdf")})
        with mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http"):
            for params in access:
                for label, file in files.items():
                    for pending in ("false", "true"):
                        with self.subTest(label, params=list(params), pending=pending):
                            response = self.url_open(
                                "/mail/attachment/upload",
                                data=dict(
                                    params,
                                    csrf_token=csrf,
                                    thread_model="atta.support.request",
                                    thread_id=str(self.request_rec.id),
                                    is_pending=pending,
                                ),
                                files={"ufile": file},
                            )
                            self.assertEqual(response.status_code, 404)
                            self.assertEqual(self._on_request(), before)

    def test_the_tracking_link_does_not_post_on_the_chatter(self):
        before = self._on_request()
        partner = self.beneficiary.partner_id
        access = [
            {"token": self.request_rec.access_token},
            {"hash": self.request_rec._sign_token(partner.id), "pid": partner.id},
        ]
        with mute_logger("odoo.http"):
            for params in access:
                with self.subTest(params=list(params)), self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request(
                        "/mail/message/post",
                        dict(
                            params,
                            thread_model="atta.support.request",
                            thread_id=self.request_rec.id,
                            post_data={"body": "Here is a file", "message_type": "comment"},
                        ),
                    )
        self.assertEqual(self._on_request(), before)
        # The same link still reads the request and its messages.
        self.request_rec.message_post(
            body="Please send the IBAN certificate.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        messages = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {
                "thread_model": "atta.support.request",
                "thread_id": self.request_rec.id,
                "token": self.request_rec.access_token,
            },
        )
        self.assertTrue(messages["messages"])

    def test_the_beneficiarys_portal_account_does_not_open_the_chatter_upload_either(self):
        self.authenticate("upload_portal", "upload_portal")
        csrf = self._tracking_csrf()
        before = self._on_request()
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": csrf,
                    "thread_model": "atta.support.request",
                    "thread_id": str(self.request_rec.id),
                },
                files={"ufile": self.hostile["an SVG"]},
            )
            self.assertEqual(response.status_code, 404)
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {
                        "thread_model": "atta.support.request",
                        "thread_id": self.request_rec.id,
                        "post_data": {"body": "Hello", "message_type": "comment"},
                    },
                )
        self.assertEqual(self._on_request(), before)
        # …while the checked upload of the tracking page is theirs to use.
        self._portal_upload(("iban.pdf", SCAN_PDF, "application/pdf"), csrf)
        self.assertEqual(self._on_request()[0], before[0] + 1)

    def test_staff_keep_the_chatter_their_role_gives_them(self):
        self.authenticate("r_officer", "r_officer")
        csrf = self._csrf(self.url_open("/odoo"))
        response = self.url_open(
            "/mail/attachment/upload",
            data={"csrf_token": csrf, "thread_model": "atta.support.request", "thread_id": str(self.request_rec.id)},
            files={"ufile": ("note.pdf", SCAN_PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment_id", response.text)
