import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PDF_BYTES, AttaResearchCase


@tagged("post_install", "-at_install")
class TestRequestDocuments(AttaResearchCase):
    """What the applicant sent is checked where the officer works: on the request."""

    def _upload(self, beneficiary):
        doc_type = self.env["atta.document.type"].search([], limit=1)
        return self.env["atta.beneficiary.document"].create(
            {
                "beneficiary_id": beneficiary.id,
                "document_type_id": doc_type.id,
                "attachment": base64.b64encode(PDF_BYTES),
                "attachment_name": "upload.pdf",
            }
        )

    def test_the_officer_sees_and_verifies_the_files_documents_from_the_request(self):
        request = self._request()
        upload = self._upload(request.beneficiary_id)
        form = self.env["atta.support.request"].with_user(self.officer).get_views([(False, "form")])
        self.assertIn('name="document_ids"', form["views"]["form"]["arch"])
        read = request.with_user(self.officer).web_read({"document_ids": {"fields": {"status": {}}}})[0]
        statuses = {doc["id"]: doc["status"] for doc in read["document_ids"]}
        self.assertEqual(statuses[upload.id], "to_verify")
        # The row's Verify button, as the web client calls it.
        upload.with_user(self.officer).action_verify()
        self.assertEqual((upload.status, upload.verified_by_id), ("verified", self.officer))

    def test_the_researcher_neither_sees_the_list_nor_verifies(self):
        request = self._to_research(self._request())
        upload = self._upload(request.beneficiary_id)
        form = self.env["atta.support.request"].with_user(self.researcher).get_views([(False, "form")])
        self.assertNotIn('name="document_ids"', form["views"]["form"]["arch"])
        with self.assertRaises(AccessError):
            upload.with_user(self.researcher).action_verify()
        self.assertEqual(upload.status, "to_verify")

    def test_what_registration_still_needs_is_flagged_on_the_request_before_delivery(self):
        walk_in = self.env["atta.beneficiary"].create({"name": "Walk-in Family", "identity_number": "1234567897"})
        request = self._request(beneficiary=walk_in)
        missing = request.with_user(self.officer).web_read({"registration_missing": {}})[0]["registration_missing"]
        self.assertIn("has not signed the declaration", missing)
        form = self.env["atta.support.request"].with_user(self.officer).get_views([(False, "form")])
        self.assertIn('name="registration_missing"', form["views"]["form"]["arch"])
        registered = self._request(support_type=self.food)
        self._register(registered.beneficiary_id)
        self.assertFalse(
            registered.with_user(self.officer).web_read({"registration_missing": {}})[0]["registration_missing"]
        )
