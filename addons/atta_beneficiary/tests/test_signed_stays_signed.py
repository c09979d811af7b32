import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PDF_BYTES
from .test_privacy_attacks import AttaPrivacyCase


@tagged("post_install", "-at_install")
class TestSignedStaysSigned(AttaPrivacyCase):
    """What is signed or verified stays as it was, underneath the forms: each attack runs as the officer."""

    def _entries(self, call):
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)], order="id")

    # ------------------------------------------------------------------ consents are append-only
    def test_a_withdrawn_consent_is_never_reinstated_backdated_or_moved(self):
        consent = self.consent.with_user(self.officer)
        consent.action_withdraw()
        before = (consent.withdrawn, consent.withdrawn_on, consent.accepted_on, consent.recorded_by_id)
        self.assertTrue(self.beneficiary.consent_withdrawn)
        for vals in (
            {"withdrawn": False},
            {"withdrawn_on": False},
            {"accepted_on": "2020-01-01 08:00:00"},
            {"ip_address": "10.0.0.1", "recorded_by_id": self.manager.id},
            {"beneficiary_id": self.other.id},
            {"accepted_by_name": "Someone else"},
        ):
            with self.subTest(vals=vals), self.assertRaisesText(UserError, "cannot be edited"):
                consent.write(vals)
        with self.assertRaisesText(UserError, "cannot be edited"):
            consent.web_save({"withdrawn": False}, {"withdrawn": {}})
        with self.assertRaisesText(UserError, "cannot be edited"):
            self.beneficiary.with_user(self.officer).write({"consent_ids": [(1, consent.id, {"withdrawn": False})]})
        self.env.invalidate_all()
        self.assertEqual((consent.withdrawn, consent.withdrawn_on, consent.accepted_on, consent.recorded_by_id), before)
        self.assertEqual((consent.beneficiary_id, consent.ip_address), (self.beneficiary, False))
        self.assertTrue(self.beneficiary.consent_withdrawn, "outreach stays stopped")
        self.assertFalse(self.other.consent_ids)
        # The withdrawal and the signing are in the trail.
        self.assertTrue(self.Log.search([("action", "=", "consent"), ("res_id", "=", self.beneficiary.id)]))
        self.assertTrue(
            self.Log.search([("action", "=", "signed"), ("res_model", "=", consent._name), ("res_id", "=", consent.id)])
        )

    def test_a_consent_is_recorded_as_signed_now_by_whoever_records_it(self):
        Consent = self.env["atta.beneficiary.consent"].with_user(self.officer)
        values = {
            "beneficiary_id": self.other.id,
            "text_id": self.consent_text.id,
            "accepted_by_name": self.other.name,
            "channel_id": self.channel_interview.id,
        }
        for forged in (
            {"accepted_on": "2020-01-01 08:00:00"},
            {"recorded_by_id": self.manager.id},
            {"ip_address": "10.0.0.1"},
            {"withdrawn": True},
        ):
            with self.subTest(forged=forged), self.assertRaisesText(UserError, "through the steps of the process"):
                Consent.create(dict(values, **forged))
        self.assertFalse(self.other.consent_ids)
        # Recorded from the file's form: now, by the officer, in the trail.
        entries = self._entries(
            lambda: self.other.with_user(self.officer).web_save(
                {"consent_ids": [(0, 0, values)]}, {"consent_ids": {"fields": {"recorded_by_id": {}}}}
            )
        )
        consent = self.other.consent_ids
        self.assertEqual((consent.recorded_by_id, consent.withdrawn, consent.ip_address), (self.officer, False, False))
        self.assertAlmostEqual(consent.accepted_on, fields.Datetime.now(), delta=timedelta(minutes=1))
        signed = entries.filtered(lambda e: e.action == "signed")
        self.assertEqual(
            (signed.user_id, signed.res_model, signed.res_id, signed.reference),
            (self.officer, consent._name, consent.id, self.other.reference),
        )

    def test_a_consent_is_never_deleted_by_hand_and_its_deletion_is_audited(self):
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.consent.with_user(user).unlink()
        self.assertTrue(self.consent.exists())
        # Only inside a superuser flow; even then, the trail keeps it.
        consent_id = self.consent.id
        self.consent.unlink()
        self.assertTrue(
            self.Log.search(
                [("action", "=", "delete"), ("res_model", "=", "atta.beneficiary.consent"), ("res_id", "=", consent_id)]
            )
        )

    def test_withdrawal_is_an_officer_step(self):
        with self.assertRaises(AccessError):
            self.consent.with_user(self.employee).action_withdraw()
        self.assertFalse(self.consent.withdrawn)

    # ------------------------------------------------------------------ verified scans are sealed
    def _scan(self, document):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", document._name),
                    ("res_field", "=", "attachment"),
                    ("res_id", "=", document.id),
                ]
            )
        )

    def test_a_verified_scan_cannot_be_replaced_or_removed_through_its_attachment(self):
        document = self.beneficiary.document_ids[:1]
        unverified = self._document(self.beneficiary, document.document_type_id, verified=False)
        scan = self._scan(document)
        self.assertEqual((len(scan), document.verified), (1, True))
        as_officer = scan.with_user(self.officer)
        forged = base64.b64encode(b"%PDF-1.4 forged")
        for vals in (
            {"datas": forged},
            {"raw": b"%PDF-1.4 forged"},
            {"res_id": unverified.id},
            {"res_model": "atta.beneficiary", "res_id": self.beneficiary.id},
        ):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                as_officer.write(vals)
        with self.assertRaisesText(UserError, "stays as it is"):
            as_officer.unlink()
        with self.assertRaisesText(UserError, "stays as it is"):
            self.env["ir.attachment"].with_user(self.officer).create(
                {
                    "name": "scan.pdf",
                    "raw": b"%PDF-1.4 forged",
                    "res_model": document._name,
                    "res_id": document.id,
                    "res_field": "attachment",
                }
            )
        self.env.invalidate_all()
        self.assertEqual((self._scan(document), scan.raw, document.verified), (scan, PDF_BYTES, True))
        self.assertEqual(base64.b64decode(document.attachment), PDF_BYTES)
        # An unverified document's scan is not sealed: it is being checked.
        self._scan(unverified).with_user(self.officer).write({"raw": b"%PDF-1.4 better"})
        self.assertEqual(base64.b64decode(unverified.attachment), b"%PDF-1.4 better")

    def test_a_new_scan_is_a_new_version_to_verify_again_in_the_trail(self):
        document = self.beneficiary.document_ids[:1].with_user(self.officer)
        entries = self._entries(lambda: document.write({"attachment": base64.b64encode(b"%PDF-1.4 renewed")}))
        self.assertEqual((document.verified, document.status), (False, "to_verify"))
        change = entries.filtered(lambda e: e.action == "change")
        self.assertEqual(
            (change.user_id, change.res_model, change.res_id, change.detail),
            (self.officer, document._name, document.id, "Attachment"),
        )
        # Deleting a document (verified or not) is in the trail too.
        verified = self.beneficiary.document_ids.filtered("verified")[:1]
        verified_id = verified.id
        entries = self._entries(lambda: verified.with_user(self.officer).unlink())
        self.assertEqual(
            [(e.action, e.res_model, e.res_id, e.user_id) for e in entries],
            [("delete", "atta.beneficiary.document", verified_id, self.officer)],
        )

    # ------------------------------------------------------------------ the contact of a file is the file's
    def test_a_beneficiary_contact_changes_only_through_the_file(self):
        partner = self.beneficiary.partner_id.with_user(self.officer)
        phone, email = self.beneficiary.phone, self.beneficiary.email
        with self.assertRaisesText(ValidationError, "is not a phone number"):
            partner.write({"phone": "call me maybe"})
        with self.assertRaisesText(ValidationError, "is not an e-mail address"):
            partner.write({"email": "fatimah at example"})
        with self.assertRaisesText(ValidationError, "is not a phone number"):
            partner.web_save({"phone": "12"}, {"phone": {}})
        with self.assertRaises(AccessError):
            self.beneficiary.partner_id.with_user(self.employee).write({"phone": "0559998888"})
        self.env.invalidate_all()
        self.assertEqual((self.beneficiary.phone, self.beneficiary.email), (phone, email))

        entries = self._entries(lambda: partner.write({"phone": "0559998888", "city": "Buraydah"}))
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking is written when the transaction commits
        self.assertEqual((self.beneficiary.phone, self.beneficiary.city), ("+966559998888", "Buraydah"))
        tracked = self.env["mail.tracking.value"].search(
            [("mail_message_id", "in", self.beneficiary.message_ids.ids), ("field_id.name", "=", "phone")]
        )
        self.assertEqual((tracked.old_value_char, tracked.new_value_char), (phone, "+966559998888"))
        change = entries.filtered(lambda e: e.action == "change")
        self.assertEqual(
            (change.user_id, change.res_model, change.res_id, change.detail),
            (self.officer, "atta.beneficiary", self.beneficiary.id, "Phone"),
        )
        # Other contacts are written as before.
        contact = self.env["res.partner"].create({"name": "Supplier"})
        contact.with_user(self.officer).write({"phone": "anything"})
        self.assertEqual(contact.phone, "anything")

    # ------------------------------------------------------------------ reads leave a row
    def test_copies_contact_reads_and_identity_probes_leave_one_row(self):
        member = self.beneficiary.family_member_ids
        document = self.beneficiary.document_ids[:1]
        for records in (member, document):
            entries = self._entries(lambda r=records: r.with_user(self.officer).copy_data())
            self.assertEqual(
                [(e.action, e.res_model, e.res_id, e.user_id) for e in entries],
                [("view", records._name, records.id, self.officer)],
            )
        partners = self.beneficiary.partner_id | self.officer.partner_id | self.other.partner_id
        entries = self._entries(
            lambda: self.env["res.partner"].with_user(self.officer).search_read([("id", "in", partners.ids)], ["phone"])
        )
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.res_model, "res.partner")
        self.assertEqual(
            sorted(map(int, entries.res_ids.split(","))),
            sorted((self.beneficiary | self.other).partner_id.ids),
            "the beneficiaries' contacts only",
        )
        self.assertEqual(set(entries.reference.split(", ")), {self.beneficiary.reference, self.other.reference})
        self.assertFalse(
            self._entries(lambda: self.officer.partner_id.with_user(self.officer).read(["phone"])),
            "a colleague's contact is not personal data of the association's beneficiaries",
        )
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        probes = (
            (Beneficiary, [("identity_number", "=", self.beneficiary.identity_number)], self.beneficiary),
            (Beneficiary, [("identity_number", "=", "1000000024")], Beneficiary),
            (
                self.env["res.partner"].with_user(self.officer),
                [("phone", "=", self.other.phone)],
                self.other.partner_id,
            ),
        )
        for model, domain, found in probes:
            with self.subTest(domain=domain):
                entries = self._entries(lambda m=model, d=domain: m.search_count(d))
                self.assertEqual(len(entries), 1)
                self.assertEqual((entries.res_model, entries.res_count), (model._name, len(found)))
                self.assertTrue(entries.detail.startswith("Searched by"))
                if found:
                    self.assertEqual(entries.res_ids, str(found.id))
        entries = self._entries(
            lambda: (
                self.env["atta.family.member"].with_user(self.officer).search([("identity_number", "=", "1000000024")])
            )
        )
        self.assertEqual((entries.res_model, entries.res_count), ("atta.family.member", 0))

    # ------------------------------------------------------------------ identity numbers in their stored form
    def test_identity_numbers_in_other_digit_forms_or_scripts_are_refused(self):
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        for number, identity_type in (
            ("¹⁰⁰⁰⁰⁰⁰⁰²⁴", "national_id"),
            ("১০০০০০০০২৪", "national_id"),
            ("１０００００００２４", "national_id"),
            ("АВ1234567", "passport"),  # Cyrillic A and V
        ):
            with self.subTest(number=number), self.assertRaisesText(ValidationError, "not Latin letters or digits"):
                Beneficiary.create({"name": "Script Test", "identity_type": identity_type, "identity_number": number})
        with self.assertRaisesText(ValidationError, "not Latin letters or digits"):
            self.env["atta.family.member"].with_user(self.officer).create(
                {
                    "beneficiary_id": self.beneficiary.id,
                    "name": "Superscript",
                    "relation": "son",
                    "identity_number": "১০০০০০০০৩২",
                }
            )
        self.assertFalse(Beneficiary.search_count([("name", "=", "Script Test")]))
        self.assertEqual(len(self.beneficiary.family_member_ids), 1)
        # The digits Saudi users type are brought to ASCII.
        arabic = Beneficiary.create({"name": "Arabic Digits", "identity_number": "١٠٠٠٠٠٠٠٢٤"})
        persian = Beneficiary.create(
            {"name": "Persian Digits", "identity_type": "iqama", "identity_number": "۲۰۰۰۰۰۰۰۰۶"}
        )
        self.assertEqual((arabic.identity_number, persian.identity_number), ("1000000024", "2000000006"))
