from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from ..tools import hijri_date_string
from ..tools.roles import MANAGER, OFFICER


class AttaHome(models.AbstractModel):
    """The staff's start screen: what is waiting for each role, and what a fresh install still lacks.

    Each addon adds its cards by extending `_home_cards` and its setup items by extending
    `_home_checklist`. Every count is a search of the calling user, so record rules decide what it
    covers: a card never reveals a record its reader could not open.
    """

    _name = "atta.home"
    _description = "Atta Start Screen"

    @api.model
    def get_home_data(self):
        """What the start screen shows, for the calling user."""
        user = self.env.user
        if user._is_public() or user.share:
            raise AccessError(self.env._("The start screen is for the association's staff."))
        today = fields.Date.context_today(self)
        sections = {}
        for card in sorted(filter(None, self._home_cards()), key=lambda c: (c["section_sequence"], c["sequence"])):
            section = sections.setdefault(
                card["section"], {"key": card["section"], "title": card["section_title"], "cards": []}
            )
            section["cards"].append({key: card[key] for key in ("key", "title", "count", "icon", "alert", "action")})
        is_manager = user.has_group(MANAGER)
        checklist = sorted(filter(None, self._home_checklist()), key=lambda i: i["sequence"]) if is_manager else []
        return {
            "user_name": user.name,
            "date": format_date(self.env, today),
            "date_hijri": hijri_date_string(today, self.env.lang or "en_US"),
            "sections": list(sections.values()),
            "checklist": [{key: item[key] for key in ("key", "title", "done", "help", "action")} for item in checklist],
            "quick_actions": [a for a in self._home_quick_actions() if a],
        }

    # Hooks for the addons

    @api.model
    def _home_cards(self):
        """Cards of this addon (see `_card`); addons extend the list."""
        officer = OFFICER
        desk = ("desk", 10, self.env._("Front desk"))
        return [
            self._card(
                *desk,
                "files_draft",
                10,
                self.env._("Files not yet registered"),
                "atta_beneficiary.beneficiary_action",
                [("state", "=", "draft")],
                group=officer,
                icon="fa-folder-open-o",
            ),
            self._card(
                *desk,
                "documents_to_verify",
                20,
                self.env._("Documents to verify"),
                "atta_beneficiary.beneficiary_document_action",
                [("verified", "=", False)],
                group=officer,
                icon="fa-file-text-o",
            ),
            self._card(
                *desk,
                "visitors_today",
                30,
                self.env._("Contacts logged today"),
                "atta_beneficiary.interaction_action",
                [("date", ">=", self._today_start()), ("date", "<", self._today_start(1))],
                group=officer,
                icon="fa-comments-o",
                alert=False,
            ),
            self._card(
                "late",
                90,
                self.env._("Late items"),
                "data_requests_late",
                20,
                self.env._("Data requests past their deadline"),
                "atta_beneficiary.data_request_action",
                [("state", "not in", ("done", "refused")), ("deadline", "<", fields.Date.context_today(self))],
                group=MANAGER,
                icon="fa-user-secret",
            ),
        ]

    @api.model
    def _home_checklist(self):
        """Setup items of this addon (see `_check_item`), shown to managers; addons extend the list."""
        officers = self.env.ref(OFFICER).all_user_ids.filtered(
            lambda u: not u.share and u.active and u != self.env.ref("base.user_admin")
        )
        return [
            self._check_item(
                "staff",
                10,
                self.env._("Give your staff their roles"),
                self.env._("Create a user for each member of staff and tick their Atta role."),
                bool(officers - self.env.ref("base.user_root")),
                "base.action_res_users",
            ),
            self._check_item(
                "declaration",
                20,
                self.env._("A declaration text in force"),
                self.env._("Applicants sign the declaration and consent text in force."),
                bool(self.env["atta.consent.text"].search_count([("is_current", "=", True)], limit=1)),
                "atta_beneficiary.consent_text_action",
            ),
        ]

    @api.model
    def _home_quick_actions(self):
        """Buttons at the top of the start screen: what a role starts its day with."""
        if not self.env.user.has_group(OFFICER):
            return []
        return [
            {
                "key": "receive_visitor",
                "title": self.env._("Receive a Visitor"),
                "icon": "fa-user-plus",
                "action": "atta_beneficiary.beneficiary_action_quick",
            }
        ]

    # Helpers for the hooks

    @api.model
    def _card(
        self,
        section,
        section_sequence,
        section_title,
        key,
        sequence,
        title,
        action_xmlid,
        domain,
        group=None,
        icon="fa-list",
        alert=True,
    ):
        """One count opening its filtered list, or None when the user's role does not do this work.

        `alert` colours a non-zero count as something waiting; the count is the user's own search.
        """
        if group and not self.env.user.has_group(group):
            return None
        action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        model = self.env[action["res_model"]]
        if not model.has_access("read"):
            return None
        action.update(name=title, domain=domain, context={}, help=False)
        return {
            "section": section,
            "section_sequence": section_sequence,
            "section_title": section_title,
            "key": key,
            "sequence": sequence,
            "title": title,
            "count": model.search_count(domain),
            "icon": icon,
            "alert": alert,
            "action": action,
        }

    @api.model
    def _check_item(self, key, sequence, title, help_text, done, action):
        """One setup item: `action` is the xml id of the action that opens what to set, or an action dict."""
        if isinstance(action, str):
            action = self.env["ir.actions.actions"]._for_xml_id(action)
        return {"key": key, "sequence": sequence, "title": title, "help": help_text, "done": done, "action": action}

    def _today_start(self, days=0):
        """Midnight of today (plus `days`) in the user's time zone, as the stored UTC string."""
        today = fields.Date.context_today(self) + timedelta(days=days)
        local = fields.Datetime.context_timestamp(self, datetime.combine(today, time.min))
        offset = local.utcoffset() or timedelta()
        return fields.Datetime.to_string(datetime.combine(today, time.min) - offset)
