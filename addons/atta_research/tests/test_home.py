from freezegun import freeze_time
from stdnum import luhn

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.atta_beneficiary.tools.roles import VOLUNTEER

from .common import AttaResearchCase


def cards(data):
    return {card["key"]: card for section in data["sections"] for card in section["cards"]}


@tagged("post_install", "-at_install")
class TestHomeResearch(AttaResearchCase):
    """Each role starts its day on what waits for it; a count is the role's own search and opens that list."""

    def _home(self, user):
        return self.env["atta.home"].with_user(user).get_home_data()

    def _listed(self, user, card):
        """The records the card's list shows to `user`, searched as the web client does."""
        action = card["action"]
        result = self.env[action["res_model"]].with_user(user).web_search_read(action["domain"], {})
        return [record["id"] for record in result["records"]]

    def test_the_officer_sees_the_queue_of_requests(self):
        new_before = cards(self._home(self.officer))["requests_new"]["count"]
        draft = self._request()
        submitted = self._request(support_type=self.food)
        submitted.with_user(self.officer).action_submit()
        checking = self._request(beneficiary=self._household())
        checking.with_user(self.officer).action_submit()
        checking.with_user(self.officer).action_start_verification()
        desk = cards(self._home(self.officer))
        self.assertEqual(desk["requests_new"]["count"], new_before + 1)
        listed_new = self._listed(self.officer, desk["requests_new"])
        self.assertEqual(len(listed_new), desk["requests_new"]["count"])
        self.assertIn(submitted.id, listed_new)
        self.assertNotIn(checking.id, listed_new)
        self.assertIn(checking.id, self._listed(self.officer, desk["requests_incomplete"]))
        self.assertNotIn(draft.id, self._listed(self.officer, desk["requests_new"]))
        self.assertNotIn("visits_planned", desk, "an officer is no researcher")
        self.assertNotIn("requests_late", desk, "late items are the manager's")

    @freeze_time("2026-03-10 09:00:00")
    def test_the_researcher_sees_their_own_visits_planned_today_and_late(self):
        Visit = self.env["atta.research.visit"]
        visits = {}
        for key, when in (
            ("late", "2026-03-09 10:00:00"),
            ("today", "2026-03-10 11:00:00"),
            ("later", "2026-03-12 10:00:00"),
        ):
            request = self._to_research(self._request(beneficiary=self._household()))
            visits[key] = Visit.with_user(self.researcher).create({"request_id": request.id, "visit_date": when})
        others = self._to_research(self._request(beneficiary=self._household()), researcher=self.other_researcher)
        Visit.with_user(self.other_researcher).create({"request_id": others.id, "visit_date": "2026-03-10 11:00:00"})
        mine = cards(self._home(self.researcher))
        self.assertEqual(mine["visits_planned"]["count"], 3)
        self.assertEqual(self._listed(self.researcher, mine["visits_today"]), visits["today"].ids)
        self.assertEqual(self._listed(self.researcher, mine["visits_late"]), visits["late"].ids)
        self.assertEqual(mine["requests_to_research"]["count"], 3)
        self.assertNotIn("requests_new", mine, "the desk's queue is not a researcher's")
        self.assertEqual(cards(self._home(self.other_researcher))["visits_today"]["count"], 1)

    def test_the_chair_sees_the_next_session_and_its_agenda(self):
        for _index in range(2):
            self._to_committee(self._request(beneficiary=self._household()))
        session = self._session()
        next_session = cards(self._home(self.chair))["next_session"]
        self.assertEqual(next_session["count"], 2)
        self.assertIn(session.name, next_session["title"])
        self.assertEqual(
            (next_session["action"]["res_id"], next_session["action"]["res_model"]),
            (session.id, "atta.committee.session"),
        )
        self.assertNotIn("next_session", cards(self._home(self.member_a)), "only the chair's sessions")
        session.with_user(self.chair).action_open()
        self.assertEqual(cards(self._home(self.member_a))["sessions_open"]["count"], 1)
        self.assertEqual(cards(self._home(self.outsider_member))["sessions_open"]["count"], 0)

    def test_the_volunteer_sees_their_own_tasks_and_nothing_of_the_files(self):
        pledge = self.env.ref("atta_research.policy_volunteer_pledge_v1")
        pledge.write({"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"})
        pledge.with_user(self.manager).action_approve()
        tasks = self.env["atta.volunteer.task"]
        volunteer_users = self.env["res.users"]
        for number, login in (("100000021", "home_volunteer"), ("100000022", "home_volunteer2")):
            user = new_test_user(self.env, login, groups=VOLUNTEER, lang="en_US")
            volunteer = (
                self.env["atta.volunteer"]
                .with_user(self.officer)
                .create({"name": login, "identity_number": number + luhn.calc_check_digit(number), "user_id": user.id})
            )
            volunteer.with_user(user).action_accept_pledge()
            request = self._to_research(self._request(beneficiary=self._household()))
            visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
            tasks |= (
                self.env["atta.volunteer.task"]
                .with_user(self.officer)
                .create({"volunteer_id": volunteer.id, "visit_id": visit.id, "planned_date": "2026-12-01 09:00:00"})
            )
            volunteer_users |= user
        data = self._home(volunteer_users[0])
        self.assertEqual([section["key"] for section in data["sections"]], ["volunteer"])
        self.assertEqual(self._listed(volunteer_users[0], cards(data)["my_tasks"]), tasks[0].ids)
        self.assertEqual(data["quick_actions"], [], "a volunteer receives no visitor")
        self.assertEqual(volunteer_users[0].action_id.id, self.env.ref("atta_beneficiary.home_action").id)

    def test_the_manager_sees_late_items_and_the_setup_checklist(self):
        late = self._to_research(self._request())
        late.sudo().deadline = "2020-01-01"  # a deadline long past, as if the request had waited
        data = self._home(self.manager)
        self.assertEqual(self._listed(self.manager, cards(data)["requests_late"]), late.ids)
        checklist = {item["key"]: item for item in data["checklist"]}
        self.assertTrue(checklist["committee"]["done"], "the committee decides every support type")
        self.assertFalse(checklist["volunteer_pledge"]["done"], "a fresh install has no pledge approved")
        self.assertEqual(
            checklist["volunteer_pledge"]["action"]["res_id"], self.env.ref("atta_research.policy_volunteer_pledge").id
        )

    def test_without_a_committee_the_checklist_opens_one_ready_to_save(self):
        self.committee.active = False
        item = {i["key"]: i for i in self._home(self.manager)["checklist"]}["committee"]
        self.assertFalse(item["done"])
        self.assertIn(self.cash.name, item["help"])
        Committee = self.env["atta.committee"].with_user(self.manager).with_context(**item["action"]["context"])
        Committee.web_save({}, specification={})
        self.assertTrue({i["key"]: i for i in self._home(self.manager)["checklist"]}["committee"]["done"])

    def test_a_committee_the_administrator_chairs_asks_the_manager_to_name_its_chair(self):
        item = {i["key"]: i for i in self._home(self.manager)["checklist"]}["committee_chair"]
        self.assertTrue(item["done"], "a member of staff chairs the committee")
        # As the first start leaves it when no chair login was given: the administrator chairs it.
        admin = self.env.ref("base.user_admin")
        self.committee.write({"chair_id": admin.id, "member_ids": [Command.link(admin.id)]})
        item = {i["key"]: i for i in self._home(self.manager)["checklist"]}["committee_chair"]
        self.assertFalse(item["done"])
        self.assertIn(self.committee.name, item["help"])
        action = item["action"]
        self.assertEqual((action["res_model"], action["res_id"]), ("atta.committee", self.committee.id))
        # The manager names the chair on the form the item opens.
        self.committee.with_user(self.manager).web_save({"chair_id": self.chair.id}, specification={})
        item = {i["key"]: i for i in self._home(self.manager)["checklist"]}["committee_chair"]
        self.assertEqual((item["done"], item["help"]), (True, ""))


