import base64
import io
import json
import warnings
from datetime import timedelta

from PIL import Image

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PDF_BYTES
from .test_privacy_attacks import AttaPrivacyCase
from .upload_corpus import hostile_pdfs, plain_pdf


def _png():
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(output, format="PNG")
    return output.getvalue()


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
        # An unverified document's scan is not sealed, but a new one is uploaded on the document, where it is
        # inspected: never into its stored file.
        with self.assertRaisesText(UserError, "uploaded on the document itself"):
            self._scan(unverified).with_user(self.officer).write({"raw": b"%PDF-1.4 better"})
        unverified.with_user(self.officer).attachment = base64.b64encode(plain_pdf())
        self.assertEqual(base64.b64decode(unverified.attachment), plain_pdf())

    def test_a_new_scan_is_a_new_version_to_verify_again_in_the_trail(self):
        document = self.beneficiary.document_ids[:1].with_user(self.officer)
        entries = self._entries(lambda: document.write({"attachment": base64.b64encode(plain_pdf())}))
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

    def test_a_file_is_never_moved_to_another_contact(self):
        other = self.env["res.partner"].create({"name": "Someone Else", "phone": "+966551112233"})
        partner = self.beneficiary.partner_id
        with self.assertRaisesText(UserError, "stays with the contact it was opened for"):
            self.beneficiary.with_user(self.officer).write({"partner_id": other.id})
        with self.assertRaisesText(UserError, "stays with the contact it was opened for"):
            self.beneficiary.with_user(self.manager).web_save({"partner_id": other.id}, {"partner_id": {}})
        with self.assertRaises(AccessError):
            other.with_user(self.officer).write({"atta_beneficiary_ids": [Command.link(self.beneficiary.id)]})
        self.env.invalidate_all()
        self.assertEqual(self.beneficiary.partner_id, partner)
        self.assertFalse(other.with_context(active_test=False).atta_beneficiary_ids)
        # Saving the file's own contact again is no move.
        self.beneficiary.with_user(self.officer).write({"partner_id": partner.id})
        self.assertEqual(self.beneficiary.partner_id, partner)

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

    # ------------------------------------------------------------------ no file is moved onto a sealed record
    def test_no_file_is_moved_onto_a_verified_document_to_replace_its_scan(self):
        verified = self.beneficiary.document_ids.filtered("verified")[:1]
        unverified = self._document(self.beneficiary, verified.document_type_id, verified=False)
        unverified.attachment = base64.b64encode(plain_pdf())
        scan, loose = self._scan(unverified), self._scan(verified)
        chatter_file = self.env["ir.attachment"].create(
            {"name": "note.pdf", "raw": plain_pdf(), "res_model": "atta.beneficiary", "res_id": self.beneficiary.id}
        )
        for attachment, vals in (
            (scan, {"res_id": verified.id}),
            (scan, {"res_model": verified._name, "res_id": verified.id, "res_field": "attachment"}),
            (chatter_file, {"res_model": verified._name, "res_id": verified.id}),
            (chatter_file, {"res_model": verified._name, "res_id": verified.id, "res_field": "attachment"}),
        ):
            with self.subTest(vals=vals), self.assertRaisesText(UserError, "stays as it is"):
                attachment.with_user(self.officer).write(vals)
        with self.assertRaisesText(UserError, "stays as it is"):
            scan.with_user(self.officer).copy({"res_id": verified.id})
        self.env.invalidate_all()
        self.assertEqual(self._scan(verified), loose)
        self.assertEqual(base64.b64decode(verified.attachment), PDF_BYTES)
        self.assertEqual((scan.res_model, scan.res_id), (unverified._name, unverified.id))
        self.assertEqual((chatter_file.res_model, chatter_file.res_id), ("atta.beneficiary", self.beneficiary.id))
        self.assertTrue(verified.verified)

    def test_a_consent_signature_stays_as_it_was_signed(self):
        consent = (
            self.env["atta.beneficiary.consent"]
            .with_user(self.officer)
            .create(
                {
                    "beneficiary_id": self.other.id,
                    "text_id": self.consent_text.id,
                    "accepted_by_name": self.other.name,
                    "channel_id": self.channel_interview.id,
                    "signature": base64.b64encode(_png()),
                }
            )
        )
        signature = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", consent._name), ("res_id", "=", consent.id), ("res_field", "=", "signature")])
        )
        self.assertEqual(len(signature), 1)
        original = signature.raw
        as_officer = signature.with_user(self.officer)
        for vals in ({"raw": _png() + b"forged"}, {"datas": base64.b64encode(b"forged")}, {"res_field": False}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                as_officer.write(vals)
        with self.assertRaisesText(UserError, "stays as it is"):
            as_officer.unlink()
        with self.assertRaisesText(UserError, "cannot be edited"):
            consent.web_save({"signature": base64.b64encode(_png())}, {})
        self.env.invalidate_all()
        self.assertEqual((signature.raw, signature.res_field), (original, "signature"))
        self.assertEqual(base64.b64decode(consent.signature), original)

    # ------------------------------------------------------------------ an accepted wording is kept as accepted
    def test_an_accepted_text_is_locked_and_changes_as_a_new_version(self):
        text = self.consent_text.with_user(self.manager)
        name, body, version = text.name, text.body, text.version
        for vals in ({"body": "<p>Something else</p>"}, {"name": "Renamed"}, {"version": 7}, {"kind": "declaration"}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "stays as they read it"):
                text.write(vals)
        with self.assertRaisesText(UserError, "stays as they read it"):
            text.web_save({"body": "<p>Edited</p>"}, {"body": {}})
        with self.assertRaisesText(UserError, "stays as they read it"):
            text.update_field_translations("body", {"ar_001": "<p>نص آخر</p>"})
        self.env.invalidate_all()
        self.assertEqual((text.name, text.body, text.version), (name, body, version))
        # A change is a new version, edited before it is put in force.
        action = text.action_new_version()
        draft = self.env["atta.consent.text"].with_user(self.manager).browse(action["res_id"])
        self.assertEqual((draft.version, draft.is_current, draft.kind), (version + 1, False, text.kind))
        draft.web_save({"body": "<p>The new wording</p>"}, {"body": {}})
        draft.action_set_current()
        self.assertEqual((draft.is_current, text.is_current), (True, False))
        # The officer cannot record a signature on the wording that was replaced.
        values = {
            "text_id": text.id,
            "accepted_by_name": self.other.name,
            "channel_id": self.channel_interview.id,
        }
        with self.assertRaisesText(UserError, "no longer in force"):
            self.other.with_user(self.officer).web_save({"consent_ids": [Command.create(values)]}, {})
        self.assertFalse(self.other.consent_ids)
        self.other.with_user(self.officer).web_save(
            {"consent_ids": [Command.create(dict(values, text_id=draft.id))]}, {}
        )
        self.assertEqual(self.other.consent_ids.version, version + 1)

    # ------------------------------------------------------------------ the scans of the desk are inspected
    def test_a_scan_uploaded_by_staff_is_inspected_like_a_public_upload(self):
        document = self.beneficiary.document_ids.filtered("verified")[:1].with_user(self.officer)
        Document = self.env["atta.beneficiary.document"].with_user(self.officer)
        values = {"beneficiary_id": self.other.id, "document_type_id": document.document_type_id.id}
        for label, data, message in (
            ("a web page named .pdf", b"<html><script>alert(1)</script></html>", "is not a readable PDF or image"),
            ("a PDF that does not parse", b"%PDF-1.4 forged", "damaged PDF"),
            *((label, data, "contains scripts") for label, data in list(hostile_pdfs().items())[:3]),
        ):
            with self.subTest(label):
                encoded = base64.b64encode(data)
                with self.assertRaisesText(UserError, message):
                    document.write({"attachment": encoded, "attachment_name": "scan.pdf"})
                with self.assertRaisesText(UserError, message):
                    document.web_save({"attachment": encoded}, {"status": {}})
                with self.assertRaisesText(UserError, message):
                    Document.create(dict(values, attachment=encoded, attachment_name="id.pdf"))
        self.env.invalidate_all()
        self.assertEqual((base64.b64decode(document.attachment), document.verified), (PDF_BYTES, True))
        self.assertFalse(self.other.document_ids)
        # A well-formed scan is kept, to be verified again.
        Document.create(dict(values, attachment=base64.b64encode(plain_pdf()), attachment_name="id.pdf"))
        self.assertEqual(base64.b64decode(self.other.document_ids.attachment), plain_pdf())
        photo = _png()
        document.write({"attachment": base64.b64encode(photo), "attachment_name": "id.png"})
        self.assertEqual(
            (document.verified, Image.open(io.BytesIO(base64.b64decode(document.attachment))).size), (False, (40, 20))
        )

    # ------------------------------------------------------------------ probes through paths and groups
    def test_probes_through_paths_and_grouped_contacts_leave_one_row(self):
        number = self.beneficiary.identity_number
        Member = self.env["atta.family.member"].with_user(self.officer)
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        Partner = self.env["res.partner"].with_user(self.officer)
        for model, domain, found in (
            (Member, [("beneficiary_id.identity_number", "=", number)], self.beneficiary.family_member_ids),
            (
                Member,
                [("beneficiary_id", "any", [("identity_number", "=", number)])],
                self.beneficiary.family_member_ids,
            ),
            (Beneficiary, [("partner_id.phone", "=", self.other.phone)], self.other),
            (
                Member,
                [("beneficiary_id.partner_id.phone", "=", self.beneficiary.phone)],
                self.beneficiary.family_member_ids,
            ),
        ):
            with self.subTest(domain=domain):
                for call in (model.search_count, model.search):
                    entries = self._entries(lambda c=call, d=domain: c(d))
                    self.assertEqual(len(entries), 1, "one row per call")
                    self.assertEqual((entries.res_model, entries.res_ids), (model._name, ",".join(map(str, found.ids))))
                    self.assertTrue(entries.detail.startswith("Searched by"))
        # Grouping the contacts by a personal field names the beneficiaries' contacts behind the groups.
        domain = [("id", "in", (self.beneficiary | self.other).partner_id.ids + self.officer.partner_id.ids)]

        def legacy_read_group():
            # What an RPC client of older Odoo calls: deprecated in 19.0, still reachable.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                return Partner.read_group(domain, ["email"], ["email"])

        for call in (
            lambda: Partner.formatted_read_group(domain, ["phone"], ["__count"]),
            lambda: Partner.web_read_group(domain, ["city"], ["__count"]),
            legacy_read_group,
            # Fields computed from the contact list the same people.
            lambda: Partner.formatted_read_group(domain, ["email_normalized"], ["__count"]),
            lambda: Partner.formatted_read_group(domain, ["phone_sanitized"], ["__count"]),
            lambda: Partner.formatted_read_group(domain, ["complete_name"], ["__count"]),
        ):
            entries = self._entries(call)
            self.assertEqual(len(entries), 1)
            self.assertEqual(entries.res_model, "res.partner")
            self.assertEqual(
                sorted(map(int, entries.res_ids.split(","))), sorted((self.beneficiary | self.other).partner_id.ids)
            )
        for harmless in ("is_company", "active", "company_id"):
            self.assertFalse(self._entries(lambda g=harmless: Partner.formatted_read_group(domain, [g], ["__count"])))
        # Unrelated searches leave nothing.
        self.assertFalse(self._entries(lambda: Member.search_count([("relation", "=", "son")])))

    # ------------------------------------------------------------------ a file's contact stays apart
    def test_a_beneficiary_contact_is_never_synced_from_a_company(self):
        company = self.env["res.partner"].create(
            {"name": "Employer Co", "is_company": True, "vat": "300000000000003", "city": "Jeddah"}
        )
        partner = self.beneficiary.partner_id
        city, vat = partner.city, partner.vat
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login), self.assertRaisesText(ValidationError, "stays on its own"):
                partner.with_user(user).write({"parent_id": company.id})
        with self.assertRaisesText(ValidationError, "stays on its own"):
            self.env["res.partner"].with_user(self.manager).create(
                {"name": "Someone", "parent_id": partner.id, "vat": "1"}
            )
        with self.assertRaisesText(ValidationError, "stays on its own"):
            company.write({"child_ids": [Command.link(partner.id)]})
        company.write({"vat": "300000000000010", "city": "Dammam"})
        self.env.invalidate_all()
        self.assertEqual(
            (partner.parent_id, partner.city, partner.vat, partner.child_ids),
            (company.browse(), city, vat, company.browse()),
        )


