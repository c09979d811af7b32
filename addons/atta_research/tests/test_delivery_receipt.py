"""The signed receipt of a delivery: inspected like a document sent online, attached once after the hand-over, then
kept as attached. Each role tries through the calls the web client makes, and the records are read again after."""

import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.atta_beneficiary.tests.upload_corpus import plain_pdf, reportlab_pdf, with_catalog

from .common import AttaResearchCase

HOSTILE = base64.b64encode(with_catalog(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"))
SEALED = "The signed receipt of a delivery handed over stays as it was attached"


@tagged("post_install", "-at_install")
class TestDeliveryReceipt(AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research"], ["ar_001"], overwrite=True
        )

    def _draft_delivery(self):
        request = self._to_committee(self._request())
        self._decide(request)
        self._register(request.beneficiary_id)
        return (
            self.env["atta.support.delivery"].with_user(self.officer).create({"request_id": request.id, "amount": 900})
        )

    def _receipt_file(self, delivery):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", delivery._name), ("res_id", "=", delivery.id), ("res_field", "=", "receipt")])
        )

    def _changes(self, delivery):
        return self.env["atta.audit.log"].search(
            [("action", "=", "change"), ("res_model", "=", delivery._name), ("res_id", "=", delivery.id)]
        )

    def test_a_receipt_is_inspected_like_a_document_sent_online(self):
        delivery = self._draft_delivery()
        for user in (self.officer, self.manager):
            as_user = delivery.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaisesText(UserError, "“receipt.pdf” contains scripts, actions or embedded files"):
                    as_user.web_save({"receipt": HOSTILE, "receipt_name": "receipt.pdf"}, {})
                with self.assertRaisesText(UserError, "“receipt.txt” is not a readable PDF or image"):
                    as_user.web_save(
                        {"receipt": base64.b64encode(b"received, signed"), "receipt_name": "receipt.txt"}, {}
                    )
                # Recorded with the receipt at once: the same check, and no delivery is recorded.
                with self.assertRaisesText(UserError, "contains scripts, actions or embedded files"):
                    self.env["atta.support.delivery"].with_user(user).web_save(
                        {"request_id": delivery.request_id.id, "amount": 100, "receipt": HOSTILE}, {}
                    )
                # Written as the file of the field, the check is not skipped.
                with self.assertRaisesText(UserError, "cannot be written into the stored file directly"):
                    self.env["ir.attachment"].with_user(user).create(
                        {
                            "name": "receipt.pdf",
                            "datas": HOSTILE,
                            "res_model": delivery._name,
                            "res_id": delivery.id,
                            "res_field": "receipt",
                        }
                    )
        self.assertEqual(len(delivery.request_id.delivery_ids), 1)
        self.assertFalse(self._receipt_file(delivery))
        # A plain scan is kept, under a name without its path; its stored file is not swapped for a hostile one.
        delivery.web_save({"receipt": base64.b64encode(plain_pdf()), "receipt_name": "../scans/receipt"}, {})
        self.assertEqual(delivery.receipt_name, "receipt.pdf")
        stored = self._receipt_file(delivery)
        with self.assertRaisesText(UserError, "cannot be written into the stored file directly"):
            stored.with_user(self.officer).write({"datas": HOSTILE})
        self.env.invalidate_all()
        self.assertEqual(stored.raw, plain_pdf())
        # Before the hand-over, a wrong scan may still be replaced on the delivery (checked again).
        other = reportlab_pdf()
        delivery.web_save({"receipt": base64.b64encode(other), "receipt_name": "receipt.pdf"}, {})
        self.assertEqual(base64.b64decode(delivery.receipt), other)

    def test_the_receipt_of_a_delivery_handed_over_is_attached_once_then_kept(self):
        delivery = self._deliver().delivery_ids.with_user(self.officer)
        self.assertEqual((delivery.state, delivery.receipt), ("done", False))
        # Attached after the hand-over: still inspected.
        with self.assertRaisesText(UserError, "contains scripts, actions or embedded files"):
            delivery.web_save({"receipt": HOSTILE, "receipt_name": "receipt.pdf"}, {})
        self.assertFalse(self._receipt_file(delivery) or self._changes(delivery))
        # The first receipt is attached, in the trail and the chatter.
        delivery.web_save({"receipt": base64.b64encode(plain_pdf()), "receipt_name": "receipt.pdf"}, {})
        change = self._changes(delivery)
        self.assertEqual((len(change), change.user_id, change.detail), (1, self.officer, "Receipt"))
        self.assertEqual(change.reference, delivery.beneficiary_id.reference)
        self.assertIn("attached the signed receipt after the hand-over", delivery.message_ids[0].body)
        stored = self._receipt_file(delivery)
        # From now on nobody replaces, clears or renames it, nor writes its file.
        for user in (self.officer, self.manager):
            as_user = delivery.with_user(user)
            for vals in (
                {"receipt": base64.b64encode(reportlab_pdf()), "receipt_name": "receipt.pdf"},
                {"receipt": False},
                {"receipt_name": "another.pdf"},
            ):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaisesText(UserError, SEALED):
                    as_user.web_save(vals, {})
            for vals in ({"raw": reportlab_pdf()}, {"res_id": self._draft_delivery().id}):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                    stored.with_user(user).write(vals)
            with self.subTest(user=user.login), self.assertRaisesText(UserError, "stays as it is"):
                stored.with_user(user).unlink()
        # Refused in the officer's language.
        with self.assertRaisesText(UserError, "سند الاستلام الموقّع لتسليم منجز يبقى كما أُرفق"):
            delivery.with_context(lang="ar_001").web_save({"receipt": base64.b64encode(reportlab_pdf())}, {})
        self.env.invalidate_all()
        self.assertEqual(self._receipt_file(delivery), stored)
        self.assertEqual((stored.raw, delivery.receipt_name), (plain_pdf(), "receipt.pdf"))
        self.assertEqual(len(self._changes(delivery)), 1)
