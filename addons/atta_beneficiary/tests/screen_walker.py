"""Open every screen as a given user, the way the web client does.

The walker follows the menus the user sees (``ir.ui.menu.load_menus``), loads each menu's action,
asks for its views with ``get_views`` as the user, and reads what each view shows with the field
specification the client builds from the arch: ``web_search_read`` for lists and kanbans,
``web_read`` for forms (x2many fields with the fields of their sub-views, many2one with their
display name), on one record per state. It reports every error a person would see instead of
stopping at the first one, so that one run lists every broken screen.
"""

import ast
import logging

from lxml import etree

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

from ..tools.roles import COMMITTEE_MEMBER, FINANCE, IMPROVEMENT_USER, MANAGER, OFFICER, RESEARCHER, VOLUNTEER

_logger = logging.getLogger(__name__)

X2MANY = ("one2many", "many2many")
RELATIONAL_ONE = ("many2one", "many2one_reference")
# Views that read records like a list does (their fields come from the arch).
LIST_LIKE = ("list", "kanban", "calendar", "activity", "hierarchy")
GROUPED = ("pivot", "graph")
# Widgets that show an x2many as tags or a checkbox list: the client reads the display names only.
TAG_WIDGETS = ("many2many_tags", "many2many_checkboxes", "many2many_tags_avatar", "many2many_avatar_user")


def fields_spec(arch, model, models_info, walker=None, depth=1):
    """The web client's field specification of a view arch (an etree element or a string).

    Fields of nested sub-views (x2many) are nested; an x2many without an inline sub-view reads the
    comodel's default list view (asked for as the walker's user), as the client does.
    """
    if isinstance(arch, str):
        arch = etree.fromstring(arch)
    infos = models_info.get(model, {}).get("fields", {})
    spec = {}
    level = arch.xpath("count(ancestor::field)")
    for node in arch.xpath(f".//field[count(ancestor::field) = {level}]"):
        name = node.get("name")
        info = infos.get(name)
        if info is None:
            continue
        field_spec = spec.setdefault(name, {})
        if node.get("context"):
            field_spec["context"] = _static_context(node.get("context"))
        kind = info.get("type")
        if kind in RELATIONAL_ONE and kind == "many2one":
            field_spec.setdefault("fields", {})["display_name"] = {}
        elif kind in X2MANY:
            sub_fields = field_spec.setdefault("fields", {})
            subviews = [child for child in node if child.tag in LIST_LIKE]
            if node.get("widget") in TAG_WIDGETS:
                sub_fields["display_name"] = {}
                options = _literal(node.get("options"))
                if options.get("color_field"):
                    sub_fields[options["color_field"]] = {}
            elif subviews:
                for subview in subviews:
                    sub_fields.update(fields_spec(subview, info["relation"], models_info, walker, depth))
                field_spec["limit"] = 40
            elif walker and depth > 0:
                mode = (node.get("mode") or "list").split(",")[0]
                sub_arch, sub_models = walker.view(info["relation"], mode)
                if sub_arch is not None:
                    sub_fields.update(fields_spec(sub_arch, info["relation"], sub_models, walker, depth - 1))
                field_spec["limit"] = 40
            else:
                sub_fields["display_name"] = {}
    return spec


def _literal(text):
    if not text:
        return {}
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return {}
    return value if isinstance(value, dict) else {}