@tagged("post_install", "-at_install")
class TestFirstDayVolunteerTour(HttpCase, AttaResearchCase):
    def test_a_volunteer_starts_on_their_task_and_closes_it(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["atta_beneficiary", "atta_research"], ["ar_001"], overwrite=True
        )
        pledge = self.env.ref("atta_research.policy_volunteer_pledge_v1")
        pledge.write({"board_session_number": "12", "approval_date": "2025-01-05", "approval_date_hijri": "5/7/1446"})
        pledge.with_user(self.manager).action_approve()
        user = new_test_user(self.env, "tour_volunteer", groups=VOLUNTEER, lang="ar_001")
        number = "100000031"
        volunteer = (
            self.env["atta.volunteer"]
            .with_user(self.officer)
            .create({"name": "Saad", "identity_number": number + luhn.calc_check_digit(number), "user_id": user.id})
        )
        volunteer.with_user(user).action_accept_pledge()
        request = self._to_research(self._request())
        visit = self.env["atta.research.visit"].with_user(self.researcher).create({"request_id": request.id})
        task = (
            self.env["atta.volunteer.task"]
            .with_user(self.officer)
            .create({"volunteer_id": volunteer.id, "visit_id": visit.id, "planned_date": "2026-12-01 09:00:00"})
        )
        self.start_tour("/odoo", "atta_first_day_volunteer_tour", login=user.login)
        self.assertRecordValues(task, [{"state": "done", "hours": 2.5}])
