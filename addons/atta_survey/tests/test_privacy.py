import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AttaSurveyCase


@tagged("post_install", "-at_install")
class TestDataSubjectRights(AttaSurveyCase):
    """See, copy, correct, destroy: the PDPL rights on a real file with requests and surveys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interview = cls.env.ref("atta_beneficiary.channel_interview")
        # Two similar people: nothing of the second may appear in the first one's answer.
        cls.other = cls._complete_beneficiary(
            "1000000016", "Fatimah Ali Alshehri", phone="0559876543", email="shehri@example.com"
        )
        for person, child in ((cls.beneficiary, "Omar Alqahtani"), (cls.other, "Yousef Alshehri")):
            cls.env["atta.family.member"].create(
                {"beneficiary_id": person.id, "name": child, "relation": "son", "health_notes": f"asthma of {child}"}
            )
            cls.env["atta.income.line"].create(
                {
                    "beneficiary_id": person.id,
                    "income_type": "social_security",
                    "amount": 1800,
                    "description": f"pension of {person.name}",
                }
            )
            cls.env["atta.interaction"].create(
                {
                    "name": f"Call from {person.name}",
                    "beneficiary_id": person.id,
                    "channel_id": cls.interview.id,
                    "description": f"{person.name} asked about rent",
                }
            ).action_done()
            cls.env["atta.beneficiary.consent"].create(
                {
                    "beneficiary_id": person.id,
                    "text_id": cls.env.ref("atta_beneficiary.consent_text_consent_v1").id,
                    "accepted_by_name": person.name,
                    "channel_id": cls.interview.id,
                }
            )

    def test_the_copy_holds_every_kind_of_record_of_the_person_and_nothing_of_another(self):
        request = self._deliver()
        self._deliver(beneficiary=self.other)
        data_request = self._data_request("copy")
        self.assertEqual(data_request.beneficiary_id, self.beneficiary, "found by the identity number")
        self.assertEqual(self.beneficiary.data_request_count, 1)
        action = self.beneficiary.action_view_data_requests()
        self.assertEqual(self.env["atta.data.request"].search(action["domain"]), data_request)
        self.assertEqual(action["context"]["default_identity_number"], "1000000008")
        self.assertEqual((data_request.deadline - data_request.received_on).days, 30)
        data_request.action_export()
        self.assertEqual(data_request.state, "done")
        self.assertTrue(data_request.answered_on_time)
        pdf = data_request.message_ids.attachment_ids.filtered(lambda a: a.name.endswith(".pdf"))
        xlsx = data_request.message_ids.attachment_ids.filtered(lambda a: a.name.endswith(".xlsx"))
        self.assertEqual((len(pdf), len(xlsx)), (1, 1))
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(xlsx.datas)), read_only=True)
        sheets = {sheet.title: list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in workbook.worksheets}
        for title in (
            "Beneficiary File",
            "Family Members",
            "Income and Expenses",
            "Documents",
            "Contacts with the Association",
            "Declarations and Consents",
            "Support Requests",
            "Committee Decisions",
            "Social Research",
            "Deliveries",
            "Satisfaction Surveys",
        ):
            self.assertTrue(sheets.get(title[:28]), f"{title} is in the copy and not empty")
        everything = " ".join(str(value) for rows in sheets.values() for row in rows for value in row)
        for mine in (
            "Fatimah Ali Alqahtani",
            "1000000008",
            "Omar Alqahtani",
            "asthma of Omar",
            request.name,
            "+966501234567",
        ):
            self.assertIn(mine, everything)
        other_request = self.other.request_ids
        for theirs in ("Alshehri", "1000000016", "0559876543", "+966559876543", other_request.name):
            self.assertNotIn(theirs, everything, "nothing of the other beneficiary")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "atta_beneficiary.action_report_personal_data",
                data_request.ids,
                data={"sections": self.beneficiary._atta_personal_data()},
            )[0]
            .decode()
        )
        self.assertIn("Omar Alqahtani", html)
        self.assertNotIn("Alshehri", html)
        audit = self.env["atta.audit.log"].search([("action", "=", "data_export")])
        self.assertEqual((audit.res_id, audit.user_id), (self.beneficiary.id, self.env.user))

    def test_a_correction_is_reviewed_then_applied_with_tracking(self):
        data_request = self._data_request("correction")
        name_field = self.env["ir.model.fields"]._get("atta.beneficiary", "name")
        phone_field = self.env["ir.model.fields"]._get("atta.beneficiary", "phone")
        bad = self.env["atta.data.request.change"].create(
            {"request_id": data_request.id, "field_id": phone_field.id, "proposed_value": "12"}
        )
        self.assertEqual(bad.current_value, "+966501234567")
        with self.assertRaises(ValidationError):
            data_request.action_apply_corrections()
        self.assertEqual(self.beneficiary.phone, "+966501234567", "a bad value changes nothing")
        bad.unlink()
        self.env["atta.data.request.change"].create(
            {"request_id": data_request.id, "field_id": name_field.id, "proposed_value": "Fatimah Ali Al-Qahtani"}
        )
        data_request.action_apply_corrections()
        self.assertEqual(self.beneficiary.name, "Fatimah Ali Al-Qahtani")
        self.assertEqual(data_request.state, "done")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        tracked = self.beneficiary.message_ids.tracking_value_ids.filtered(lambda t: t.field_id == name_field)
        self.assertEqual(tracked.old_value_char, "Fatimah Ali Alqahtani")
        actions = (
            self.env["atta.audit.log"]
            .search([("res_id", "=", self.beneficiary.id), ("res_model", "=", "atta.beneficiary")])
            .mapped("action")
        )
        self.assertIn("correction", actions)
        self.assertIn("change", actions, "a name change is a sensitive change")

    def test_destruction_is_refused_while_a_request_is_open_or_a_legal_hold_applies(self):
        open_request = self._request()
        open_request.action_submit()
        data_request = self._data_request("destruction")
        with self.assertRaisesText(UserError, open_request.name):
            data_request.action_destroy()
        self.assertEqual(self.beneficiary.name, "Fatimah Ali Alqahtani")
        open_request.write({"state": "cancelled", "cancel_reason": "withdrawn"})
        self.beneficiary.write({"legal_hold": True, "legal_hold_reason": "Audit of 1447"})
        with self.assertRaisesText(UserError, "Audit of 1447"):
            data_request.action_destroy()
        self.assertEqual(data_request.state, "received")
        data_request.refusal_reason = "A legal hold applies until the audit closes."
        data_request.action_refuse()
        self.assertEqual(data_request.state, "refused")

    def test_destruction_leaves_nothing_findable_and_keeps_amounts_and_decisions(self):
        request = self._deliver()
        answer = request.survey_answer_ids
        questions = {q.title: q for q in answer.survey_id.question_ids}
        answer._save_lines(questions["Overall, how satisfied are you with the service?"], "2")
        answer._save_lines(questions["Any suggestion or complaint?"], "Fatimah Ali Alqahtani was kept waiting")
        answer._mark_done()
        self.beneficiary.message_post(
            body="Visited Fatimah Ali Alqahtani at home, 0501234567", partner_ids=self.beneficiary.partner_id.ids
        )
        self.beneficiary.name = "Fatimah A. Alqahtani"  # tracking keeps the old value
        self.beneficiary.name = "Fatimah Ali Alqahtani"
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if those changes had been committed long before
        approved = request.approved_amount
        decision = request.decision_session_id.decision_ids.filtered(lambda d: d.request_id == request)
        self._data_request("destruction").with_user(self.manager).action_destroy()
        self.env.flush_all()
        self.env.cr.precommit.run()
        terms = (
            "Fatimah Ali Alqahtani",
            "Alqahtani",
            "1000000008",
            "501234567",
            "f@example.com",
            "Omar Alqahtani",
            "asthma of Omar",
        )
        self.assertEqual(self._found_anywhere(terms), {}, "no personal field of the person in any table")
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "atta.beneficiary.document")]))
        self.assertEqual(self.env["atta.beneficiary"].with_context(active_test=False).name_search("Alqahtani"), [])
        # What the association must keep.
        self.assertEqual(request.state, "delivered")
        self.assertEqual(request.approved_amount, approved)
        self.assertEqual(sum(request.delivery_ids.mapped("amount")), 2500)
        self.assertEqual(decision.result, "approved")
        self.assertEqual(answer.atta_score, 25.0, "the score stays in the statistics, without the person")
        self.assertIn("Alshehri", self.other.name, "the other beneficiary is untouched")
        log = self.env["atta.audit.log"].search([("action", "=", "destruction")])
        self.assertEqual((log.user_id, log.res_id), (self.manager, self.beneficiary.id))
        self.assertTrue(log.create_date)

    def _found_anywhere(self, terms):
        """Every text column of every table, searched for each term."""
        self.env.cr.execute("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('character varying', 'text', 'jsonb')""")
        found = {}
        for table, column in self.env.cr.fetchall():
            for term in terms:
                self.env.cr.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608 - table and column names come from the registry
                    (f"%{term}%",),
                )
                if self.env.cr.fetchone():
                    found.setdefault(f"{table}.{column}", []).append(term)
        return found

    def test_a_destruction_failing_half_way_leaves_the_file_as_it_was(self):
        self.beneficiary.message_post(body="Note about Fatimah")
        documents = self.beneficiary.document_ids
        Beneficiary = type(self.env["atta.beneficiary"])
        with (
            patch.object(Beneficiary, "_atta_wipe_messages", side_effect=RuntimeError("disk full")),
            self.assertRaises(RuntimeError),
        ):
            self._data_request("destruction").action_destroy()
        self.assertEqual(self.beneficiary.name, "Fatimah Ali Alqahtani")
        self.assertEqual(self.beneficiary.identity_number, "1000000008")
        self.assertEqual(self.beneficiary.document_ids, documents)
        self.assertTrue(all(documents.mapped("attachment")))
        self.assertEqual(self.beneficiary.family_member_ids.name, "Omar Alqahtani")
        self.assertFalse(self.env["atta.audit.log"].search([("action", "=", "destruction")]))

    def test_the_audit_trail_is_append_only_and_read_by_managers(self):
        self.officer.group_ids += self.env.ref("base.group_allow_export")
        self.beneficiary.with_user(self.officer).web_read({"name": {}})
        self.beneficiary.with_user(self.officer).web_read({"name": {}})
        self.beneficiary.with_user(self.officer).export_data(["name", "identity_number"])
        self.beneficiary.with_user(self.officer).write({"identity_number": "1000000032"})
        self.env["ir.actions.report"].with_user(self.officer)._render_qweb_pdf(
            "atta_beneficiary.action_report_beneficiary_file", self.beneficiary.ids
        )
        Log = self.env["atta.audit.log"]
        rows = Log.search(
            [
                ("res_model", "=", "atta.beneficiary"),
                ("res_id", "=", self.beneficiary.id),
                ("user_id", "=", self.officer.id),
            ]
        )
        self.assertEqual(
            sorted(rows.mapped("action")),
            ["change", "export", "print", "view"],
            "one view row for two opens in a short time",
        )
        self.assertEqual(rows.filtered(lambda r: r.action == "change").detail, "Identity Number")
        self.assertEqual(set(rows.mapped("reference")), {self.beneficiary.reference})
        for row in rows:
            self.assertNotIn("1000000032", row.detail or "", "values never go into the trail")
            self.assertNotIn("Fatimah", row.detail or "")
        with self.assertRaises(UserError):
            rows[0].write({"detail": "nothing happened"})
        with self.assertRaises(UserError):
            rows.unlink()
        with self.assertRaises(UserError):
            rows[0].sudo().write({"action": "view"})
        self.assertEqual(len(Log.with_user(self.manager).search([("id", "in", rows.ids)])), 4)
        for user in (self.officer, self.researcher, self.chair):
            self.assertFalse(Log.with_user(user).has_access("read"))
        self.assertFalse(Log.with_user(self.manager).has_access("create"))


@tagged("post_install", "-at_install")
class TestPersonalDataPdf(HttpCase, AttaSurveyCase):
    """wkhtmltopdf fetches the report's assets over HTTP: rendered for real, it needs the test server."""

    def test_the_copy_is_a_real_pdf(self):
        data_request = self.env["atta.data.request"].create(
            {
                "kind": "access",
                "identity_number": self.beneficiary.identity_number,
                "requester_name": self.beneficiary.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
            }
        )
        data_request.with_context(force_report_rendering=True).action_export()
        pdf = data_request.message_ids.attachment_ids.filtered(lambda a: a.name.endswith(".pdf"))
        self.assertTrue(base64.b64decode(pdf.datas).startswith(b"%PDF"))
