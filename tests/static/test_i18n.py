import re
import unittest

from .helpers import addon_dirs, read_po

PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|%d")


class TestArabicTranslation(unittest.TestCase):
    def test_every_addon_ships_a_complete_arabic_translation(self):
        for addon in addon_dirs():
            pot = addon / "i18n" / f"{addon.name}.pot"
            po = addon / "i18n" / "ar.po"
            with self.subTest(addon=addon.name):
                self.assertTrue(pot.is_file() and po.is_file())
                entries = read_po(po)
                untranslated = [e["msgid"] for e in entries if not e.get("msgstr")]
                self.assertEqual(untranslated, [], "entries without an Arabic translation")
                translated = {e["msgid"] for e in entries}
                missing = [e["msgid"] for e in read_po(pot) if e["msgid"] not in translated]
                self.assertEqual(missing, [], "terms of the .pot that ar.po lacks")

    def test_every_entry_names_its_module(self):
        # Odoo refuses to load a translation file with an entry lacking its "#. module:" line.
        for addon in addon_dirs():
            for path in (addon / "i18n").glob("*.po*"):
                blocks = path.read_text(encoding="utf-8").split("\n\n")[1:]
                lacking = [block[:80] for block in blocks if "msgid" in block and "#. module:" not in block]
                with self.subTest(path=path.name, addon=addon.name):
                    self.assertEqual(lacking, [])

    def test_every_code_term_says_where_it_is_read(self):
        # Without "#. odoo-python" (or "-javascript") Odoo loads a code term as no code translation at all: the
        # server's messages, crons' notes included, would stay in English in an Arabic database.
        for addon in addon_dirs():
            for path in (addon / "i18n").glob("*.po*"):
                blocks = path.read_text(encoding="utf-8").split("\n\n")
                unmarked = [
                    block[block.index("msgid") :][:80]
                    for block in blocks
                    if "\n#: code:" in block and "#. odoo-python" not in block and "#. odoo-javascript" not in block
                ]
                with self.subTest(path=path.name, addon=addon.name):
                    self.assertEqual(unmarked, [])

    def test_arabic_for_odoos_own_terms_is_complete(self):
        # i18n_extra/ar.po: terms of Odoo's addons that Atta's screens show and Odoo leaves untranslated.
        for addon in addon_dirs():
            extra = addon / "i18n_extra" / "ar.po"
            if extra.is_file():
                with self.subTest(addon=addon.name):
                    entries = read_po(extra)
                    self.assertTrue(entries)
                    self.assertEqual([e["msgid"] for e in entries if not e.get("msgstr")], [])

    def test_placeholders_survive_translation(self):
        for addon in addon_dirs():
            for entry in self._arabic_entries(addon):
                with self.subTest(addon=addon.name, msgid=entry["msgid"][:60]):
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(entry["msgid"])), sorted(PLACEHOLDER.findall(entry["msgstr"]))
                    )

    def test_translations_are_arabic(self):
        arabic = re.compile("[\u0600-\u06ff]")
        for addon in addon_dirs():
            for entry in self._arabic_entries(addon):
                text = re.sub(r"<[^>]+>|%\([a-z_]+\)s|fa-\w+", "", entry["msgid"])
                # Natural language only: report-name expressions and input masks stay as they are.
                if re.search("[A-Za-z][a-z]{2,}", text) and "object." not in text:
                    with self.subTest(addon=addon.name, msgid=entry["msgid"][:60]):
                        self.assertRegex(entry["msgstr"], arabic)

    @staticmethod
    def _arabic_entries(addon):
        paths = (addon / "i18n" / "ar.po", addon / "i18n_extra" / "ar.po")
        return [entry for path in paths if path.is_file() for entry in read_po(path)]
