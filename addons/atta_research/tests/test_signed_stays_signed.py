import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.support_request import PORTAL_FIELDS
from .common import PDF_BYTES, AttaResearchCase


@tagged("post_install", "-at_install")
class TestDecidedRequestStaysDecided(AttaResearchCase):
    """A decided request keeps the intake it was decided on; a portal account reads only its page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls._portal_beneficiary("r_portal_sealed")

    def test_the_intake_of_a_decided_request_is_locked_and_tracked_before(self):
        request = self._request()
        as_officer = request.with_user(self.officer)
        as_officer.write({"description": "Rent arrears for four months"})
        for name in ("description", "declared_household_size", "declared_monthly_income", "channel_id"):
            self.assertTrue(request._fields[name].tracking, f"{name} is tracked on the chatter")
        self._to_committee(request)
        self._decide(request)
        self.assertEqual(request.state, "approved")
        for vals in (
            {"description": "Something else entirely"},
            {"declared_monthly_income": 99999},
            {"declared_household_size": 12},
            {"channel_id": self.env.ref("atta_beneficiary.channel_phone").id},
        ):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "has been decided"):
                as_officer.write(vals)
        with self.assertRaisesText(UserError, "has been decided"):
            as_officer.web_save({"description": "Something else"}, {"description": {}})
        self.env.invalidate_all()
        self.assertEqual(request.description, "Rent arrears for four months")
        self.assertEqual(request.channel_id, self.env.ref("atta_beneficiary.channel_interview"))
        # The follow-up after the service is still the officer's to write.
        as_officer.write({"follow_up_note": "Called the family"})
        self.assertEqual(request.follow_up_note, "Called the family")

    def test_a_portal_account_reads_only_what_its_request_page_shows(self):
        request = self._to_committee(self._request())
        self._decide(request)
        as_portal = request.with_user(self.portal)
        read = as_portal.read()[0]
        self.assertLessEqual(set(read), PORTAL_FIELDS)
        self.assertEqual((read["name"], read["state"], read["approved_amount"]), (request.name, "approved", 2500))
        for name in ("eligibility_score", "recommendation", "researcher_id", "description", "visit_ids", "user_id"):
            with self.subTest(field=name):
                with self.assertRaises(AccessError):
                    as_portal.read([name])
                with self.assertRaises(AccessError):
                    as_portal.web_read({name: {}})
                with self.assertRaises(AccessError):
                    self.env["atta.support.request"].with_user(self.portal).search_count([(name, "!=", False)])
        self.assertNotIn("eligibility_score", self.env["atta.support.request"].with_user(self.portal).fields_get())
        listed = self.env["atta.support.request"].with_user(self.portal).search_read([], [])
        self.assertEqual([row["id"] for row in listed], request.ids)
        self.assertLessEqual(set(listed[0]), PORTAL_FIELDS)
        # Staff read the request in full.
        self.assertTrue(request.with_user(self.officer).read(["eligibility_score", "researcher_id"]))

    def test_a_signed_receipt_and_a_closed_session_keep_their_files(self):
        request = self._deliver()
        delivery = request.delivery_ids
        delivery.with_user(self.officer).write({"receipt": base64.b64encode(PDF_BYTES), "receipt_name": "r.pdf"})
        session = request.decision_session_id
        scan = self.env["ir.attachment"].create(
            {"name": "minutes-signed.pdf", "raw": PDF_BYTES, "res_model": session._name, "res_id": session.id}
        )
        receipt = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", delivery._name), ("res_id", "=", delivery.id), ("res_field", "=", "receipt")])
        )
        self.assertEqual(len(receipt), 1)
        for attachment, user in ((receipt, self.officer), (scan, self.chair), (scan, self.manager)):
            with self.subTest(attachment=attachment.name, user=user.login):
                with self.assertRaisesText(UserError, "stays as it is"):
                    attachment.with_user(user).write({"raw": b"%PDF-1.4 forged"})
                with self.assertRaises(UserError):  # sealed, or not even the user's to delete
                    attachment.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual((receipt.raw, scan.raw), (PDF_BYTES, PDF_BYTES))
