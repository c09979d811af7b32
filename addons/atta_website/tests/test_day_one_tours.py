from stdnum import luhn

from odoo.tests import tagged

from odoo.addons.atta_research.tests.day_one import DayOneCase


@tagged("-standard", "atta_day_one", "post_install", "-at_install")
class TestDayOneTours(DayOneCase):
    """Day one at the association, on the database of the step `first start` of tests/run.py (made as
    config/start-atta.sh makes it): staff given their roles under Settings → Users, and the first day of the
    officer, the researcher, the volunteer and the committee chair walked from their start screen, in Arabic.
    The finance approvers' first day is atta_distribution's test_day_one_finance_tour.py.

    Nothing else is set up by an administrator: what a tour needs from another role's work is done
    beforehand AS that role, through the methods the web client calls.
    """

    # ------------------------------------------------------------------ the first start
    def test_the_first_start_configures_the_association_and_one_committee_for_every_support_type(self):
        # .env.example's association, in Arabic, in Riyadh, in SAR.
        company = self.env.company
        self.assertRecordValues(
            company,
            [{"name": "جمعية عطاء للخدمات المجتمعية", "city": "الرياض", "country_id": self.ref("base.sa")}],
        )
        self.assertEqual(company.currency_id, self.env.ref("base.SAR"))
        self.assertRecordValues(self.admin, [{"lang": "ar_001", "tz": "Asia/Riyadh"}])
        self.assertRecordValues(
            self.committee, [{"name": "لجنة البحث", "chair_id": self.admin.id, "quorum": 1, "support_type_ids": []}]
        )
        self.assertFalse(self.env["atta.committee"]._atta_setup_default_committee(), "a second start adds none")
        self.assertEqual(self.env["atta.committee"].search_count([]), 1)
        # The manager's checklist: staff given their roles and a committee; letters print on the standard layout.
        checklist = {i["key"]: i for i in self.env["atta.home"].with_user(self.manager).get_home_data()["checklist"]}
        self.assertTrue(checklist["staff"]["done"], "the staff created under Settings → Users count")
        self.assertTrue(checklist["committee"]["done"], "the checklist no longer asks for a committee")
        self.assertEqual(company.external_report_layout_id, self.env.ref("web.external_layout_standard"))

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
        pledge = self.env.ref("atta_research.policy_volunteer_pledge_v1").with_user(self.manager)
        pledge.web_save(
            {"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"},
            specification={},
        )
        pledge.action_approve()
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
        # A real association's chair is a member of staff, not the admin: the manager names them on the
        # committee form (ATTA_COMMITTEE_CHAIR names a login, which no fresh database has at its first start).
        self._name_the_chair()
        request = self._researched(
            self._referred(self._family_file("سعاد محمد العتيبي", "100000098"), self._today_at(10))
        )

        self.start_tour("/odoo", "atta_first_day_chair_tour", login=self.chair.login)
        session = self.env["atta.committee.session"].search([("committee_id", "=", self.committee.id)])
        self.assertRecordValues(session, [{"state": "open", "attendee_ids": self.chair.ids}])
        self.assertEqual(session.decision_ids.request_id, request)

        # The chair votes as a member, in the votes dialog of the agenda line.
        action = session.decision_ids.with_user(self.chair).action_open_votes()
        Votes = self.env["atta.committee.vote"].with_user(self.chair).with_context(**action["context"])
        Votes.web_save({"vote": "approve"}, specification={})

        self.start_tour("/odoo", "atta_first_day_chair_close_tour", login=self.chair.login)
        self.assertRecordValues(session, [{"state": "closed"}])
        self.assertRecordValues(session.decision_ids, [{"result": "approved", "approve_count": 1}])
        self.assertEqual(request.state, "approved")
        # The letter the chair printed: a PDF, rendered as the chair.
        report = request.with_user(self.chair).action_print_decision_letter()
        # The letter itself, not Odoo's layout configurator that a fresh database would show first.
        self.assertEqual(
            (report["type"], report["report_name"]), ("ir.actions.report", "atta_research.report_decision_letter")
        )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.chair)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report["report_name"], request.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Nobody else chairs: the admin, who chaired the first start's committee, no longer sits on it.
        self.assertNotIn(self.admin, self.committee.member_ids)
