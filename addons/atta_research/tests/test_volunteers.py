"""Volunteer service [S5.6]: a checked identity, a versioned confidentiality pledge, tasks on visits and
deliveries with their hours, and a volunteer account that sees its own tasks and nothing of the files.

The attacks run as the volunteer through the calls the web client makes; after each refusal the record
is checked unchanged.
"""

import base64
import io

import openpyxl
import psycopg2
from stdnum import luhn

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.atta_beneficiary.tools.roles import VOLUNTEER

from .common import PDF_BYTES, AttaResearchCase

# AccessError and ValidationError are both UserErrors: a refusal of any kind, with its message.
REFUSED = UserError

# What a volunteer may do on each model (read, write, create, unlink), beyond the rights every employee has.
VOLUNTEER_CELLS = {
    "atta.audit.log": "----",
    "atta.beneficiary": "----",
    "atta.beneficiary.consent": "----",
    "atta.beneficiary.document": "----",
    "atta.committee": "----",
    "atta.committee.decision": "----",
    "atta.committee.session": "----",
    "atta.committee.vote": "----",
    "atta.expense.line": "----",
    "atta.family.member": "----",
    "atta.income.line": "----",
    "atta.interaction": "----",
    "atta.letter": "----",
    "atta.research.visit": "r---",
    "atta.research.visit.line": "----",
    "atta.eligibility.score.line": "----",
    "atta.support.delivery": "r---",
    "atta.support.request": "----",
    "atta.volunteer": "r---",
    "atta.volunteer.task": "rw--",
}
OPERATIONS = ("read", "write", "create", "unlink")
# The files behind a task: a volunteer has no route to any of them.
FILE_MODELS = [model for model, cell in VOLUNTEER_CELLS.items() if cell == "----"]


def identity(body):
    """A valid Saudi national ID from its first nine digits."""
    return body + luhn.calc_check_digit(body)


