"""Every screen of Social Research opens for every role, on records in every state.

The data is made by the roles themselves: requests walked through each state, a committee session
with votes, deliveries, a complaint and a volunteer's tasks. The walker then opens each menu, its
list and its form on one record per state, as each role, the way the web client does.
"""

from stdnum import luhn

from odoo.tests import new_test_user, tagged

from odoo.addons.atta_beneficiary.tests.screen_walker import ScreenWalker, ScreenWalkMixin
from odoo.addons.atta_beneficiary.tools.roles import VOLUNTEER

from .common import AttaResearchCase


class ResearchScreensData(ScreenWalkMixin):
    """Records of every kind and state of atta_research, each step done by its role."""

    @classmethod
    def _research_screens_data(cls):
        cls.pledge = cls.env.ref("atta_research.policy_volunteer_pledge_v1")
        cls.pledge.write(
            {"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"}
        )
        cls.pledge.with_user(cls.manager).action_approve()
        cls.volunteer_user = new_test_user(
            cls.env, "r_screens_volunteer", groups=VOLUNTEER, name="Volunteer Saad", lang="en_US"
        )
        body = "100000077"
        cls.volunteer = (
            cls.env["atta.volunteer"]
            .with_user(cls.officer)
            .create(
                {
                    "name": "Saad Alharbi",
                    "identity_number": body + luhn.calc_check_digit(body),
                    "phone": "0551234567",
                    "user_id": cls.volunteer_user.id,
                }
            )
        )
        cls.volunteer.with_user(cls.volunteer_user).action_accept_pledge()

        case = cls("run")  # the request helpers are instance methods of the case
        requests = {"draft": case._request(beneficiary=cls._household())}
        requests["submitted"] = case._request(beneficiary=cls._household())
        requests["submitted"].with_user(cls.officer).action_submit()
        requests["verification"] = case._request(beneficiary=cls._household())
        requests["verification"].with_user(cls.officer).action_submit()
        requests["verification"].with_user(cls.officer).action_start_verification()
        requests["research"] = case._to_research(case._request(beneficiary=cls._household()))
        requests["needs_info"] = case._to_research(case._request(beneficiary=cls._household()))
        requests["needs_info"].with_user(cls.researcher)._request_information("Bring the lease contract.")
        requests["cancelled"] = case._request(beneficiary=cls._household())
        requests["cancelled"].with_user(cls.officer)._cancel("The family moved to another city.")
        # A session still open, with the chair's vote cast: what members see while they vote.
        requests["committee"] = case._to_committee(case._request(beneficiary=cls._household()))
        open_session = case._session()
        open_session.with_user(cls.chair).action_open()
        case._vote(open_session, requests["committee"], cls.chair, "approve", "Income below the threshold")
        # Decided in a closed session: approved, rejected, delivered (in full) and closed.
        decided = {
            state: case._to_committee(case._request(beneficiary=cls._household()))
            for state in ("approved", "rejected", "delivered", "closed")
        }
        session = case._session()
        session.with_user(cls.chair).action_open()
        for state, request in decided.items():
            for member in (cls.chair, cls.member_a):
                case._vote(session, request, member, "reject" if state == "rejected" else "approve")
        rejected = session.decision_ids.filtered(lambda d: d.request_id == decided["rejected"])
        rejected.with_user(cls.chair).reasons = "The household income is above the sufficiency line."
        session.with_user(cls.chair).action_close()
        requests.update(decided)
        Delivery = cls.env["atta.support.delivery"].with_user(cls.officer)
        case._register(decided["approved"].beneficiary_id)
        cls.draft_delivery = Delivery.create({"request_id": decided["approved"].id, "amount": 1000})
        for state in ("delivered", "closed"):
            case._register(decided[state].beneficiary_id)
            Delivery.create({"request_id": decided[state].id, "amount": 2500}).action_confirm()
        decided["closed"].with_user(cls.officer).write({"follow_up_note": "The family is doing well."})
        decided["closed"].with_user(cls.officer).action_close()
        cls.requests = requests
        # A volunteer helps with a visit and a delivery.
        visit = cls.env["atta.research.visit"].with_user(cls.researcher).create({"request_id": requests["research"].id})
        Task = cls.env["atta.volunteer.task"].with_user(cls.officer)
        Task.create({"volunteer_id": cls.volunteer.id, "visit_id": visit.id, "planned_date": "2026-12-01 09:00:00"})
        Task.create(
            {
                "volunteer_id": cls.volunteer.id,
                "delivery_id": cls.draft_delivery.id,
                "planned_date": "2026-12-02 09:00:00",
            }
        )
        # A complaint recorded at the desk, owned by the officer.
        category = cls.env.ref("atta_research.complaint_category_service")
        category.user_id = cls.officer
        cls.env["atta.complaint"].with_user(cls.officer).create(
            {
                "kind": "complaint",
                "category_id": category.id,
                "subject": "Nobody answered the phone",
                "description": "I called three times on Monday.",
                "contact_name": "Saad Omar",
                "mobile": "0551112233",
            }
        )


@tagged("post_install", "-at_install")
class TestResearchScreens(ResearchScreensData, AttaResearchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_screens_data()
        cls.users = cls._screen_users()

    def test_every_role_opens_every_research_screen(self):
        walkers = self.assertScreensOpen(self.users, "atta_research", min_screens=20)
        # The walk reached the records: each state of a request was opened by the officer.
        opened = {(model, view) for _where, model, view, _count in walkers["officer"].opened}
        self.assertIn(("atta.support.request", "form"), opened)

    def test_walker_reports_a_field_the_role_cannot_read(self):
        """A view showing the researcher a field they may not read is a failure, not a silent pass."""
        view = self.env["ir.ui.view"].create(
            {
                "name": "atta.support.request.form.bad",
                "model": "atta.support.request",
                "type": "form",
                "priority": 1,
                "arch": '<form><field name="name"/><field name="decision_ids"/></form>',
            }
        )
        walker = ScreenWalker(self.env, self.researcher)
        walker.open_form(self.requests["research"], where="bad form")
        self.assertTrue(
            any("bad form" in error and "AccessError" in error for error in walker.errors),
            f"the walker missed the unreadable field: {walker.errors}",
        )
        view.unlink()
        walker = ScreenWalker(self.env, self.researcher)
        walker.open_form(self.requests["research"], where="good form")
        self.assertEqual(walker.errors, [])

    def test_deliveries_and_tasks_show_readable_names_and_pickers_offer_only_usable_ones(self):
        deliveries = self.env["atta.support.delivery"].with_user(self.officer)
        shown = deliveries.web_search_read([], {"display_name": {}, "state": {}})["records"]
        self.assertTrue(shown)
        for row in shown:
            self.assertTrue(row["display_name"].startswith("Delivery of "), row["display_name"])
            self.assertNotIn("atta.support.delivery", row["display_name"])
        tasks = self.env["atta.volunteer.task"].with_user(self.volunteer_user)
        for row in tasks.web_search_read([], {"display_name": {}})["records"]:
            self.assertRegex(row["display_name"], r"^(Research visit|Delivery), ")
        # The task's delivery picker offers the deliveries still to make, never one already handed over.
        domain = (
            self.env["atta.volunteer.task"].with_user(self.officer).fields_get(["delivery_id"])["delivery_id"]["domain"]
        )
        offered = {row[0] for row in deliveries.name_search("", domain=domain, limit=100)}
        self.assertIn(self.draft_delivery.id, offered)
        done = deliveries.search([("state", "=", "done")])
        self.assertTrue(done)
        self.assertFalse(offered & set(done.ids))
