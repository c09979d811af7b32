from odoo import api, fields, models
from odoo.tools.misc import format_datetime

from odoo.addons.atta_beneficiary.tools.roles import COMMITTEE_MEMBER, MANAGER, OFFICER, RESEARCHER, VOLUNTEER


class AttaHome(models.AbstractModel):
    _inherit = "atta.home"

    @api.model
    def _home_cards(self):
        cards = super()._home_cards()
        uid = self.env.uid
        today = fields.Date.context_today(self)
        desk = ("desk", 10, self.env._("Front desk"))
        research = ("research", 20, self.env._("My social research"))
        cards += [
            self._card(
                *desk,
                "requests_new",
                2,
                self.env._("New requests"),
                "atta_research.support_request_action",
                [("state", "=", "submitted")],
                group=OFFICER,
                icon="fa-inbox",
            ),
            self._card(
                *desk,
                "requests_incomplete",
                3,
                self.env._("Requests with documents to check"),
                "atta_research.support_request_action",
                [("state", "=", "verification")],
                group=OFFICER,
                icon="fa-check-square-o",
            ),
            self._card(
                *desk,
                "requests_waiting",
                4,
                self.env._("Waiting for the applicant"),
                "atta_research.support_request_action",
                [("state", "=", "needs_info")],
                group=OFFICER,
                icon="fa-hourglass-half",
                alert=False,
            ),
            self._card(
                *desk,
                "requests_to_deliver",
                5,
                self.env._("Approved, to deliver"),
                "atta_research.support_request_action",
                [("state", "=", "approved")],
                group=OFFICER,
                icon="fa-truck",
            ),
            self._card(
                *research,
                "visits_planned",
                10,
                self.env._("My planned visits"),
                "atta_research.research_visit_action",
                [("state", "=", "planned"), ("researcher_id", "=", uid)],
                group=RESEARCHER,
                icon="fa-calendar",
                alert=False,
            ),
            self._card(
                *research,
                "visits_today",
                20,
                self.env._("My visits today"),
                "atta_research.research_visit_action",
                [
                    ("state", "=", "planned"),
                    ("researcher_id", "=", uid),
                    ("visit_date", ">=", self._today_start()),
                    ("visit_date", "<", self._today_start(1)),
                ],
                group=RESEARCHER,
                icon="fa-home",
            ),
            self._card(
                *research,
                "visits_late",
                30,
                self.env._("My late visits"),
                "atta_research.research_visit_action",
                [("state", "=", "planned"), ("researcher_id", "=", uid), ("visit_date", "<", self._today_start())],
                group=RESEARCHER,
                icon="fa-exclamation-triangle",
            ),
            self._card(
                *research,
                "requests_to_research",
                40,
                self.env._("My requests in research"),
                "atta_research.support_request_action",
                [("state", "=", "research"), ("researcher_id", "=", uid)],
                group=RESEARCHER,
                icon="fa-search",
                alert=False,
            ),
            self._next_session_card(),
            self._card(
                "committee",
                30,
                self.env._("Research committee"),
                "sessions_open",
                20,
                self.env._("Sessions in progress"),
                "atta_research.committee_session_action",
                [("state", "=", "open"), ("committee_id.member_ids", "in", uid)],
                group=COMMITTEE_MEMBER,
                icon="fa-gavel",
            ),
            self._card(
                "volunteer",
                40,
                self.env._("My volunteering"),
                "my_tasks",
                10,
                self.env._("My planned tasks"),
                "atta_research.volunteer_task_action_mine",
                [("state", "=", "planned"), ("volunteer_id.user_id", "=", uid)],
                group=VOLUNTEER,
                icon="fa-handshake-o",
            ),
            self._card(
                "late",
                90,
                self.env._("Late items"),
                "requests_late",
                10,
                self.env._("Requests past their decision deadline"),
                "atta_research.support_request_action",
                [("is_overdue", "=", True)],
                group=MANAGER,
                icon="fa-clock-o",
            ),
            self._card(
                "late",
                90,
                self.env._("Late items"),
                "complaints_late",
                30,
                self.env._("Complaints past their answer date"),
                "atta_research.complaint_action",
                [("state", "!=", "answered"), ("deadline", "<", today)],
                group=MANAGER,
                icon="fa-bullhorn",
            ),
        ]
        return cards

    @api.model
    def _next_session_card(self):
        """The chair's next session, with the number of requests on its agenda."""
        if not self.env.user.has_group(COMMITTEE_MEMBER):
            return None
        session = self.env["atta.committee.session"].search(
            [("state", "in", ("draft", "open")), ("chair_id", "=", self.env.uid)], order="date asc, id asc", limit=1
        )
        if not session:
            return None
        title = self.env._(
            "Next session %(number)s, %(date)s (%(hijri)s): requests on the agenda",
            number=session.name,
            date=format_datetime(self.env, session.date, dt_format="short"),
            hijri=session.date_hijri,
        )
        card = self._card(
            "committee",
            30,
            self.env._("Research committee"),
            "next_session",
            10,
            title,
            "atta_research.committee_session_action",
            [("id", "=", session.id)],
            icon="fa-users",
            alert=False,
        )
        card["count"] = len(session.decision_ids)
        card["action"].update(res_id=session.id, views=[(False, "form")], view_mode="form")
        return card

    @api.model
    def _home_checklist(self):
        items = super()._home_checklist()
        support_types = self.env["atta.support.type"].search([("active", "=", True)])
        committees = self.env["atta.committee"]
        undecided = support_types.filtered(lambda t: not committees._for_support_type(t))
        committee_action = self.env["ir.actions.act_window"]._for_xml_id("atta_research.committee_action")
        if undecided:
            # Opens a committee already filled in: the manager chairs it until staff are named.
            committee_action.update(
                views=[(False, "form")],
                view_mode="form",
                context={
                    "default_name": self.env._("Research Committee"),
                    "default_chair_id": self.env.uid,
                    "default_member_ids": [self.env.uid],
                    "default_quorum": 1,
                },
            )
        items.append(
            self._check_item(
                "committee",
                30,
                self.env._("A research committee for every support type"),
                self.env._(
                    "Requests of these types have no committee to decide them: %(types)s.",
                    types=", ".join(undecided.mapped("name")),
                )
                if undecided
                else "",
                not undecided,
                committee_action,
            )
        )
        items.append(self._chair_check_item())
        pledge = self.env.ref("atta_research.policy_volunteer_pledge", raise_if_not_found=False)
        if pledge:
            pledge_action = self.env["ir.actions.act_window"]._for_xml_id("atta_beneficiary.policy_action")
            pledge_action.update(res_id=pledge.id, views=[(False, "form")], view_mode="form")
            items.append(
                self._check_item(
                    "volunteer_pledge",
                    40,
                    self.env._("The volunteers' pledge in force"),
                    self.env._(
                        "Record the board's approval of the confidentiality pledge before volunteers accept it."
                    ),
                    bool(pledge.current_version_id),
                    pledge_action,
                )
            )
        return items

    @api.model
    def _chair_check_item(self):
        """The first start makes the administrator the chair: the manager names a member of staff on the form."""
        chaired = self.env["atta.committee"].search([("chair_id", "=", self.env.ref("base.user_admin").id)])
        action = self.env["ir.actions.act_window"]._for_xml_id("atta_research.committee_action")
        if chaired:
            action.update(res_id=chaired[0].id, views=[(False, "form")], view_mode="form")
        return self._check_item(
            "committee_chair",
            35,
            self.env._("A member of staff chairs the committee"),
            self.env._(
                "The administrator chairs %(committees)s since the first start: name its chair and members.",
                committees=", ".join(chaired.mapped("name")),
            )
            if chaired
            else "",
            not chaired,
            action,
        )