@tagged("post_install", "-at_install")
class TestVolunteers(HttpCase, AttaResearchCase):
    """An HttpCase too: a file is also asked for by its address (/web/content), as the browser does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary.write({"street": "12 King Fahd Road", "city": "Riyadh"})
        cls.pledge_v1 = cls.env.ref("atta_research.policy_volunteer_pledge_v1")
        cls.pledge_v1.write(
            {"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"}
        )
        cls.pledge_v1.with_user(cls.manager).action_approve()
        user = lambda login, name: new_test_user(  # noqa: E731
            cls.env, login, groups=VOLUNTEER, name=name, lang="en_US"
        )
        cls.volunteer_user = user("r_volunteer", "Volunteer Saad")
        cls.other_volunteer_user = user("r_volunteer2", "Volunteer Noura")
        cls.volunteer = cls._volunteer("Saad Alharbi", identity("100000012"), cls.volunteer_user)
        cls.other_volunteer = cls._volunteer("Noura Alotaibi", identity("100000013"), cls.other_volunteer_user)

    @classmethod
    def _volunteer(cls, name, number, user=None, pledge=True):
        """Registered by the officer; the volunteer accepts the pledge from their own account."""
        volunteer = (
            cls.env["atta.volunteer"]
            .with_user(cls.officer)
            .create(
                {
                    "name": name,
                    "identity_number": number,
                    "phone": "0551234567",
                    "user_id": user.id if user else False,
                    "skills": "Driving, carrying",
                    "availability": "Weekday evenings",
                }
            )
        )
        if pledge:
            volunteer.with_user(user or cls.officer).action_accept_pledge()
        return volunteer.with_user(cls.env.user)

    def _visit(self):
        """A research visit planned by the assigned researcher."""
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        return visit.with_user(self.env.user)

    def _delivery(self):
        """A draft delivery of an approved request, recorded by the officer."""
        request = self._to_committee(self._request())
        self._decide(request)
        self._register(request.beneficiary_id)
        delivery = (
            self.env["atta.support.delivery"]
            .with_user(self.officer)
            .create({"request_id": request.id, "amount": 1000, "items": "Two food baskets and a blanket"})
        )
        return delivery.with_user(self.env.user)

    def _task(self, volunteer, visit=None, delivery=None, **values):
        """The officer gives the volunteer a task on a visit or a delivery."""
        task = (
            self.env["atta.volunteer.task"]
            .with_user(self.officer)
            .create(
                dict(
                    {
                        "volunteer_id": volunteer.id,
                        "visit_id": visit.id if visit else False,
                        "delivery_id": delivery.id if delivery else False,
                        "planned_date": "2026-12-01 09:00:00",
                        "instructions": "Bring the blankets from the store",
                    },
                    **values,
                )
            )
        )
        return task.with_user(self.env.user)

    def assertRefused(self, call, exceptions=REFUSED):
        with self.assertRaises(exceptions):
            call()

    # ------------------------------------------------------------------ register and pledge
    def test_identity_is_checked_like_a_beneficiarys(self):
        Volunteer = self.env["atta.volunteer"].with_user(self.officer)
        with self.assertRaisesText(ValidationError, "check digit is wrong"):
            Volunteer.create({"name": "Typo", "identity_number": "1000000121"})
        with self.assertRaisesText(ValidationError, "Iqama starts with 2"):
            Volunteer.create({"name": "Wrong type", "identity_number": identity("100000014"), "identity_type": "iqama"})
        with self.assertRaisesText(ValidationError, "is not a phone number"):
            Volunteer.create({"name": "Bad phone", "identity_number": identity("100000014"), "phone": "12"})
        # Arabic-Indic digits are the same identity: one volunteer per identity.
        arabic = self.volunteer.identity_number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation) as caught,
            self.env.cr.savepoint(),
        ):
            Volunteer.create({"name": "Saad Again", "identity_number": arabic})
        self.assertIn("already registered", Volunteer._sql_error_to_message(caught.exception))
        self.assertEqual(self.volunteer.phone, "+966551234567")
        self.assertEqual(Volunteer.search_count([("identity_number", "=", self.volunteer.identity_number)]), 1)

    def test_the_pledge_is_versioned_and_a_new_version_is_accepted_before_new_tasks(self):
        visit = self._visit()
        self.assertTrue(self.volunteer.pledge_current)
        self.assertEqual(self.volunteer.pledge_version_id, self.pledge_v1)
        self.assertTrue(self.volunteer.pledge_date)
        self.assertIn("Confidentiality pledge, version 1, accepted", self.volunteer.message_ids[0].body)
        first_task = self._task(self.volunteer, visit)

        newcomer = self._volunteer("Huda Newcomer", identity("100000015"), pledge=False)
        with self.assertRaisesText(UserError, "has not accepted the confidentiality pledge in force (1)"):
            self._task(newcomer, visit)

        # The board approves version 2: version 1 no longer binds, new tasks wait for the new acceptance.
        version_2 = self.pledge_v1.copy({"name": "2", "board_session_number": "15"})
        version_2.with_user(self.manager).action_approve()
        self.assertEqual(self.pledge_v1.state, "superseded")
        self.assertFalse(self.volunteer.pledge_current)
        self.assertIn(self.volunteer, self.env["atta.volunteer"].search([("pledge_current", "=", False)]))
        with self.assertRaisesText(UserError, "has not accepted the confidentiality pledge in force (2)"):
            self._task(self.volunteer, visit)
        self.assertEqual(first_task.state, "planned", "a task already given is not withdrawn")

        # Nobody types a pledge in: not the officer, not the volunteer.
        as_officer = self.volunteer.with_user(self.officer)
        self.assertRefused(lambda: as_officer.write({"pledge_version_id": version_2.id}))
        self.assertRefused(lambda: as_officer.web_save({"pledge_date": "2026-01-01 10:00:00"}, {}))
        self.assertRefused(
            lambda: self.volunteer.with_user(self.volunteer_user).write({"pledge_version_id": version_2.id})
        )
        self.assertRefused(lambda: self.volunteer.with_user(self.other_volunteer_user).action_accept_pledge())
        self.assertEqual(self.volunteer.pledge_version_id, self.pledge_v1)

        self.volunteer.with_user(self.volunteer_user).action_accept_pledge()
        self.assertEqual(self.volunteer.pledge_version_id, version_2)
        self.assertTrue(self._task(self.volunteer, visit))

    # ------------------------------------------------------------------ tasks and hours
    def test_a_task_done_counts_its_hours_and_logs_what_the_family_asked(self):
        task = self._task(self.volunteer, self._visit())
        as_volunteer = task.with_user(self.volunteer_user)
        with self.assertRaisesText(UserError, "Write the hours"):
            as_volunteer.action_done()
        as_volunteer.web_save(
            {"hours": 2.5, "report": "Carried the forms", "contact_note": "The mother asks about school bags"}, {}
        )
        as_volunteer.action_done()
        self.assertEqual(task.state, "done")
        self.assertEqual((self.volunteer.task_count, self.volunteer.hours_done), (1, 2.5))
        contact = task.interaction_id
        self.assertEqual(contact.channel_id, self.env.ref("atta_beneficiary.channel_volunteer"))
        self.assertEqual(contact.beneficiary_id, self.beneficiary)
        self.assertEqual(contact.description, "The mother asks about school bags")
        self.assertEqual(contact.user_id, self.officer, "the officer who gave the task follows the contact up")
        self.assertIn("Saad Alharbi", contact.name)
        # The task is kept as it was done; the contact is the file's, out of the volunteer's reach.
        self.assertRefused(lambda: as_volunteer.write({"hours": 9}))
        self.assertRefused(lambda: as_volunteer.action_done())
        self.assertRefused(lambda: contact.with_user(self.volunteer_user).read(["description"]))
        self.assertEqual(self.volunteer.hours_done, 2.5)

    def test_hours_are_exported_per_volunteer(self):
        numbers = {}
        for hours, volunteer in ((2.0, self.volunteer), (1.5, self.volunteer), (3.0, self.other_volunteer)):
            task = self._task(volunteer, self._visit())
            numbers[hours] = task.request_id.name
            task.with_user(self.officer).write({"hours": hours})
            task.with_user(self.officer).action_done()
        self._task(self.volunteer, self._visit(), hours=8)  # planned, not counted
        volunteers = self.volunteer + self.other_volunteer
        self.assertRefused(lambda: volunteers.with_user(self.volunteer_user).action_export_hours())
        action = volunteers.with_user(self.officer).action_export_hours()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        tasks = list(workbook["Tasks"].iter_rows(values_only=True))
        self.assertEqual(tasks[0], ("Volunteer", "Task", "Request", "Date", "Date (Hijri)", "Hours"))
        self.assertEqual(
            [(row[0], row[1], row[2], row[5]) for row in tasks[1:]],
            [
                ("Noura Alotaibi", "Research visit", numbers[3.0], 3),
                ("Saad Alharbi", "Research visit", numbers[2.0], 2),
                ("Saad Alharbi", "Research visit", numbers[1.5], 1.5),
            ],
        )
        self.assertEqual({row[3] for row in tasks[1:]}, {"2026-12-01"})
        self.assertTrue(all(row[4] for row in tasks[1:]), "each date also in Hijri")
        totals = list(workbook["Totals"].iter_rows(values_only=True))
        self.assertEqual(totals[1:], [("Noura Alotaibi", 1, 3), ("Saad Alharbi", 2, 3.5)])
        # The spreadsheet is the officer's: another account cannot open it.
        self.assertRefused(lambda: attachment.with_user(self.volunteer_user).read(["datas"]), AccessError)

    # ------------------------------------------------------------------ what a volunteer sees
    def test_a_volunteer_reads_only_the_visits_and_deliveries_assigned_to_them(self):
        visit, other_visit = self._visit(), self._visit()
        delivery, other_delivery = self._delivery(), self._delivery()
        task = self._task(self.volunteer, visit)
        delivery_task = self._task(self.volunteer, delivery=delivery)
        self._task(self.other_volunteer, other_visit)
        Visit = self.env["atta.research.visit"].with_user(self.volunteer_user)
        Delivery = self.env["atta.support.delivery"].with_user(self.volunteer_user)
        Task = self.env["atta.volunteer.task"].with_user(self.volunteer_user)

        self.assertEqual(Visit.search([]), visit)
        self.assertEqual(Delivery.search([]), delivery)
        self.assertEqual(Task.search([]), task + delivery_task)
        self.assertEqual([r["id"] for r in Visit.search_read([], ["visit_date"])], visit.ids)
        self.assertEqual([r[0] for r in Visit.name_search("")], visit.ids)
        self.assertEqual(Visit.search_count([]), 1)
        self.assertEqual(self.env["atta.volunteer"].with_user(self.volunteer_user).search([]), self.volunteer)
        for record in (other_visit, other_delivery, self.other_volunteer, other_visit.volunteer_task_ids):
            with self.subTest(record=record):
                self.assertRefused(
                    lambda record=record: record.with_user(self.volunteer_user).read(["id"]), AccessError
                )

        # What the task needs: when, where, what to bring, the request number.
        task_values = task.with_user(self.volunteer_user).web_read(
            {
                "address": {},
                "instructions": {},
                "planned_date_hijri": {},
                "request_id": {"fields": {"display_name": {}}},
            }
        )[0]
        self.assertEqual(task_values["address"], "12 King Fahd Road, Riyadh")
        self.assertEqual(task_values["request_id"]["display_name"], visit.request_id.name)
        self.assertTrue(task_values["planned_date_hijri"])
        visit_values = visit.with_user(self.volunteer_user).web_read(
            {"display_name": {}, "visit_date": {}, "visit_type": {}, "researcher_id": {"fields": {"display_name": {}}}}
        )[0]
        self.assertEqual(visit_values["display_name"], visit.request_id.name)
        self.assertEqual(visit_values["researcher_id"]["display_name"], "Researcher Amal")
        self.assertEqual(delivery.with_user(self.volunteer_user).read(["items"])[0]["items"], delivery.items)

        # A cancelled task closes the visit again.
        task.with_user(self.officer).action_cancel()
        self.assertFalse(Visit.search([]))
        self.assertRefused(lambda: visit.with_user(self.volunteer_user).read(["visit_date"]), AccessError)

    def test_a_volunteer_prints_no_paper_of_the_visits_and_deliveries_they_help_with(self):
        visit, delivery = self._visit(), self._delivery()
        self._task(self.volunteer, visit)
        self._task(self.volunteer, delivery=delivery)
        Report = self.env["ir.actions.report"].with_user(self.volunteer_user)
        for report, record in (
            ("atta_research.report_research_visit", visit),
            ("atta_research.report_support_delivery", delivery),
        ):
            with self.subTest(report=report), self.assertRaisesRegex(AccessError, "volunteer does not print"):
                Report._render_qweb_html(report, record.ids)
        # The officer prints the same visit form.
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("atta_research.report_research_visit", visit.ids)[0]
        )
        self.assertIn(visit.request_id.name, html.decode())

    def test_a_volunteer_reads_nothing_of_the_household_behind_a_task(self):
        visit, delivery = self._visit(), self._delivery()
        visit.with_user(self.researcher).write({"findings": "<p>Damp walls</p>", "recommendation": "approve"})
        visit.message_post(body="The father is ill; see the hospital report.", message_type="comment")
        self._task(self.volunteer, visit)
        self._task(self.volunteer, delivery=delivery)
        as_visit = visit.with_user(self.volunteer_user)
        as_delivery = delivery.with_user(self.volunteer_user)
        for name in (
            "beneficiary_id",
            "findings",
            "monthly_income",
            "per_capita_net_income",
            "household_size",
            "line_ids",
            "score",
            "score_line_ids",
            "recommendation",
            "recommended_amount",
            "category_ids",
            "attachment_ids",
            "message_ids",
            "activity_ids",
            "volunteer_task_ids",
        ):
            with self.subTest(field=name):
                self.assertRefused(lambda name=name: as_visit.read([name]), AccessError)
                self.assertRefused(lambda name=name: as_visit.web_read({name: {}}), AccessError)
                self.assertRefused(lambda name=name: as_visit.search([(name, "!=", False)]), AccessError)
                self.assertNotIn(name, as_visit.fields_get())
        for name in ("beneficiary_id", "amount", "receipt", "delivered_by_id", "message_ids"):
            with self.subTest(field=name):
                self.assertRefused(lambda name=name: as_delivery.read([name]), AccessError)
        self.assertRefused(
            lambda: as_visit.formatted_read_group([], ["beneficiary_id"], ["monthly_income:sum"]), AccessError
        )
        # Nor through the chatter, its tracking, or the files.
        Message = self.env["mail.message"].with_user(self.volunteer_user)
        for model, record in (("atta.research.visit", visit), ("atta.support.delivery", delivery)):
            with self.subTest(model=model):
                self.assertFalse(Message.search([("model", "=", model), ("res_id", "=", record.id)]))
                self.assertFalse(
                    self.env["ir.attachment"]
                    .with_user(self.volunteer_user)
                    .search([("res_model", "=", model), ("res_id", "=", record.id)])
                )
        some_message = self.env["mail.message"].search(
            [("model", "=", "atta.research.visit"), ("res_id", "=", visit.id)], limit=1
        )
        self.assertRefused(lambda: some_message.with_user(self.volunteer_user).read(["body"]), AccessError)
        partner = self.beneficiary.partner_id.with_user(self.volunteer_user)
        self.assertFalse(partner.search([("id", "=", partner.id)]))

    def test_a_volunteer_has_no_route_to_the_files_and_changes_only_their_report(self):
        visit, delivery = self._visit(), self._delivery()
        task = self._task(self.volunteer, visit)
        self._task(self.volunteer, delivery=delivery)
        other_task = self._task(self.other_volunteer, self._visit())
        for model in FILE_MODELS:
            Model = self.env[model].with_user(self.volunteer_user)
            with self.subTest(model=model):
                self.assertRefused(lambda Model=Model: Model.search_read([], ["id"]), AccessError)
                self.assertRefused(lambda Model=Model: Model.name_search(""), AccessError)
                self.assertRefused(lambda Model=Model: Model.web_search_read([], {"id": {}}), AccessError)
        self.assertRefused(lambda: self.beneficiary.with_user(self.volunteer_user).read(["name"]), AccessError)

        # Nothing of the visit, the delivery or the request changes through the volunteer.
        as_visit, as_delivery = visit.with_user(self.volunteer_user), delivery.with_user(self.volunteer_user)
        self.assertRefused(lambda: as_visit.write({"visit_date": "2030-01-01 10:00:00"}))
        self.assertRefused(lambda: as_visit.web_save({"recommendation": "reject"}, {}))
        self.assertRefused(lambda: as_visit.action_compute_score())
        self.assertRefused(lambda: as_visit.action_done())
        self.assertRefused(lambda: as_visit.action_cancel())
        self.assertRefused(lambda: as_visit.unlink())
        self.assertRefused(lambda: as_delivery.write({"amount": 5}))
        self.assertRefused(lambda: as_delivery.action_confirm())
        self.assertRefused(lambda: as_delivery.unlink())
        self.assertRefused(
            lambda: (
                self.env["atta.support.delivery"]
                .with_user(self.volunteer_user)
                .create({"request_id": delivery.request_id.id, "amount": 10})
            )
        )
        self.assertRefused(lambda: visit.request_id.with_user(self.volunteer_user).action_send_to_committee())
        self.assertEqual((visit.state, visit.recommendation), ("planned", False))
        self.assertEqual((delivery.state, delivery.amount), ("draft", 1000))

        # Their own task: hours, report and what the family asked; nothing else, and no one else's.
        as_task = task.with_user(self.volunteer_user)
        Task = self.env["atta.volunteer.task"].with_user(self.volunteer_user)
        self.assertRefused(
            lambda: Task.create(
                {"volunteer_id": self.volunteer.id, "visit_id": visit.id, "planned_date": "2026-12-02 09:00:00"}
            )
        )
        self.assertRefused(lambda: as_task.write({"planned_date": "2030-01-01 10:00:00"}))
        self.assertRefused(lambda: as_task.write({"volunteer_id": self.other_volunteer.id}))
        self.assertRefused(lambda: as_task.web_save({"state": "done"}, {}))
        self.assertRefused(lambda: as_task.action_cancel())
        self.assertRefused(lambda: as_task.unlink())
        self.assertRefused(lambda: other_task.with_user(self.volunteer_user).write({"hours": 3}))
        self.assertRefused(lambda: other_task.with_user(self.volunteer_user).action_done())
        self.assertRefused(lambda: self.other_volunteer.with_user(self.volunteer_user).read(["identity_number"]))
        self.assertRefused(lambda: self.volunteer.with_user(self.volunteer_user).write({"skills": "Anything"}))
        as_task.write({"hours": 1.5, "report": "Went with the researcher"})
        self.assertEqual((task.state, task.hours, other_task.hours), ("planned", 1.5, 0))

    def test_the_volunteers_rights_per_model(self):
        for model, cell in VOLUNTEER_CELLS.items():
            for letter, operation in zip(cell, OPERATIONS, strict=True):
                with self.subTest(model=model, operation=operation):
                    allowed = self.env[model].with_user(self.volunteer_user).has_access(operation)
                    self.assertEqual(allowed, letter != "-")

    def test_a_volunteer_has_an_employees_rights_and_only_the_volunteer_services_beyond(self):
        """On every Atta model, installed now or later, a volunteer may do what any employee may, plus their tasks."""
        beyond = {model for model, cell in VOLUNTEER_CELLS.items() if cell != "----"}
        models = [
            name
            for name, model in self.env.registry.items()
            if name.startswith("atta.") and not model._abstract and not model._transient
        ]
        for model in models:
            for operation in OPERATIONS:
                allowed = self.env[model].with_user(self.volunteer_user).has_access(operation)
                with self.subTest(model=model, operation=operation):
                    if model in beyond:
                        self.assertEqual(allowed, VOLUNTEER_CELLS[model][OPERATIONS.index(operation)] != "-")
                    else:
                        self.assertEqual(allowed, self.env[model].with_user(self.employee).has_access(operation))

    # ------------------------------------------------------------------ the routes a reviewer tried
    def test_a_volunteer_cannot_point_their_task_at_another_file_in_the_form(self):
        """The form's onchange computes the address and request number of whatever visit or delivery it is sent."""
        task = self._task(self.volunteer, self._visit())
        other_visit, other_delivery = self._visit(), self._delivery()
        self.assertNotEqual(other_visit.request_id.beneficiary_id, task.request_id.beneficiary_id)
        other_visit.beneficiary_id.write({"street": "7 Olaya Street", "city": "Jeddah"})
        spec = {"address": {}, "request_id": {"fields": {"display_name": {}}}}
        as_task = task.with_user(self.volunteer_user)
        for values in (
            {"visit_id": other_visit.id},
            {"visit_id": False, "delivery_id": other_delivery.id},
            {"volunteer_id": self.other_volunteer.id},
        ):
            with self.subTest(values=values), self.assertRaisesText(AccessError, "relations officer"):
                as_task.onchange(values, list(values), spec)
        # What the volunteer types in their form still goes through, and shows their own task only.
        result = as_task.onchange({"hours": 2.0, "report": "Carried the forms"}, ["hours"], spec)
        self.assertNotIn("Olaya", str(result))
        self.assertNotIn(other_visit.request_id.name, str(result))
        self.assertEqual(task.hours, 0, "an onchange saves nothing")

    def test_a_researcher_cannot_read_another_researchers_request_through_a_new_reports_form(self):
        request = self._to_research(self._request())
        self.assertEqual(request.researcher_id, self.researcher)
        Visit = self.env["atta.research.visit"].with_user(self.other_researcher)
        for spec in ({"beneficiary_id": {}}, {"beneficiary_id": {"fields": {"display_name": {}}}}):
            with self.subTest(spec=spec), self.assertRaises(AccessError):
                Visit.onchange({"request_id": request.id}, ["request_id"], spec)
        # The assigned researcher's own form fills in the household as before.
        result = (
            self.env["atta.research.visit"]
            .with_user(self.researcher)
            .onchange({"request_id": request.id}, ["request_id"], {"beneficiary_id": {}})
        )
        self.assertEqual(result["value"]["beneficiary_id"], request.beneficiary_id.id)

    def _delivery_with_files(self):
        """A delivery whose signed receipt and a file in its chatter were attached by the officer."""
        delivery = self._delivery()
        as_officer = delivery.with_user(self.officer)
        as_officer.write({"receipt": base64.b64encode(PDF_BYTES), "receipt_name": "receipt.pdf"})
        as_officer.message_post(
            body="The family's bank letter", message_type="comment", attachments=[("bank.txt", b"IBAN-SA-9999")]
        )
        Attachment = self.env["ir.attachment"]
        receipt = Attachment.search(
            [("res_model", "=", delivery._name), ("res_id", "=", delivery.id), ("res_field", "=", "receipt")]
        )
        chatter_file = Attachment.search([("res_model", "=", delivery._name), ("res_id", "=", delivery.id)])
        self.assertEqual((len(receipt), len(chatter_file)), (1, 1))
        return delivery, receipt, chatter_file

    def test_a_volunteer_opens_no_file_of_a_delivery_they_help_with(self):
        delivery, receipt, chatter_file = self._delivery_with_files()
        self._task(self.volunteer, delivery=delivery)
        files = receipt + chatter_file
        Attachment = self.env["ir.attachment"].with_user(self.volunteer_user)
        for attachment in files:
            with self.subTest(file=attachment.name):
                self.assertRefused(
                    lambda attachment=attachment: attachment.with_user(self.volunteer_user).read(["raw"])
                )
                self.assertRefused(
                    lambda attachment=attachment: attachment.with_user(self.volunteer_user).read(["datas"]), AccessError
                )
        for domain in (
            [("id", "in", files.ids)],
            [("res_model", "=", delivery._name)],
            [("res_model", "=", delivery._name), ("res_id", "=", delivery.id), ("res_field", "=", "receipt")],
            [("res_field", "=", "receipt")],
            [],
        ):
            with self.subTest(domain=domain):
                found = Attachment.search_read(domain, ["name", "raw"])
                self.assertFalse({row["id"] for row in found} & set(files.ids))
        # The officer still opens both.
        self.assertEqual(len(files.with_user(self.officer).read(["raw"])), 2)

    def test_a_volunteer_downloads_no_file_of_a_delivery_they_help_with(self):
        delivery, receipt, chatter_file = self._delivery_with_files()
        self._task(self.volunteer, delivery=delivery)
        self.authenticate("r_volunteer", "r_volunteer")
        for attachment, content in ((receipt, PDF_BYTES), (chatter_file, b"IBAN-SA-9999")):
            for url in (f"/web/content/{attachment.id}", f"/web/content/{attachment.id}?download=true"):
                with self.subTest(url=url):
                    response = self.url_open(url)
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(content, response.content)
        response = self.url_open(f"/web/content/atta.support.delivery/{delivery.id}/receipt")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(PDF_BYTES, response.content)
        # The officer downloads the receipt by the same address.
        self.authenticate("r_officer", "r_officer")
        response = self.url_open(f"/web/content/{receipt.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF_BYTES)

    def test_the_hours_of_a_task_are_those_of_one_day_at_most(self):
        task = self._task(self.volunteer, self._visit())
        as_task = task.with_user(self.volunteer_user)
        for hours in (100000, 24.5):
            with self.subTest(hours=hours), self.assertRaisesText(ValidationError, "at most 24"):
                as_task.write({"hours": hours})
        with self.assertRaisesText(ValidationError, "at most 24"):
            as_task.web_save({"hours": 25}, {})
        self.assertEqual(task.hours, 0)
        as_task.write({"hours": 24})
        as_task.action_done()
        self.assertEqual(self.volunteer.hours_done, 24)

    def test_a_task_closed_no_longer_shows_the_address(self):
        done_task = self._task(self.volunteer, self._visit())
        cancelled_task = self._task(self.volunteer, delivery=self._delivery())
        cancelled_task.request_id.beneficiary_id.write({"street": "7 Olaya Street", "city": "Jeddah"})
        for task in (done_task, cancelled_task):
            self.assertTrue(task.with_user(self.volunteer_user).read(["address"])[0]["address"])
        done_task.with_user(self.volunteer_user).write({"hours": 2})
        done_task.with_user(self.volunteer_user).action_done()
        cancelled_task.with_user(self.officer).action_cancel()
        for task in (done_task, cancelled_task):
            with self.subTest(state=task.state):
                values = task.with_user(self.volunteer_user).web_read({"address": {}})[0]
                self.assertFalse(values["address"])

    def test_an_archived_volunteer_sees_no_task_visit_or_delivery(self):
        visit, delivery = self._visit(), self._delivery()
        task = self._task(self.volunteer, visit)
        delivery_task = self._task(self.volunteer, delivery=delivery)
        self.volunteer.with_user(self.officer).write({"active": False})
        Task = self.env["atta.volunteer.task"].with_user(self.volunteer_user)
        self.assertFalse(Task.search([]))
        self.assertFalse(self.env["atta.research.visit"].with_user(self.volunteer_user).search([]))
        self.assertFalse(self.env["atta.support.delivery"].with_user(self.volunteer_user).search([]))
        for record in (task, delivery_task, visit, delivery):
            with self.subTest(record=record):
                self.assertRefused(
                    lambda record=record: record.with_user(self.volunteer_user).read(["id"]), AccessError
                )
        self.assertRefused(lambda: task.with_user(self.volunteer_user).write({"hours": 3}), AccessError)
        # Reactivated, they see their tasks again.
        self.volunteer.with_user(self.officer).write({"active": True})
        self.assertEqual(Task.search([]), task + delivery_task)

    def test_a_volunteer_does_not_see_who_follows_a_visit_or_a_delivery(self):
        visit, delivery = self._visit(), self._delivery()
        self._task(self.volunteer, visit)
        self._task(self.volunteer, delivery=delivery)
        Followers = self.env["mail.followers"]
        followers = Followers.search(
            [
                ("res_model", "in", ("atta.research.visit", "atta.support.delivery")),
                ("res_id", "in", visit.ids + delivery.ids),
            ]
        )
        self.assertTrue(followers.filtered(lambda f: f.res_model == "atta.research.visit"))
        as_volunteer = Followers.with_user(self.volunteer_user)
        for domain in ([("res_model", "=", "atta.research.visit")], [("id", "in", followers.ids)], []):
            with self.subTest(domain=domain):
                found = as_volunteer.search_read(domain, ["res_model", "res_id", "partner_id"])
                self.assertFalse({row["id"] for row in found} & set(followers.ids))
        self.assertRefused(lambda: followers.with_user(self.volunteer_user).read(["partner_id"]), AccessError)
        # The researcher still sees who follows their visit.
        self.assertTrue(
            Followers.with_user(self.researcher).search(
                [("res_model", "=", "atta.research.visit"), ("res_id", "=", visit.id)]
            )
        )