@tagged("post_install", "-at_install")
class TestPortalContactThroughFile(HttpCase, AttaPrivacyCase):
    """The portal's address form changes a beneficiary's contact through their file, never around it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = new_test_user(
            cls.env, "b_portal_contact", groups="base.group_portal", partner_id=cls.beneficiary.partner_id.id
        )
        cls.saudi = cls.env.ref("base.sa")

    def _submit(self, **changes):
        self.authenticate(self.person.login, self.person.login)
        partner = self.beneficiary.partner_id
        data = {
            "partner_id": partner.id,
            "name": partner.name,
            "email": partner.email,
            "phone": partner.phone,
            "street": partner.street or "King Fahd Road 12",
            "city": partner.city or "Riyadh",
            "country_id": self.saudi.id,
            "zip": partner.zip or "12271",
            "csrf_token": http.Request.csrf_token(self),
        }
        data.update(changes)
        response = self.url_open("/my/address/submit", data={k: v for k, v in data.items() if v is not None})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.text)

    def test_the_portal_changes_the_contact_through_the_file_tracked_and_audited(self):
        last = self.Log.search([], limit=1).id
        feedback = self._submit(phone="0551112222", city="Buraydah")
        self.assertIn("redirectUrl", feedback)
        self.env.invalidate_all()
        self.assertEqual((self.beneficiary.phone, self.beneficiary.city), ("+966551112222", "Buraydah"))
        change = self.Log.search([("id", ">", last), ("action", "=", "change")])
        self.assertEqual(
            (change.user_id, change.res_model, change.res_id), (self.person, "atta.beneficiary", self.beneficiary.id)
        )
        tracked = self.env["mail.tracking.value"].search(
            [("mail_message_id", "in", self.beneficiary.message_ids.ids), ("field_id.name", "=", "phone")]
        )
        self.assertEqual(tracked.new_value_char, "+966551112222")

    def test_the_portal_cannot_rename_retax_or_add_addresses_around_the_file(self):
        partner = self.beneficiary.partner_id
        before = (partner.name, partner.vat, partner.phone, partner.city)
        # The website speaks Arabic first: the person reads why, in Arabic, beside the form.
        for changes, message in (
            ({"name": "Someone Else"}, "تصحيحها يتم عن طريق الجمعية"),
            ({"vat": "300000000000003"}, "تصحيحها يتم عن طريق الجمعية"),
            ({"phone": "12"}, "ليس رقم هاتف صحيحاً"),
        ):
            with self.subTest(changes=changes):
                feedback = self._submit(**changes)
                self.assertNotIn("redirectUrl", feedback)
                self.assertIn(message, " ".join(feedback["messages"]))
        feedback = self._submit(partner_id=None, address_type="delivery", name="Depot", city="Jeddah")
        self.assertIn("مستقلة بذاتها", " ".join(feedback["messages"]))
        self.env.invalidate_all()
        self.assertEqual((partner.name, partner.vat, partner.phone, partner.city), before)
        self.assertFalse(
            self.env["res.partner"].with_context(active_test=False).search([("parent_id", "=", partner.id)])
        )


@tagged("post_install", "-at_install")
class TestSealedFilesStayPrivate(AttaPrivacyCase):
    """A sealed scan is not renamed, shared or joined by another file; contact probes in any form are in the trail."""

    def _scan(self, document):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", document._name), ("res_field", "=", "attachment"), ("res_id", "=", document.id)]
            )
        )

    def _entries(self, call):
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)], order="id")

    def test_a_verified_scan_is_never_renamed_retyped_made_public_or_given_a_share_token(self):
        document = self.beneficiary.document_ids[:1]
        scan = self._scan(document)
        before = (scan.name, scan.mimetype, scan.public, scan.access_token)
        self.assertEqual(before[2:], (False, False))
        for user in (self.officer, self.manager):
            as_user = scan.with_user(user)
            for vals in (
                {"public": True},
                {"access_token": "known-to-the-officer"},
                {"name": "anything.pdf"},
                {"mimetype": "text/html"},
            ):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                    as_user.write(vals)
            with self.subTest(user=user.login), self.assertRaisesText(UserError, "stays as it is"):
                as_user.generate_access_token()
        self.env.invalidate_all()
        self.assertEqual((scan.name, scan.mimetype, scan.public, scan.access_token), before)
        # Before verification the desk may still rename a scan.
        unverified = self._document(self.beneficiary, document.document_type_id, verified=False)
        self._scan(unverified).with_user(self.officer).write({"name": "passport.pdf"})
        self.assertEqual(self._scan(unverified).name, "passport.pdf")

    def test_no_loose_file_is_attached_to_a_verified_document(self):
        document = self.beneficiary.document_ids[:1]
        unverified = self._document(self.beneficiary, document.document_type_id, verified=False)
        Attachment = self.env["ir.attachment"].with_user(self.officer)

        def attached(record):
            return Attachment.sudo().search_count([("res_model", "=", record._name), ("res_id", "=", record.id)])

        count = attached(document)
        with self.assertRaisesText(UserError, "stays as it is"):
            Attachment.create(
                {"name": "other.pdf", "raw": plain_pdf(), "res_model": document._name, "res_id": document.id}
            )
        self.assertEqual(attached(document), count)
        # A document still to verify takes a file in its chatter (the officer's note of the original, say); the count
        # leaves out the scan itself (Odoo lists a field's file only when asked by its field).
        Attachment.create(
            {"name": "note.pdf", "raw": plain_pdf(), "res_model": unverified._name, "res_id": unverified.id}
        )
        self.assertEqual(attached(unverified), 1)

    def test_contact_probes_by_normalised_mobile_or_email_leave_a_row(self):
        partner = self.other.partner_id
        self.assertTrue(partner.phone_sanitized and partner.email_normalized is not None)
        Partner = self.env["res.partner"].with_user(self.officer)
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        digits = "".join(filter(str.isdigit, partner.phone_sanitized))[-9:]
        for model, domain, found in (
            (Partner, [("phone_sanitized", "=", partner.phone_sanitized)], partner),
            (Partner, [("phone_mobile_search", "like", digits)], partner),
            (Partner, [("email_normalized", "=", self.beneficiary.email)], self.beneficiary.partner_id),
            (Beneficiary, [("partner_id.phone_sanitized", "=", partner.phone_sanitized)], self.other),
            (Beneficiary, [("phone_sanitized", "=", partner.phone_sanitized)], self.other),
            (Beneficiary, [("partner_id.phone_mobile_search", "like", digits)], self.other),
            (Beneficiary, [("partner_id.email_normalized", "=", self.beneficiary.email)], self.beneficiary),
        ):
            with self.subTest(model=model._name, domain=domain):
                for call in (model.search_count, model.search):
                    entries = self._entries(lambda c=call, d=domain: c(d))
                    self.assertEqual(len(entries), 1, "one row per call")
                    self.assertEqual((entries.res_model, entries.res_ids), (model._name, str(found.id)))
                    self.assertEqual(entries.user_id, self.officer)
                    self.assertTrue(entries.detail.startswith("Searched by"))

    def test_a_text_people_accepted_keeps_its_dates_in_force(self):
        text = self.consent_text.with_user(self.manager)
        self.assertTrue(text.acceptance_count)
        before = (text.is_current, text.date_start)
        for vals in ({"is_current": False}, {"date_start": "2020-01-01"}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "accepted by applicants"):
                text.write(vals)
        with self.assertRaisesText(UserError, "accepted by applicants"):
            text.web_save({"date_start": "2020-01-01"}, {})
        self.env.invalidate_all()
        self.assertEqual((text.is_current, text.date_start), before)
        # A new version takes over; the accepted one is not put back in force afterwards.
        draft = self.env["atta.consent.text"].with_user(self.manager).browse(text.action_new_version()["res_id"])
        draft.action_set_current()
        self.assertEqual((draft.is_current, text.is_current, text.date_start), (True, False, before[1]))
        with self.assertRaisesText(UserError, "not put back in force"):
            text.action_set_current()
        self.env.invalidate_all()
        self.assertEqual((draft.is_current, text.is_current, text.date_start), (True, False, before[1]))
        with self.assertRaises(AccessError):
            text.with_user(self.officer).action_set_current()


@tagged("post_install", "-at_install")
class TestSealedScanStillDownloads(HttpCase, AttaPrivacyCase):
    """Through the routes the web client and the portal use: a sealed scan still downloads by Odoo's own links, and
    the chatter's paperclip adds no loose file to a verified document."""

    def test_a_sealed_scan_downloads_with_the_links_odoo_makes(self):
        document = self.beneficiary.document_ids[:1]
        scan = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", document._name), ("res_field", "=", "attachment"), ("res_id", "=", document.id)]
            )
        )
        self.assertTrue(document.verified)
        # The portal chatter's signed link (no token stored on the file).
        response = self.url_open(f"/web/content/{scan.id}?access_token={scan._get_raw_access_token()}&download=1")
        self.assertEqual((response.status_code, response.content), (200, PDF_BYTES))
        # Odoo's mail code shares a file by a stored token in superuser mode: still allowed on a sealed file.
        token = scan.sudo().generate_access_token()[0]
        response = self.url_open(f"/web/content/{scan.id}?access_token={token}&download=1")
        self.assertEqual((response.status_code, response.content), (200, PDF_BYTES))
        # Without a token the file stays closed.
        self.assertEqual(self.url_open(f"/web/content/{scan.id}?download=1").status_code, 404)

    def test_the_chatter_paperclip_attaches_no_loose_file_to_a_verified_document(self):
        document = self.beneficiary.document_ids[:1]
        unverified = self._document(self.beneficiary, document.document_type_id, verified=False)
        Attachment = self.env["ir.attachment"].sudo()

        def attached(record):
            return Attachment.search_count([("res_model", "=", record._name), ("res_id", "=", record.id)])

        def upload(record):
            return self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "thread_model": record._name,
                    "thread_id": str(record.id),
                },
                files={"ufile": ("other.pdf", plain_pdf(), "application/pdf")},
            ).json()

        self.authenticate(self.officer.login, self.officer.login)
        before = attached(document)
        self.assertIn("error", upload(document))
        self.assertEqual(attached(document), before)
        # A document still to verify takes the file in its chatter.
        self.assertIn("attachment_id", upload(unverified)["data"])
        self.assertEqual(attached(unverified), 1)


