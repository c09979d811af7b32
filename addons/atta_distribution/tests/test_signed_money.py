"""What is signed stays signed: each role tries to move money or proof after a signature, through the calls the web
client makes. Every attempt is refused, or voids the signature with the reason in the chatter, and the records are
read again afterwards: what was signed for is what is paid."""

import base64
import io

import openpyxl
from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tests.upload_corpus import plain_pdf, with_catalog

from .common import AttaDistributionCase, saudi_iban
from .test_in_kind import SIGNATURE


def _png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


# Another signature: what someone would swap in after the hand-over.
OTHER_SIGNATURE = _png("red")


@tagged("post_install", "-at_install")
class TestSignedMoney(AttaDistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowance = cls._allowance(amount=1000)
        cls.families = cls._families(2)
        cls.cheque_family = cls._families(1, payment_method="cheque")
        cls._enrol_in_bulk(cls.allowance, cls.families | cls.cheque_family, fields.Date.today())
        # The association's accountant: edits payments in Odoo's accounting, signs no batch.
        cls.accountant = new_test_user(
            cls.env, "d_accountant", groups="account.group_account_invoice", name="Accountant Huda", lang="en_US"
        )

    def _signed_once(self):
        batch = self._approve(self._round(self.allowance)).batch_id
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "first_approved")
        return batch

    def _line(self, batch, family):
        return batch.line_ids.filtered(lambda line: line.beneficiary_id == family)

    def _chatter(self, record):
        return " ".join(record.message_ids.mapped("body"))

    def _certificate(self, family):
        return family.document_ids.filtered(lambda doc: doc.document_type_id == self.iban_type)

    # ------------------------------------------------------------------ 1. trust tied to this very IBAN
    def test_a_certificate_of_another_person_or_another_iban_trusts_nothing(self):
        family, other = self.families
        account = (
            self.env["res.partner.bank"]
            .with_user(self.officer)
            .create({"partner_id": family.partner_id.id, "acc_number": saudi_iban(900)})
        )
        # The family's own certificate names its first IBAN, not this one.
        with self.assertRaisesText(ValidationError, "no verified, unexpired IBAN certificate naming"):
            account.with_user(self.finance_a).action_trust_for_aid()
        self.assertFalse(account.allow_out_payment)
        # Another family's certificate naming this IBAN, verified: still not the holder's file.
        certificate = self._certificate(other).with_user(self.officer)
        certificate.web_save({"iban": saudi_iban(900)}, {})
        self.assertFalse(certificate.verified, "another IBAN on a certificate is checked against the original again")
        certificate.action_verify()
        with self.assertRaisesText(ValidationError, "no verified, unexpired IBAN certificate naming"):
            account.with_user(self.finance_a).action_trust_for_aid()
        self.assertFalse(account.allow_out_payment)
        # A finance approver cannot flip the flag by a plain save either.
        with self.assertRaises(UserError):
            account.with_user(self.finance_a).web_save({"allow_out_payment": True}, {})
        self.assertFalse(account.allow_out_payment)
        # A typing slip is caught beside the field, nothing saved.
        own = self._certificate(family).with_user(self.officer)
        first_iban = family.aid_bank_account_id.acc_number
        with self.assertRaisesText(ValidationError, "is not a valid Saudi IBAN"):
            own.web_save({"iban": "SA00" + saudi_iban(900)[4:]}, {})
        self.assertEqual((own.iban, own.verified), (first_iban, True))
        # The holder's own certificate names it once verified: trusted, and the trust is in the partner's chatter.
        own.web_save({"iban": saudi_iban(900)}, {})
        own.action_verify()
        account.with_user(self.finance_a).action_trust_for_aid()
        self.assertTrue(account.allow_out_payment)

    def test_an_iban_certificate_that_no_longer_names_the_account_stops_the_signature(self):
        batch = self._approve(self._round(self.allowance)).batch_id
        family = self.families[0]
        self._certificate(family).with_user(self.officer).web_save({"iban": saudi_iban(901)}, {})
        with self.assertRaisesText(UserError, "no verified, unexpired IBAN certificate of the file names"):
            batch.with_user(self.finance_a).action_approve()
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)

    # ------------------------------------------------------------------ 2. another holder, bank or owner
    def test_another_bank_or_owner_of_a_trusted_account_drops_the_trust_and_voids_the_signature(self):
        batch = self._signed_once()
        account = self.families[0].aid_bank_account_id
        bank = self.env["res.bank"].create({"name": "Another Bank"})
        account.with_user(self.officer).web_save({"bank_id": bank.id}, {})
        self.assertFalse(account.allow_out_payment)
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False, "first_approved_on": False}])
        self.assertIn("changed the bank account of Family", self._chatter(batch))
        with self.assertRaisesText(UserError, "is not trusted for payments"):
            batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "draft")
        # The owner cannot be changed by the officer on a trusted account (Odoo's lock), nor by anyone once untrusted
        # without the trust dropping: moved by a technical path, the account is no longer trusted.
        other_account = self.families[1].aid_bank_account_id
        with self.assertRaisesText(UserError, "has been trusted"):
            other_account.with_user(self.officer).write({"partner_id": self.cheque_family.partner_id.id})
        self.assertEqual(other_account.partner_id, self.families[1].partner_id)
        other_account.sudo().write({"partner_id": self.cheque_family.partner_id.id})
        self.assertFalse(other_account.allow_out_payment)

    # ------------------------------------------------------------------ 3. the cheque's payee
    def test_the_cheque_is_payable_to_the_name_signed_for(self):
        batch = self._signed_once()
        line = self._line(batch, self.cheque_family)
        name = self.cheque_family.name
        self.assertEqual(line.cheque_payee, name)
        payment = line.sudo().payment_id
        self.assertIn(f"Cheque payable to {name} only", payment.memo)
        # The name changes between the signatures: the first signature is void and says why.
        self.cheque_family.with_user(self.officer).web_save({"name": "Renamed Family"}, {})
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
        self.assertIn("changed how Renamed Family is paid", self._chatter(batch))
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(line.cheque_payee, "Renamed Family")
        self.assertIn("Cheque payable to Renamed Family only", payment.memo)
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "posted")
        # Renamed after the payment: the paper still reads the name the cheque was signed and paid for.
        self.cheque_family.with_user(self.officer).web_save({"name": "Third Name"}, {})
        self.assertEqual(line.cheque_payee, "Renamed Family")
        self.assertIn("Cheque payable to Renamed Family only", line._payment_memo())
        sheet = openpyxl.load_workbook(io.BytesIO(batch.with_user(self.finance_b)._transfer_file())).active
        cheque_row = [row for row in sheet.iter_rows(values_only=True) if row[1] == self.cheque_family.reference][0]
        self.assertEqual(cheque_row[3], "Renamed Family")
        self.assertIn("Cheque payable to Renamed Family only", cheque_row[7])

    def test_a_cheque_payee_changed_without_the_file_is_refused_at_the_second_signature(self):
        batch = self._signed_once()
        line = self._line(batch, self.cheque_family)
        # A change that bypasses the file's own write (a data fix in superuser mode on the captured value).
        line.sudo().write({"cheque_payee": "Someone Else"})
        with self.assertRaisesText(UserError, "the name the cheque is payable to changed after the first approval"):
            batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "first_approved")
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)

    # ------------------------------------------------------------------ 4. the draft payment between the signatures
    def test_an_accountant_editing_a_signed_draft_payment_voids_the_signature_and_it_is_not_paid(self):
        batch = self._signed_once()
        line = self._line(batch, self.families[0])
        payment = line.sudo().payment_id.with_user(self.accountant)
        payment.web_save({"amount": 5000}, {})
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
        self.assertIn("changed the draft payment of Family", self._chatter(batch))
        # Signed again: the payment does not read what the round approved, refused with the reason.
        with self.assertRaisesText(UserError, "the draft payment no longer matches what is signed for (Amount)"):
            batch.with_user(self.finance_b).action_approve()
        self.assertEqual(batch.state, "draft")
        payment.web_save({"amount": 1000}, {})
        batch.with_user(self.finance_b).action_approve()
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "posted")

    def test_a_draft_payment_dated_or_paid_otherwise_between_the_signatures_is_not_paid(self):
        batch = self._approve(self._round(self.allowance)).batch_id
        line = self._line(batch, self.families[0])
        payment = line.sudo().payment_id.with_user(self.accountant)
        signed = (payment.sudo().date, payment.sudo().payment_method_line_id)
        journal = batch.fund_id.journal_id
        by_hand = self.env["account.payment.method.line"].create(
            {
                "name": "Cash at the desk",
                "journal_id": journal.id,
                "payment_method_id": self.env.ref("account.account_payment_method_manual_out").id,
            }
        )
        for vals, label in (
            ({"date": fields.Date.add(signed[0], days=-40)}, "Date"),
            ({"payment_method_line_id": by_hand.id}, "Payment Method"),
        ):
            with self.subTest(label=label):
                batch.with_user(self.finance_a).action_approve()
                self.assertEqual(batch.state, "first_approved")
                # The accountant edits the draft payment: the first signature is void and says why.
                payment.web_save(vals, {})
                self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
                self.assertIn("changed the draft payment of Family", self._chatter(batch))
                # The finance approver signs again: refused with what no longer matches, nothing posted.
                with self.assertRaisesText(
                    UserError, f"the draft payment no longer matches what is signed for ({label})"
                ):
                    batch.with_user(self.finance_b).action_approve()
                self.assertEqual(batch.state, "draft")
                self.assertFalse(batch.sudo().line_ids.payment_id.move_id)
                payment.web_save({"date": signed[0], "payment_method_line_id": signed[1].id}, {})
        # The memo: an edit voids the signature, and signing again writes it back as signed for.
        batch.with_user(self.finance_a).action_approve()
        memo = payment.sudo().memo
        payment.web_save({"memo": "Pay someone else"}, {})
        self.assertRecordValues(batch, [{"state": "draft", "first_approver_id": False}])
        batch.with_user(self.finance_b).action_approve()
        self.assertEqual(payment.sudo().memo, memo)
        # Moved behind the batch (no trace on it): the second signature compares and refuses.
        payment.sudo().write({"memo": "Pay someone else"})
        with self.assertRaisesText(UserError, "the draft payment no longer matches what is signed for (Memo)"):
            batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "first_approved")
        payment.sudo().write({"memo": memo})
        batch.with_user(self.finance_a).action_approve()
        self.assertEqual(batch.state, "posted")
        self.assertRecordValues(
            payment.sudo(),
            [{"memo": memo, "date": signed[0], "payment_method_line_id": signed[1].id, "amount": 1000}],
        )
        # Paid: the memo, date and method stay as paid.
        for vals in ({"memo": "Edited"}, {"date": fields.Date.add(signed[0], days=1)}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "stays as it was paid"):
                payment.web_save(vals, {})
        self.assertRecordValues(payment.sudo(), [{"memo": memo, "date": signed[0]}])

    def test_a_draft_payment_moved_behind_the_batch_is_refused_at_the_second_signature(self):
        batch = self._signed_once()
        payments = batch.sudo().line_ids.payment_id
        first, second = (self._line(batch, family).sudo().payment_id for family in self.families)
        # Edits that leave no trace on the batch (superuser mode): the second signature compares and refuses.
        first.sudo().write({"partner_bank_id": self.families[1].aid_bank_account_id.id})
        second.sudo().write({"journal_id": self.general_journal.id})
        with self.assertRaises(UserError) as refusal:
            batch.with_user(self.finance_b).action_approve()
        message = str(refusal.exception)
        self.assertIn("Recipient Bank Account", message)
        self.assertIn("Journal", message)
        self.assertEqual(batch.state, "first_approved")
        self.assertEqual(set(payments.mapped("state")), {"draft"})
        self.assertFalse(payments.move_id)

    def test_a_paid_aid_payment_stays_as_paid(self):
        batch = self._signed_once()
        batch.with_user(self.finance_b).action_approve()
        line = self._line(batch, self.families[0])
        payment = line.sudo().payment_id.with_user(self.accountant)
        move = payment.move_id
        self.assertEqual(move.state, "posted")
        for vals in (
            {"amount": 5000},
            {"partner_bank_id": self.families[1].aid_bank_account_id.id},
            {"partner_id": self.families[1].partner_id.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                payment.web_save(vals, {})
        with self.assertRaises(UserError):
            payment.action_draft()
        with self.assertRaises(UserError):
            move.with_user(self.accountant).button_draft()
        with self.assertRaises(UserError):
            payment.action_cancel()
        self.assertRecordValues(
            payment.sudo(),
            [
                {
                    "amount": 1000,
                    "partner_id": self.families[0].partner_id.id,
                    "partner_bank_id": self.families[0].aid_bank_account_id.id,
                }
            ],
        )
        self.assertIn(payment.sudo().state, ("in_process", "paid"))
        self.assertEqual(move.sudo().state, "posted")
        self.assertEqual(line.state, "done")

    # ------------------------------------------------------------------ 5. the proof of a hand-over
    def _handed_over(self):
        basket = self._basket()
        family = self._families(1)
        self._enrol_in_bulk(basket, family, fields.Date.today())
        self._stock(self.rice, 5)
        self._stock(self.oil, 5)
        line = self._approve(self._round(basket)).line_ids
        line.with_user(self.officer).web_save({"signature": SIGNATURE}, {})
        line.with_user(self.officer).action_hand_over()
        self.assertEqual(line.state, "done")
        return line

    def test_a_scanned_receipt_with_a_script_is_refused(self):
        basket = self._basket()
        family = self._families(1)
        self._enrol_in_bulk(basket, family, fields.Date.today())
        self._stock(self.rice, 5)
        self._stock(self.oil, 5)
        line = self._approve(self._round(basket)).line_ids.with_user(self.officer)
        hostile = base64.b64encode(with_catalog(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"))
        with self.assertRaisesText(UserError, "“receipt.pdf” contains scripts, actions or embedded files"):
            line.web_save({"receipt_scan": hostile, "receipt_scan_name": "receipt.pdf"}, {})
        self.assertFalse(line.receipt_scan)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", line._name), ("res_id", "=", line.id), ("res_field", "=", "receipt_scan")]
            )
        )
        line.web_save({"receipt_scan": base64.b64encode(plain_pdf()), "receipt_scan_name": "../receipt"}, {})
        self.assertEqual(line.receipt_scan_name, "receipt.pdf")
        self.assertEqual(base64.b64decode(line.receipt_scan), plain_pdf())

    def test_the_signature_and_receipts_of_a_hand_over_are_sealed(self):
        line = self._handed_over()
        signature = line.signature
        receipt = line.receipt_id
        receipt_bytes = receipt.raw
        Attachment = self.env["ir.attachment"]
        signature_file = Attachment.search(
            [("res_model", "=", line._name), ("res_id", "=", line.id), ("res_field", "=", "signature")]
        )
        self.assertTrue(signature_file)
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                as_user = line.with_user(user)
                with self.assertRaises(UserError):
                    as_user.web_save({"signature": OTHER_SIGNATURE}, {})
                with self.assertRaises(UserError):
                    as_user.web_save({"receipt_scan": base64.b64encode(plain_pdf())}, {})
                with self.assertRaises(UserError):
                    as_user.write({"signature": False})
                with self.assertRaises(UserError):
                    as_user.write({"receipt_id": False})
                with self.assertRaises(UserError):
                    signature_file.with_user(user).write({"datas": OTHER_SIGNATURE})
                with self.assertRaises(UserError):
                    signature_file.with_user(user).unlink()
                with self.assertRaises(UserError):
                    receipt.with_user(user).write({"raw": b"%PDF-1.4 forged"})
                with self.assertRaises(UserError):
                    receipt.with_user(user).unlink()
                with self.assertRaises(UserError):
                    Attachment.with_user(user).create(
                        {
                            "name": "signature",
                            "datas": OTHER_SIGNATURE,
                            "res_model": line._name,
                            "res_id": line.id,
                            "res_field": "receipt_scan",
                        }
                    )
        line.invalidate_recordset()
        self.assertEqual(line.signature, signature)
        self.assertFalse(line.receipt_scan)
        self.assertEqual(line.receipt_id, receipt)
        self.assertEqual(receipt.raw, receipt_bytes)
        self.assertTrue(signature_file.exists())

    def test_a_scanned_receipt_is_written_only_through_the_line_where_it_is_inspected(self):
        basket = self._basket()
        family = self._families(1)
        self._enrol_in_bulk(basket, family, fields.Date.today())
        self._stock(self.rice, 5)
        self._stock(self.oil, 5)
        line = self._approve(self._round(basket)).line_ids
        Attachment = self.env["ir.attachment"]
        hostile = base64.b64encode(with_catalog(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"))
        files = [("res_model", "=", line._name), ("res_id", "=", line.id), ("res_field", "=", "receipt_scan")]
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                # Not a document: refused beside the field with the reason, nothing kept.
                with self.assertRaisesText(UserError, "“receipt.txt” is not a readable PDF or image"):
                    line.with_user(user).web_save(
                        {"receipt_scan": base64.b64encode(b"signed: yes"), "receipt_scan_name": "receipt.txt"}, {}
                    )
                # Written as a file of the field, the inspection is not skipped: refused, nothing created.
                for field in ("receipt_scan", "signature"):
                    with self.assertRaisesText(UserError, "cannot be written into the stored file directly"):
                        Attachment.with_user(user).create(
                            {
                                "name": "receipt.pdf",
                                "datas": hostile,
                                "res_model": line._name,
                                "res_id": line.id,
                                "res_field": field,
                            }
                        )
        self.assertFalse(Attachment.search(files))
        # A plain scan uploaded on the line is kept; its stored file cannot be swapped for a hostile one.
        line.with_user(self.officer).web_save(
            {"receipt_scan": base64.b64encode(plain_pdf()), "receipt_scan_name": "receipt.pdf"}, {}
        )
        scan = Attachment.search(files)
        self.assertEqual(len(scan), 1)
        for user in (self.officer, self.manager):
            for vals in ({"datas": hostile}, {"raw": b"%PDF-1.4 forged"}, {"res_field": "signature"}):
                with (
                    self.subTest(user=user.login, vals=list(vals)),
                    self.assertRaisesText(UserError, "cannot be written into the stored file directly"),
                ):
                    scan.with_user(user).write(vals)
        self.env.invalidate_all()
        self.assertEqual((scan.raw, scan.res_field), (plain_pdf(), "receipt_scan"))
        self.assertEqual(base64.b64decode(line.receipt_scan), plain_pdf())

    # ------------------------------------------------------------------ 6. the bank's transfer file
    def test_the_transfer_file_given_to_the_bank_stays_as_exported(self):
        batch = self._signed_once()
        batch.with_user(self.finance_b).action_approve()
        action = batch.with_user(self.finance_b).action_export_transfer_file()
        exported = batch.transfer_file_id
        self.assertEqual(action["url"], f"/web/content/{exported.id}?download=true")
        original = exported.raw
        rows = list(openpyxl.load_workbook(io.BytesIO(original)).active.iter_rows(values_only=True))
        self.assertEqual({row[2] for row in rows[1:3]}, set(self.families.aid_bank_account_id.mapped("acc_number")))
        # The batch's chatter carries the file as exported.
        message = batch.message_ids.filtered(lambda m: exported in m.attachment_ids)
        self.assertIn("Bank transfer file exported by Board Member Noura", message.body)
        forged = openpyxl.Workbook()
        forged.active.append(["Family 1", "", saudi_iban(999), "Someone Else", 1000])
        buffer = io.BytesIO()
        forged.save(buffer)
        for user in (self.finance_a, self.finance_b, self.manager, self.accountant):
            # Sealed; the accountant cannot even open the batch's files.
            refusal = (AccessError, "") if user == self.accountant else (UserError, "stays as it is")
            for vals in (
                {"datas": base64.b64encode(buffer.getvalue())},
                {"raw": buffer.getvalue()},
                {"res_model": "atta.distribution.round", "res_id": batch.round_id.id},
            ):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaisesText(*refusal):
                    exported.with_user(user).write(vals)
            with self.subTest(user=user.login), self.assertRaisesText(*refusal):
                exported.with_user(user).unlink()
            # Exported again: the same file, whoever asks.
            if user != self.accountant:
                again = batch.with_user(user).action_export_transfer_file()
                self.assertEqual(again["url"], action["url"])
        self.env.invalidate_all()
        self.assertRecordValues(exported, [{"raw": original, "res_model": batch._name, "res_id": batch.id}])
        self.assertEqual(batch.transfer_file_id, exported)
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", batch._name), ("res_id", "=", batch.id)]), 1
        )
        # Renamed after the export: the bank is still given the file as it was exported.
        self.cheque_family.with_user(self.officer).web_save({"name": "Renamed Family"}, {})
        again = batch.with_user(self.manager).action_export_transfer_file()
        self.assertEqual(again["url"], action["url"])
        self.assertEqual(exported.raw, original)

    def test_a_manager_changes_neither_a_paid_account_nor_its_certificate(self):
        batch = self._signed_once()
        batch.with_user(self.finance_b).action_approve()
        family = self.families[0]
        account = family.aid_bank_account_id
        certificate = self._certificate(family)
        scan = self.env["ir.attachment"].search(
            [("res_model", "=", certificate._name), ("res_id", "=", certificate.id), ("res_field", "=", "attachment")]
        )
        self.assertTrue(account.allow_out_payment and certificate.verified and scan)
        iban, holder, content = account.acc_number, account.acc_holder_name, scan.raw
        as_manager = account.with_user(self.manager)
        # The number: Odoo's own lock on a trusted account refuses first; the holder: kept as paid.
        with self.assertRaisesText(UserError, "has been trusted"):
            as_manager.web_save({"acc_number": saudi_iban(997)}, {})
        with self.assertRaisesText(UserError, "kept as it was paid"):
            as_manager.web_save({"acc_holder_name": "Someone Else"}, {})
        for vals in ({"raw": b"%PDF-1.4 forged"}, {"res_id": self._certificate(self.families[1]).id}):
            with self.subTest(vals=list(vals)), self.assertRaisesText(UserError, "stays as it is"):
                scan.with_user(self.manager).write(vals)
        with self.assertRaisesText(UserError, "stays as it is"):
            scan.with_user(self.manager).unlink()
        self.env.invalidate_all()
        self.assertRecordValues(account, [{"acc_number": iban, "acc_holder_name": holder, "allow_out_payment": True}])
        self.assertEqual(scan.raw, content)
        self.assertTrue(certificate.verified)

    def test_a_name_corrected_on_the_file_leaves_the_paid_account_as_paid(self):
        batch = self._signed_once()
        batch.with_user(self.finance_b).action_approve()
        family = self.families[0]
        account = family.aid_bank_account_id
        holder = account.acc_holder_name
        family.with_user(self.officer).web_save({"name": "Family One Corrected"}, {})
        self.assertEqual(family.partner_id.name, "Family One Corrected")
        self.assertRecordValues(account, [{"acc_holder_name": holder, "allow_out_payment": True}])
        # The mark the rename sets, sent by a client, changes no paid holder either.
        account.with_user(self.manager).with_context(atta_contact_renamed=True).write({"acc_holder_name": "Other"})
        self.assertEqual(account.acc_holder_name, holder)
        # An account not yet paid follows the contact's name, as in Odoo.
        unpaid = self.env["res.partner.bank"].create(
            {"acc_number": saudi_iban(996), "partner_id": self.families[1].partner_id.id}
        )
        self.families[1].with_user(self.officer).web_save({"name": "Family Two Corrected"}, {})
        self.assertEqual(unpaid.acc_holder_name, "Family Two Corrected")

    def test_reading_the_iban_of_payment_lines_is_audited(self):
        batch = self._signed_once()
        Log = self.env["atta.audit.log"].sudo()
        Line = self.env["atta.distribution.line"].with_user(self.finance_b)
        last = Log.search([], limit=1).id
        rows = Line.search_read([("id", "in", batch.line_ids.ids)], ["iban", "account_holder", "beneficiary_id"])
        self.assertEqual(len(rows), len(batch.line_ids), rows)
        transfers = [row for row in rows if row["iban"]]
        self.assertTrue(transfers, rows)
        # A cheque's line captures no account: no holder either (not the name of an empty account).
        self.assertEqual({row["account_holder"] for row in rows if not row["iban"]} - {False}, set(), rows)
        entries = Log.search([("id", ">", last)])
        self.assertEqual(len(entries), 1)
        self.assertEqual(
            (entries.res_model, entries.user_id, entries.detail),
            (Line._name, self.finance_b, "IBAN of a payment line read"),
        )
        self.assertEqual(sorted(map(int, entries.res_ids.split(","))), sorted(batch.line_ids.ids))
        # The round's own figures are not bank data.
        last = Log.search([], limit=1).id
        Line.search_read([("id", "in", batch.line_ids.ids)], ["amount", "state"])
        self.assertFalse(Log.search([("id", ">", last)]))

    # ------------------------------------------------------------------ 7. one person, two logins
    def test_a_login_of_the_first_signer_signs_no_second_time_even_after_repointing(self):
        batch = self._signed_once()
        signer_partner = self.finance_a.partner_id
        # The first signer's login is moved to another contact after signing; a new login is given the old one.
        self.finance_a.partner_id = self.env["res.partner"].create({"name": "Someone new"})
        twin = new_test_user(self.env, "d_finance_twin2", groups="atta_distribution.group_finance_approver")
        twin.partner_id = signer_partner
        with self.assertRaisesText(AccessError, "your login belongs to the same person"):
            batch.with_user(twin).action_approve()
        self.assertRecordValues(batch, [{"state": "first_approved", "second_approver_id": False}])
        self.assertFalse(batch.sudo().line_ids.payment_id.move_id)

    # ------------------------------------------------------------------ defaults of the context set nothing guarded
    def test_the_steps_take_no_exception_receipt_or_batch_state_from_the_context(self):
        manager = self.manager.id
        round_ = (
            self.env["atta.distribution.round"]
            .with_user(self.officer)
            .create({"programme_id": self.allowance.id, "date": fields.Date.today()})
        )
        round_.with_context(
            default_signature_exception_by_id=manager,
            default_receipt_scan=base64.b64encode(OTHER_SIGNATURE),
            default_state="done",
        ).action_compute()
        self.assertTrue(round_.line_ids)
        self.assertFalse(round_.line_ids.filtered("signature_exception_by_id"))
        self.assertFalse(round_.line_ids.filtered("receipt_scan"))
        self.assertNotIn("done", round_.line_ids.mapped("state"))
        # The manager's approval makes the batch: it starts unsigned whatever the context says.
        round_.with_user(self.manager).with_context(default_state="first_approved").action_approve()
        self.assertEqual(round_.batch_id.state, "draft")