def _static_context(text):
    """The constant keys of a view context (keys whose value needs the record are left out)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return {}
    context = {}
    if isinstance(tree, ast.Dict):
        for key, value in zip(tree.keys, tree.values, strict=True):
            try:
                context[ast.literal_eval(key)] = ast.literal_eval(value)
            except ValueError:
                continue
    return context


class ScreenWalker:
    """Walks the screens of one user and collects what goes wrong.

    ``errors`` holds one line per failure: the menu (or what was opened), the step and the error.
    """

    def __init__(self, env, user, records_per_state=1):
        self.env = env(user=user, context=dict(env.context, lang=user.lang or "en_US"))
        self.user = user
        self.records_per_state = records_per_state
        self.errors = []
        self.opened = []  # (where, model, view type, record count) of every screen that opened
        self._views = {}
        self._links = set()

    # ------------------------------------------------------------------ entry points
    def menus(self, module=None):
        """The menu items the user sees, as the client loads them (optionally those of one module)."""
        menus = self.env["ir.ui.menu"].load_menus(debug=False)
        found = []
        for key, menu in menus.items():
            if key == "root" or not menu.get("action_model"):
                continue
            if module and not menu["xmlid"].startswith(f"{module}."):
                continue
            found.append(menu)
        return sorted(found, key=lambda menu: menu["xmlid"])

    def walk_menus(self, module=None):
        for menu in self.menus(module):
            self.walk_menu(menu)
        return self.errors

    def walk_menu(self, menu):
        where = menu["xmlid"]
        action = self._step(where, "load action", self._load_action, menu["action_model"], menu["action_id"])
        if action:
            self.walk_action(action, where)

    def walk_action(self, action, where):
        kind = action.get("type")
        if kind == "ir.actions.act_window":
            self.walk_window_action(action, where)
        elif kind == "ir.actions.server":
            # What the client does on /web/action/run; a server action returning a window action is walked.
            result = self._step(where, "run server action", self._run_server_action, action["id"])
            if isinstance(result, dict) and result.get("type") == "ir.actions.act_window":
                self.walk_window_action(result, where)
        # Client actions and URLs are code in the browser; loading them is all the server does.

    def walk_window_action(self, action, where):
        model_name = action["res_model"]
        context = dict(self.env.context)
        action_context = action.get("context") or {}
        if isinstance(action_context, str):
            action_context = safe_eval(action_context, self._eval_context(context))
        context.update(action_context)
        domain = action.get("domain") or []
        if isinstance(domain, str):
            domain = safe_eval(domain, self._eval_context(context))
        model = self.env[model_name].with_context(**context)
        views = list(action.get("views") or [])
        if action.get("search_view_id"):
            views.append((action["search_view_id"][0], "search"))
        else:
            views.append((False, "search"))
        options = {"load_filters": True, "action_id": action.get("id")}
        result = self._step(where, "get_views", model.get_views, views, options)
        if not result:
            return
        models_info = result["models"]
        record_ids = []
        for view_type, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            spec = fields_spec(arch, model_name, models_info, self)
            label = f"{where} [{view_type}]"
            if view_type in LIST_LIKE:
                found = self._step(label, "web_search_read", self._search_read, model, domain, spec, arch)
                if found:
                    record_ids += [row["id"] for row in found["records"]]
                    self.opened.append((where, model_name, view_type, found["length"]))
            elif view_type in GROUPED:
                self._step(label, "read_group", self._read_group, model, domain, arch, models_info)
        if action.get("res_id"):
            record_ids.insert(0, action["res_id"])
        if "form" in result["views"]:
            form = result["views"]["form"]
            spec = fields_spec(form["arch"], model_name, models_info, self)
            spec["display_name"] = {}
            if not record_ids and not action.get("res_id"):
                record_ids = self._sample(model, domain)
            for record_id in self._per_state(model, dict.fromkeys(record_ids)):
                label = f"{where} [form] {model_name}({record_id})"
                if self._step(label, "web_read", self._read, model, record_id, spec):
                    self.opened.append((where, model_name, "form", 1))
                    self._walk_sub_forms(label, model.browse(record_id), form["arch"], models_info)
            first = (action.get("views") or [(False, "list")])[0][1]
            if (first == "form" and not action.get("res_id")) or self._can_create(form["arch"]):
                if self._step(f"{where} [form] new", "onchange", self._onchange_new, model, spec):
                    self.opened.append((where, model_name, "new", 0))

    def open_form(self, record, where=None):
        """Open one record's default form as the walker's user (for screens reached from a button)."""
        model = self.env[record._name]
        where = where or f"{record._name}({record.id})"
        result = self._step(where, "get_views", model.get_views, [(False, "form")])
        if result:
            form = result["views"]["form"]
            spec = fields_spec(form["arch"], record._name, result["models"], self)
            spec["display_name"] = {}
            if self._step(where, "web_read", self._read, model, record.id, spec):
                self._walk_sub_forms(where, model.browse(record.id), form["arch"], result["models"])
        return self.errors

    # ------------------------------------------------------------------ client calls
    def view(self, model_name, view_type):
        """(arch, models info) of the model's default view of that type, or (None, {}) when refused."""
        key = (model_name, view_type)
        if key not in self._views:
            model = self.env[model_name]
            result = self._step(f"{model_name} [{view_type}]", "get_views", model.get_views, [(False, view_type)])
            if result:
                self._views[key] = (etree.fromstring(result["views"][view_type]["arch"]), result["models"])
            else:
                self._views[key] = (None, {})
        return self._views[key]

    def _load_action(self, action_model, action_id):
        # /web/action/load reads the action as superuser and cleans it for the user.
        if action_model == "ir.actions.act_window":
            return self.env[action_model].sudo().browse(action_id)._get_action_dict()
        return self.env[action_model].sudo().browse(action_id).read()[0]

    def _run_server_action(self, action_id):
        return self.env["ir.actions.server"].browse(action_id).run()

    def _search_read(self, model, domain, spec, arch):
        self.env.invalidate_all()
        group_by = arch.get("default_group_by")
        if group_by and arch.tag == "kanban":
            model.web_read_group(domain, [group_by], unfold_read_specification=spec, auto_unfold=True)
        return model.web_search_read(domain, spec, limit=80)

    def _read_group(self, model, domain, arch, models_info):
        self.env.invalidate_all()
        infos = models_info.get(model._name, {}).get("fields", {})
        groupby, aggregates = [], ["__count"]
        for node in arch.iter("field"):
            name = node.get("name")
            info = infos.get(name, {})
            if node.get("type") == "measure" and info.get("aggregator"):
                aggregates.append(f"{name}:{info['aggregator']}")
            elif node.get("type") in ("row", "col") or (arch.tag == "graph" and node.get("type") != "measure"):
                groupby.append(node.get("interval") and f"{name}:{node.get('interval')}" or name)
        return model.formatted_read_group(domain, groupby[:1], aggregates)

    def _read(self, model, record_id, spec):
        self.env.invalidate_all()
        return model.browse(record_id).web_read(spec)

    def _onchange_new(self, model, spec):
        self.env.invalidate_all()
        return model.onchange({}, [], spec)

    def _walk_sub_forms(self, where, record, arch, models_info):
        """Open the first record of each visible x2many the way a click on its row does, and the Atta
        record behind each many2one link."""
        arch = etree.fromstring(arch) if isinstance(arch, str) else arch
        infos = models_info.get(record._name, {}).get("fields", {})
        for node in arch.xpath(".//field[count(ancestor::field) = 0]"):
            info = infos.get(node.get("name"), {})
            if info.get("type") == "many2one" and info["relation"].startswith("atta."):
                self._open_link(where, record, node, info)
                continue
            if info.get("type") not in X2MANY or node.get("widget") in TAG_WIDGETS:
                continue
            if node.get("invisible") in ("1", "True"):
                continue
            if any(child.tag == "list" and child.get("editable") for child in node):
                continue
            self.env.invalidate_all()
            try:
                lines = record[node.get("name")][:1]
            except (AccessError, MissingError):
                continue  # already reported by the parent's web_read
            if not lines:
                continue
            inline = [child for child in node if child.tag == "form"]
            if inline:
                sub_arch, sub_models = inline[0], models_info
            else:
                sub_arch, sub_models = self.view(info["relation"], "form")
                if sub_arch is None:
                    continue
            spec = fields_spec(sub_arch, info["relation"], sub_models, self, depth=0)
            spec["display_name"] = {}
            label = f"{where} > {node.get('name')} {info['relation']}({lines.id})"
            self._step(label, "web_read", self._read, self.env[info["relation"]], lines.id, spec)

    def _open_link(self, where, record, node, info):
        """A many2one shown as a link opens the linked record's form (unless the view says no_open)."""
        if node.get("invisible") in ("1", "True") or _literal(node.get("options")).get("no_open"):
            return
        if node.get("widget") in ("selection", "radio", "badge"):
            return
        self.env.invalidate_all()
        try:
            target = record[node.get("name")]
        except (AccessError, MissingError):
            return  # already reported by the parent's web_read
        if not target or (target._name, target.id) in self._links:
            return
        if not self.env[target._name].has_access("read"):
            return  # a model the role may not read at all: the link shows a name, opening it is refused
        self._links.add((target._name, target.id))
        sub_arch, sub_models = self.view(target._name, "form")
        if sub_arch is None:
            return
        spec = fields_spec(sub_arch, target._name, sub_models, self, depth=0)
        spec["display_name"] = {}
        label = f"{where} > {node.get('name')} {target._name}({target.id})"
        self._step(label, "web_read", self._read, self.env[target._name], target.id, spec)

    # ------------------------------------------------------------------ helpers
    def _eval_context(self, context):
        """What the client evaluates an action's domain and context with."""
        return {
            "uid": self.env.uid,
            "context": context,
            "active_id": False,
            "active_ids": [],
            "allowed_company_ids": self.env.companies.ids,
            "current_company_id": self.env.company.id,
            "context_today": lambda: datetime.date.today(),
            "datetime": datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "time": time,
        }

    def _sample(self, model, domain):
        self.env.invalidate_all()
        try:
            return model.search(domain, limit=5).ids
        except AccessError:
            return []

    def _per_state(self, model, record_ids):
        """At most `records_per_state` records of each state (every record when the model has none)."""
        ids = list(record_ids)
        if "state" not in model._fields or not ids:
            return ids[: max(self.records_per_state, 5)]
        chosen, seen = [], {}
        for record in model.sudo().browse(ids):
            count = seen.get(record.state, 0)
            if count < self.records_per_state:
                chosen.append(record.id)
                seen[record.state] = count + 1
        return chosen

    def _can_create(self, arch):
        # get_views already marks the arch create="false" when the user may not create.
        root = etree.fromstring(arch) if isinstance(arch, str) else arch
        return root.get("create") not in ("0", "false", "False")

    def _step(self, where, what, method, *args, **kwargs):
        """Run one client call in a savepoint; an error is recorded, never raised."""
        try:
            with self.env.cr.savepoint():
                return method(*args, **kwargs)
        except (AccessError, MissingError, UserError) as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.errors.append(f"{self.user.login}: {where}: {what}: {type(error).__name__}: {message}")
        except Exception as error:  # noqa: BLE001 - a 500 in the client is exactly what is looked for
            _logger.info("screen walker: %s %s", where, what, exc_info=True)
            self.errors.append(f"{self.user.login}: {where}: {what}: {type(error).__name__}: {error}")
        finally:
            self.env.invalidate_all()
        return None