@tagged("post_install", "-at_install")
class TestChatterRoutesKeepTheSeal(TestSealedFilesStayPrivate):
    """The chatter's routes run in superuser mode once the user may edit the record: the seal holds there too."""

    # Only this class's own tests: the inherited ones run in their own class.
    test_a_verified_scan_is_never_renamed_retyped_made_public_or_given_a_share_token = None
    test_no_loose_file_is_attached_to_a_verified_document = None
    test_contact_probes_by_normalised_mobile_or_email_leave_a_row = None

    def test_the_chatter_deletes_no_sealed_file_and_posts_no_loose_one(self):
        document = self.beneficiary.document_ids[:1]
        scan = self._scan(document)
        self.assertTrue(document.verified and scan)
        # /mail/attachment/delete: the user's write right on the record checked, then deleted in superuser mode.
        self.assertTrue(scan.with_user(self.officer).has_access("write"))
        with self.assertRaisesText(AccessError, "stays as it is"):
            scan.with_user(self.officer).sudo()._delete_and_notify()
        self.assertTrue(scan.exists())
        # A message with a file, from RPC or from the composer's pending upload, moved on in superuser mode.
        as_officer = document.with_user(self.officer)
        with self.assertRaisesText(AccessError, "stays as it is"):
            as_officer.message_post(body="the original", attachments=[("other.pdf", plain_pdf())])
        pending = self.env["ir.attachment"].create(
            {"name": "other.pdf", "raw": plain_pdf(), "res_model": "mail.compose.message", "res_id": 0}
        )
        with self.assertRaisesText(AccessError, "stays as it is"):
            as_officer.sudo().message_post(body="the original", attachment_ids=pending.ids)
        self.assertEqual(pending.res_model, "mail.compose.message")
        # A message without a file is still posted.
        as_officer.message_post(body="Original seen again at the desk.")
        self.assertIn("Original seen again", document.message_ids[:1].body)

    def test_a_beneficiary_login_changes_no_contact_around_the_file(self):
        person = new_test_user(
            self.env, "b_portal_self", groups="base.group_portal", partner_id=self.beneficiary.partner_id.id
        )
        partner = self.beneficiary.partner_id
        before = (partner.name, partner.phone, partner.email, self.beneficiary.phone)
        for vals in ({"phone": "+15550100"}, {"email": "other@example.com"}, {"name": "Someone Else"}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(AccessError, "change on their file"):
                person.with_user(person).write(vals)
        self.env.invalidate_all()
        self.assertEqual((partner.name, partner.phone, partner.email, self.beneficiary.phone), before)
        # Their own preferences still change.
        person.with_user(person).write({"tz": "Asia/Riyadh"})
        self.assertEqual(person.tz, "Asia/Riyadh")
