from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .apply_common import AttaApplyCase

STRANGER = {
    "name": "Salem Stranger Alotaibi",
    "phone": "0559876543",
    "email": "stranger@example.com",
    "household_size": "9",
    "monthly_income": "300",
}


@tagged("post_install", "-at_install")
class TestApplyOnSomeonesNumber(AttaApplyCase):
    """Knowing a person's identity number is not enough to act on their file [S3.4, S7.2]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file = cls.beneficiary  # 1000000008, Fatimah Ali Alqahtani, mobile +966501234567
        consent_text = cls.env["atta.consent.text"]._current("consent")
        cls.withdrawn = cls.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": cls.file.id,
                "text_id": consent_text.id,
                "accepted_by_name": cls.file.name,
                "channel_id": cls.env.ref("atta_beneficiary.channel_interview").id,
            }
        )
        cls.withdrawn.action_withdraw()

    def _stranger_applies(self, **values):
        answer = self._answer(self._fields(identity_number=self.file.identity_number, **dict(STRANGER, **values)))
        self.assertIn("id", answer, answer)
        return self.env["atta.online.application"].browse(answer["id"])

    def _file_snapshot(self):
        self.file.invalidate_recordset()
        return {
            "name": self.file.name,
            "phone": self.file.phone,
            "email": self.file.email,
            "city": self.file.city,
            "consents": [(c.id, c.withdrawn) for c in self.file.consent_ids],
            "documents": self.file.document_ids.ids,
            "requests": self.file.request_ids.ids,
            "consent_given": self.file.consent_given,
        }

    def test_a_stranger_changes_nothing_on_the_file_and_never_sees_its_name(self):
        before, last_sms = self._file_snapshot(), self._last_sms_id()
        attachments_before = self.env["ir.attachment"].search_count([("res_model", "=", "atta.beneficiary.document")])
        application = self._stranger_applies()
        self.assertEqual(application.state, "pending")
        self.assertFalse(application.request_id)
        self.assertEqual(self._file_snapshot(), before, "contact data, consents, documents and requests untouched")
        self.assertFalse(self.file.consent_given, "the withdrawn consent stays withdrawn")
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", "atta.beneficiary.document")]),
            attachments_before,
        )
        self.assertEqual(len(application.attachment_ids), 3, "the documents wait on the application")
        self.assertEqual(set(application.attachment_ids.mapped("mimetype")), {"application/pdf"})
        sms = self._sms_since(last_sms)
        self.assertEqual(sms.mapped("number"), ["+966501234567"], "one SMS, to the mobile registered on the file")
        code = self._code_in(sms)
        self.assertNotIn(code, str(application.sudo().read()[0]), "the code is not kept in clear")
        self.assertEqual(len(application.sudo().code_hash), 64)
        # The stranger's page says only "received"; the code is typed on the page the SMS links to, which
        # shows what was typed, never the file's registered name.
        thanks = self.url_open("/apply/thanks")
        self.assertIn("o_atta_apply_received", thanks.text)
        self.assertNotIn('name="code"', thanks.text)
        self.assertNotIn(application._tracking_url(), thanks.text.replace("&amp;", "&"))
        self.assertIn(application._tracking_url(), sms.body)
        tracking = self.url_open(application._tracking_url())
        self.assertIn("Salem Stranger Alotaibi", tracking.text)
        self.assertIn('name="code"', tracking.text)
        for page in (thanks, tracking):
            self.assertEqual(page.status_code, 200)
            self.assertNotIn("Fatimah", page.text)
            self.assertNotIn("Alqahtani", page.text)
            self.assertNotIn("501234567", page.text)
        self.assertEqual(self.url_open(f"/apply/status/{application.id}?access_token=guess").status_code, 404)
        self.assertEqual(self.url_open(f"/apply/status/{application.id}").status_code, 404)
        # The officer sees what was declared beside the file, and nothing was written.
        differences = application.with_user(self.officer).differences
        for declared in ("+966559876543", "stranger@example.com", "9", "300"):
            self.assertIn(declared, differences)
        self.assertIn(
            application,
            self.env["atta.online.application"]
            .with_user(self.officer)
            .search([("state", "in", ("pending", "locked", "verified"))]),
        )

    def test_the_right_code_attaches_the_application_to_the_file(self):
        last_sms = self._last_sms_id()
        application = self._stranger_applies()
        page = self._send_code(application, self._code_in(self._sms_since(last_sms)))
        self.assertEqual(application.state, "attached")
        self.assertEqual(application.verification_method, "sms")
        request = application.request_id
        self.assertEqual(request.beneficiary_id, self.file)
        self.assertEqual(request.state, "submitted")
        self.assertIn(request.name, page.text, "the holder of the registered mobile follows the request")
        self.assertEqual(self.file.phone, "+966501234567", "a different mobile is shown, never written")
        self.assertEqual(self.file.email, "f@example.com")
        self.assertTrue(self.withdrawn.withdrawn, "the old withdrawal stays on record")
        self.assertEqual(len(self.file.document_ids.filtered(lambda d: not d.verified)), 3)
        self.assertTrue(
            request.message_ids.filtered(lambda m: "stranger@example.com" in str(m.body)),
            "the differences are noted on the request for the officer",
        )
        self.assertFalse(application.sudo().code_hash, "a used code cannot be used again")

    def test_five_wrong_codes_lock_and_every_application_counts_against_the_day_s_quota(self):
        self.env["ir.config_parameter"].set_param("atta_research.apply_limit_per_identity_day", "4")
        last_sms = self._last_sms_id()
        strangers = [self._stranger_applies() for _attempt in range(3)]
        application = strangers[0]
        right = self._code_in(self._sms_since(last_sms)[0])
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for attempt in range(5):
            page = self._send_code(application, wrong)
            self.assertEqual(application.code_attempts, attempt + 1)
        self.assertEqual(application.state, "locked")
        self.assertIn("o_atta_apply_error", page.text)
        self.assertIn("o_atta_apply_waiting_officer", page.text)
        self._send_code(application, right)
        self.assertEqual(application.state, "locked", "once locked, even the right code does not attach")
        self.assertFalse(self.file.request_ids)
        # Every application counts against the number's quota, verified or not (a probe costs as much as an
        # application): after three strangers the owner has one left today.
        last_sms = self._last_sms_id()
        owner = self._answer(
            self._fields(
                identity_number=self.file.identity_number,
                name="Fatimah Ali Alqahtani",
                phone="0501234567",
                email="f@example.com",
            )
        )
        owner = self.env["atta.online.application"].browse(owner["id"])
        sms = self._sms_since(last_sms)
        self.assertEqual(sms.mapped("number"), ["+966501234567"])
        self._send_code(owner, self._code_in(sms))
        self.assertEqual(owner.state, "attached")
        self.assertEqual(self.file.request_ids, owner.request_id)
        # The quota of four is used: the next one the same day is refused.
        answer = self._answer(self._fields(identity_number=self.file.identity_number))
        self.assertNotIn("id", answer)
        self.assertIn("أُرسلت اليوم عدة طلبات", answer["error"])

    def test_a_new_code_does_not_give_five_more_tries(self):
        last_sms = self._last_sms_id()
        application = self._stranger_applies()
        right = self._code_in(self._sms_since(last_sms))
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for _attempt in range(4):
            self._send_code(application, wrong)
        page = self.url_open(application._tracking_url())
        data = {"csrf_token": self._csrf(page), "access_token": application.sudo().access_token}
        application.sudo().code_sent_on = fields.Datetime.now() - timedelta(minutes=2)
        last_sms = self._last_sms_id()
        self.assertIn("o_atta_apply_message", self.url_open(f"/apply/status/{application.id}/resend", data=data).text)
        self.assertEqual(application.code_attempts, 4, "the tries are counted per application, not per code")
        new_code = self._code_in(self._sms_since(last_sms))
        page = self._send_code(application, f"{(int(new_code) + 1) % 1_000_000:06d}")
        self.assertEqual(application.state, "locked", "the fifth wrong try locks, whichever code it was meant for")
        self.assertIn("o_atta_apply_waiting_officer", page.text)
        self._send_code(application, new_code)
        self.assertEqual(application.state, "locked")
        self.assertFalse(self.file.request_ids, "nothing reached the file")

    def test_codes_expire_and_resending_is_limited(self):
        last_sms = self._last_sms_id()
        application = self._stranger_applies()
        first_code = self._code_in(self._sms_since(last_sms))
        page = self.url_open(application._tracking_url())
        resend_url = f"/apply/status/{application.id}/resend"
        data = {"csrf_token": self._csrf(page), "access_token": application.sudo().access_token}
        self.assertIn("o_atta_apply_error", self.url_open(resend_url, data=data).text)
        self.assertEqual(application.code_sent_count, 1)
        for sent in (2, 3):
            application.sudo().code_sent_on = fields.Datetime.now() - timedelta(minutes=2)
            self.url_open(resend_url, data=data)
            self.assertEqual(application.code_sent_count, sent)
        application.sudo().code_sent_on = fields.Datetime.now() - timedelta(minutes=2)
        self.assertIn("o_atta_apply_error", self.url_open(resend_url, data=data).text)
        self.assertEqual(application.code_sent_count, 3, "at most three codes per application")
        sms = self._sms_since(last_sms)
        self.assertEqual(len(sms), 3)
        self.assertEqual(set(sms.mapped("number")), {"+966501234567"})
        self._send_code(application, first_code)
        self.assertEqual(application.state, "pending", "a replaced code no longer works")
        last_code = self._code_in(sms[-1])
        application.sudo().code_expires_on = fields.Datetime.now() - timedelta(seconds=1)
        page = self._send_code(application, last_code)
        self.assertIn("o_atta_apply_error", page.text)
        self.assertEqual(application.state, "pending")
        self.assertEqual(application.code_attempts, 1, "an expired code is not counted as a guess")

    def test_an_archived_file_is_protected_too_and_reopened_once_the_person_is_proven(self):
        old_request = self._request(beneficiary=self.file)
        self.env["atta.request.action.wizard"].with_user(self.officer).create(
            {"request_id": old_request.id, "action": "cancel", "note": "Moved to Jeddah"}
        ).action_confirm()
        self.file._set_status("archived", "Moved away")
        beneficiaries = self.env["atta.beneficiary"].with_context(active_test=False).search_count([])
        last_sms = self._last_sms_id()
        application = self._stranger_applies()
        self.assertEqual(application.state, "pending")
        self.assertEqual(application.beneficiary_id, self.file)
        self.assertFalse(self.file.active, "nothing changes before the code")
        self.assertEqual(
            self.env["atta.beneficiary"].with_context(active_test=False).search_count([]),
            beneficiaries,
            "no second file is opened on the same identity",
        )
        self._send_code(application, self._code_in(self._sms_since(last_sms)))
        self.assertEqual(application.state, "attached", "proven: the archived file is reopened, not doubled")
        self.assertTrue(self.file.active)
        self.assertEqual(self.file.state, "draft")
        self.assertEqual(application.request_id.beneficiary_id, self.file)
        self.assertIn(old_request, self.file.request_ids, "its history is still attached")


@tagged("post_install", "-at_install")
class TestApplicationQueue(AttaApplyCase):
    """Without a registered mobile, or without the code, the officer verifies at the desk [S7.2]."""

    def test_without_a_registered_mobile_the_officer_verifies_at_the_desk(self):
        self.beneficiary.phone = False
        last_sms = self._last_sms_id()
        answer = self._answer(self._fields(identity_number=self.beneficiary.identity_number))
        application = self.env["atta.online.application"].browse(answer["id"])
        self.assertFalse(self._sms_since(last_sms), "no mobile on the file: no code is sent anywhere")
        self.assertIn("o_atta_apply_received", self.url_open("/apply/thanks").text, "the same answer as anyone's")
        page = self.url_open(application._tracking_url())
        self.assertIn("o_atta_apply_officer_check", page.text)
        self.assertNotIn('name="code"', page.text)
        for user in (self.employee, self.researcher, self.chair):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                application.with_user(user).action_verify_at_desk()
        self.assertEqual(application.state, "pending")
        application.with_user(self.officer).action_verify_at_desk()
        self.assertEqual(application.state, "attached")
        self.assertEqual(application.verification_method, "desk")
        self.assertEqual(application.verified_by_id, self.officer)
        self.assertEqual(application.request_id.state, "submitted")
        self.assertEqual(application.request_id.beneficiary_id, self.beneficiary)
        self.assertFalse(self.beneficiary.phone, "the declared mobile is shown to the officer, not written")

    def test_the_officer_refuses_an_application_and_the_file_stays_as_it_was(self):
        documents = self.beneficiary.document_ids
        answer = self._answer(self._fields(identity_number=self.beneficiary.identity_number))
        application = self.env["atta.online.application"].browse(answer["id"])
        with self.assertRaises(AccessError):
            application.with_user(self.employee).action_refuse()
        application.with_user(self.officer).action_refuse()
        self.assertEqual(application.state, "refused")
        self.assertFalse(self.beneficiary.request_ids)
        self.assertEqual(self.beneficiary.document_ids, documents)
        self.assertIn("o_atta_apply_closed", self.url_open(application._tracking_url()).text)

    def test_a_new_persons_file_stays_unverified_until_the_officer_checks_the_identity(self):
        answer = self._answer()
        application = self.env["atta.online.application"].browse(answer["id"])
        self.assertEqual(application.verification_method, "new_file")
        file = application.beneficiary_id
        self.assertTrue(file.identity_unverified)
        self.assertFalse(self.beneficiary.identity_unverified, "files opened at the desk are not flagged")
        family_card = file.document_ids.filtered(lambda d: d.document_type_id.code != "identity")[:1]
        family_card.with_user(self.officer).action_verify()
        self.assertTrue(file.identity_unverified, "another document does not prove the identity")
        file.document_ids.filtered(lambda d: d.document_type_id.code == "identity").with_user(
            self.officer
        ).action_verify()
        self.assertFalse(file.identity_unverified)