# Every backend role of the access matrices (the portal and the public have no menus).
ROLE_GROUPS = {
    "employee": "base.group_user",
    "officer": OFFICER,
    "researcher": RESEARCHER,
    "member": COMMITTEE_MEMBER,
    "volunteer": VOLUNTEER,
    "improvement": IMPROVEMENT_USER,
    "finance": FINANCE,
    "manager": MANAGER,
}


# The users the test bases build, by role: a case that has one walks as it (a chair beside the member).
CASE_USERS = {
    "employee": "employee",
    "officer": "officer",
    "researcher": "researcher",
    "member": "member_a",
    "chair": "chair",
    "volunteer": "volunteer_user",
    "improvement": "improver",
    "finance": "finance_a",
    "manager": "manager",
}


class ScreenWalkMixin:
    """For a test case: every role opens every screen of an addon (see ``assertScreensOpen``)."""

    @classmethod
    def _screen_users(cls, **known):
        """One user per role whose group is installed: `known`, else the case's own (CASE_USERS), else a new one."""
        known = {
            role: getattr(cls, attribute) for role, attribute in CASE_USERS.items() if hasattr(cls, attribute)
        } | known
        users = {}
        for role, xmlid in ROLE_GROUPS.items():
            if role in known:
                users[role] = known[role]
            elif cls.env.ref(xmlid, raise_if_not_found=False):
                users[role] = new_test_user(
                    cls.env, f"screens_{role}", groups=xmlid, name=f"Screens {role.title()}", lang="en_US"
                )
        users.update({role: user for role, user in known.items() if role not in users})
        return users

    def assertScreensOpen(self, users, module, min_screens=1):
        """Every role opens every menu of `module` it sees, its views and records, without an error.

        Returns the walkers (one per role) so a test can look at what each role opened.
        """
        errors, walkers = [], {}
        for role, user in users.items():
            walker = ScreenWalker(self.env, user)
            walker.walk_menus(module)
            walkers[role] = walker
            _logger.info("%s opened %s", role, sorted({(o[0], o[2], o[3]) for o in walker.opened}))
            errors += walker.errors
        if errors:
            self.fail("Screens that fail:\n" + "\n".join(errors))
        opened = sum(len(walker.opened) for walker in walkers.values())
        self.assertGreaterEqual(opened, min_screens, f"the walk of {module} opened {opened} screens")
        return walkers
