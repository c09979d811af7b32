import base64
from datetime import datetime, time
from zoneinfo import ZoneInfo

from stdnum import luhn

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.atta_research.tests.common import PDF_BYTES

ASSOCIATION = {"name": "جمعية عطاء للخدمات المجتمعية", "city": "الرياض", "phone": "+966 11 234 5678"}
RIYADH = ZoneInfo("Asia/Riyadh")


@tagged("post_install", "-at_install")
class TestDayOneTours(HttpCase):
    """Day one at the association: a database made as the first start makes it, staff given their roles
    under Settings → Users, and each role's first day walked from its start screen, in Arabic.

    Nothing else is set up by an administrator: what a tour needs from another role's work is done
    beforehand AS that role, through the methods the web client calls.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sample_data = cls.env["ir.module.module"].search([("name", "=", "atta_research")]).demo
        if cls.sample_data:
            # Each test skips itself (setUp); the first start is not run over the sample data.
            return
        # config/start-atta.sh setup: Arabic loaded, the association configured, the admin working in
        # Arabic in Riyadh, and the committee deciding every support type.
        cls.env["res.lang"]._activate_lang("ar_001")
        atta = cls.env["ir.module.module"].search([("name", "=like", "atta_%"), ("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(atta.mapped("name"), ["ar_001"], overwrite=True)
        cls.env["website"].get_current_website()._atta_setup_association(ASSOCIATION)
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write({"lang": "ar_001", "tz": "Asia/Riyadh"})
        cls.committee = cls.env["atta.committee"]._atta_setup_default_committee()
        cls.env["res.company"]._atta_setup_papers()
        # Settings → Users: a name, a login, the Atta role ticked; the admin's language and time zone.
        cls.officer = cls._staff("huda", "هدى الموظفة", "atta_beneficiary.group_relations_officer")
        cls.researcher = cls._staff("amal", "أمل الباحثة", "atta_research.group_social_researcher")
        cls.volunteer_user = cls._staff("saad", "سعد المتطوع", "atta_research.group_volunteer")

    @classmethod
    def _staff(cls, login, name, group):
        return cls.env["res.users"].create(
            {
                "name": name,
                "login": login,
                "password": login,
                "lang": "ar_001",
                "tz": "Asia/Riyadh",
                "group_ids": [Command.link(cls.env.ref(group).id)],
            }
        )

    def setUp(self):
        super().setUp()
        if self.sample_data:
            self.skipTest("day one starts from a fresh database: this one holds the sample data")

    # ------------------------------------------------------------------ what other roles did before
    def _family_file(self, name, number):
        """The officer's walk-in file with the papers the family brought, scanned, and the signed declaration."""
        officer_env = self.env(user=self.officer)
        family = officer_env["atta.beneficiary"].create(
            {"name": name, "identity_number": number + luhn.calc_check_digit(number), "phone": "0551234568"}
        )
        self._papers(family)
        return family

    def _papers(self, family):
        officer_env = self.env(user=self.officer)
        food = self.env.ref("atta_research.support_type_food_basket")
        documents = officer_env["atta.beneficiary.document"].create(
            [
                {
                    "beneficiary_id": family.id,
                    "document_type_id": doc_type.id,
                    "attachment": base64.b64encode(PDF_BYTES),
                    "attachment_name": "scan.pdf",
                }
                for doc_type in food.required_document_type_ids
            ]
        )
        documents.action_verify()
        officer_env["atta.beneficiary.consent"].create(
            {
                "beneficiary_id": family.id,
                "text_id": self.env.ref("atta_beneficiary.consent_text_declaration_v1").id,
                "accepted_by_name": family.name,
                "channel_id": self.env.ref("atta_beneficiary.channel_interview").id,
            }
        )

    def _referred(self, family, visit_date):
        """The officer's request for a food basket, referred to the researcher with the visit planned."""
        request = (
            self.env["atta.support.request"]
            .with_user(self.officer)
            .create(
                {"beneficiary_id": family.id, "support_type_id": self.ref("atta_research.support_type_food_basket")}
            )
        )
        request.action_submit()
        request.action_start_verification()
        action = request.action_open_referral()
        Wizard = self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"])
        Wizard.create({"researcher_id": self.researcher.id, "visit_date": visit_date}).action_confirm()
        return request.with_user(self.env.user)

    def _today_at(self, hour):
        """Today at `hour` in Riyadh, as the stored UTC datetime."""
        local = datetime.combine(datetime.now(RIYADH).date(), time(hour), tzinfo=RIYADH)
        return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

    # ------------------------------------------------------------------ the first start
    def test_the_first_start_makes_one_committee_for_every_support_type_and_only_once(self):
        self.assertRecordValues(
            self.committee, [{"name": "لجنة البحث", "chair_id": self.admin.id, "quorum": 1, "support_type_ids": []}]
        )
        self.assertFalse(self.env["atta.committee"]._atta_setup_default_committee(), "a second start adds none")
        self.assertEqual(self.env["atta.committee"].search_count([]), 1)
        checklist = {i["key"]: i for i in self.env["atta.home"].with_user(self.admin).get_home_data()["checklist"]}
        self.assertTrue(checklist["committee"]["done"], "the checklist no longer asks for a committee")
        self.assertEqual(self.env.company.external_report_layout_id, self.env.ref("web.external_layout_standard"))

    # ------------------------------------------------------------------ the five first days
    def test_the_officer_receives_a_family_and_refers_its_request_to_research(self):
        self.start_tour("/odoo", "atta_first_day_officer_tour", login=self.officer.login)
        family = self.env["atta.beneficiary"].search([("identity_number", "=", "1234567897")])
        self.assertRecordValues(family, [{"name": "هدى صالح عبدالله الحربي", "state": "draft"}])
        self._papers(family)
        self.start_tour("/odoo", "atta_first_day_officer_request_tour", login=self.officer.login)
        request = self.env["atta.support.request"].search([("beneficiary_id", "=", family.id)])
        self.assertRecordValues(
            request,
            [
                {
                    "state": "research",
                    "support_type_id": self.ref("atta_research.support_type_food_basket"),
                    "researcher_id": self.researcher.id,
                    "committee_id": self.committee.id,
                    "verified_by_id": self.officer.id,
                }
            ],
        )
        # What the researcher finds on their list: the visit planned for them, on this request.
        visits = self.env["atta.research.visit"].with_user(self.researcher)
        planned = visits.web_search_read([("state", "=", "planned")], {"request_id": {}, "visit_date": {}})
        self.assertEqual([r["request_id"] for r in planned["records"]], [request.id])
        self.assertTrue(planned["records"][0]["visit_date"])

    def test_the_researcher_records_todays_visit_and_completes_the_research(self):
        request = self._referred(self._family_file("نورة سالم القحطاني", "100000072"), self._today_at(12))
        self.start_tour("/odoo", "atta_first_day_researcher_tour", login=self.researcher.login)
        visit = request.visit_ids
        self.assertRecordValues(visit, [{"state": "done", "housing_condition": "poor", "recommendation": "approve"}])
        self.assertEqual(request.with_user(self.researcher).recommendation, "approve")

    def test_the_volunteer_closes_their_own_task(self):
        # The board's approval of the pledge, recorded by the manager: an item of the setup checklist.
        pledge = self.env.ref("atta_research.policy_volunteer_pledge_v1")
        pledge.with_user(self.admin).write(
            {"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"}
        )
        pledge.with_user(self.admin).action_approve()
        volunteer = (
            self.env["atta.volunteer"]
            .with_user(self.officer)
            .create(
                {
                    "name": "سعد المتطوع",
                    "identity_number": "100000031" + luhn.calc_check_digit("100000031"),
                    "user_id": self.volunteer_user.id,
                }
            )
        )
        volunteer.with_user(self.volunteer_user).action_accept_pledge()
        request = self._referred(self._family_file("منيرة فهد الدوسري", "100000080"), self._today_at(15))
        task = (
            self.env["atta.volunteer.task"]
            .with_user(self.officer)
            .create(
                {"volunteer_id": volunteer.id, "visit_id": request.visit_ids.id, "planned_date": self._today_at(10)}
            )
        )
        self.start_tour("/odoo", "atta_first_day_volunteer_tour", login=self.volunteer_user.login)
        self.assertRecordValues(task, [{"state": "done", "hours": 2.5}])

    def test_the_chair_holds_the_session_and_prints_the_decision_letter(self):
        request = self._referred(self._family_file("سعاد محمد العتيبي", "100000098"), self._today_at(10))
        visit = request.visit_ids.with_user(self.researcher)
        visit.web_save({"recommendation": "approve"}, specification={})
        visit.action_done()
        request.with_user(self.researcher).action_send_to_committee()
        self.assertEqual(request.committee_id, self.committee)

        # The first start made the admin the chair: their first day as the chair, in Arabic.
        self.start_tour("/odoo", "atta_first_day_chair_tour", login=self.admin.login)
        session = self.env["atta.committee.session"].search([("committee_id", "=", self.committee.id)])
        self.assertRecordValues(session, [{"state": "open", "attendee_ids": self.admin.ids}])
        self.assertEqual(session.decision_ids.request_id, request)

        # The members vote, each their own, in the votes dialog of the agenda line.
        action = session.decision_ids.with_user(self.admin).action_open_votes()
        Votes = self.env["atta.committee.vote"].with_user(self.admin).with_context(**action["context"])
        Votes.web_save({"vote": "approve"}, specification={})

        self.start_tour("/odoo", "atta_first_day_chair_close_tour", login=self.admin.login)
        self.assertRecordValues(session, [{"state": "closed"}])
        self.assertRecordValues(session.decision_ids, [{"result": "approved", "approve_count": 1}])
        self.assertEqual(request.state, "approved")
        # The letter the chair printed: a PDF, rendered as the chair.
        report = request.with_user(self.admin).action_print_decision_letter()
        # The letter itself, not Odoo's layout configurator that a fresh database shows the admin first.
        self.assertEqual(
            (report["type"], report["report_name"]), ("ir.actions.report", "atta_research.report_decision_letter")
        )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.admin)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report["report_name"], request.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
