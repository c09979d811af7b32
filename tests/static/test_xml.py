import re
import unittest

from lxml import etree

from .helpers import addon_dirs

PRE_19 = [
    (re.compile(r"<tree[\s>]"), "<tree> is <list> since Odoo 18"),
    (re.compile(r"\battrs="), "attrs= is gone since Odoo 17: use invisible/readonly/required"),
    (re.compile(r"\bstates="), "states= is gone since Odoo 17"),
    (re.compile(r"kanban-box"), 'kanban cards are <t t-name="card"> since Odoo 18'),
    (re.compile(r"\bgroups_id\b"), "groups_id is group_ids since Odoo 19"),
    (re.compile(r'<field name="category_id"[^>]*ref="base\.module_category'), "groups hang off a privilege in 19"),
]


class TestXml(unittest.TestCase):
    def test_every_xml_file_parses(self):
        for addon in addon_dirs():
            for path in addon.rglob("*.xml"):
                with self.subTest(file=str(path.relative_to(addon.parent))):
                    etree.parse(str(path))

    def test_no_pre_19_idioms(self):
        for addon in addon_dirs():
            for path in list(addon.rglob("*.xml")) + list(addon.rglob("*.py")):
                if "tests" in path.parts:
                    continue
                text = path.read_text(encoding="utf-8")
                for pattern, why in PRE_19:
                    with self.subTest(file=path.name, idiom=pattern.pattern):
                        self.assertIsNone(pattern.search(text), f"{path}: {why}")
                if path.suffix == ".py":
                    self.assertNotIn("_sql_constraints", text, f"{path}: use models.Constraint in 19")
                    self.assertIsNone(re.search(r"type=.json.[,)]", text), f"{path}: use type='jsonrpc'")

    def test_record_ids_carry_no_module_prefix(self):
        for addon in addon_dirs():
            for path in addon.rglob("*.xml"):
                for element in etree.parse(str(path)).iter("record", "template", "menuitem"):
                    xmlid = element.get("id", "")
                    if "." not in xmlid:
                        with self.subTest(file=path.name, id=xmlid):
                            self.assertFalse(xmlid.startswith("atta_"), f"{xmlid}: no module prefix on own ids")
