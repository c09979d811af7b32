import unittest

from lxml import etree

from .helpers import ADDONS, addon_dirs, manifest

EXPECTED_DEPENDS = {
    "atta_beneficiary": {"mail", "portal", "phone_validation"},
    "atta_research": {"atta_beneficiary", "portal"},
    "atta_website": {"atta_research", "website"},
    "atta_survey": {"atta_research", "survey"},
    "atta_distribution": {"atta_research", "stock_account"},
}


class TestManifests(unittest.TestCase):
    def test_the_atta_addons_are_there(self):
        self.assertEqual([p.name for p in addon_dirs()], sorted(EXPECTED_DEPENDS))

    def test_manifest_keys(self):
        for addon in addon_dirs():
            with self.subTest(addon=addon.name):
                data = manifest(addon)
                self.assertRegex(data["version"], r"^19\.0\.\d+\.\d+\.\d+$")
                self.assertEqual(data["license"], "LGPL-3")
                self.assertTrue(EXPECTED_DEPENDS[addon.name] <= set(data["depends"]))
                self.assertRegex(data["summary"], "[\u0600-\u06ff]", "summary needs its Arabic half")
                self.assertRegex(data["description"], "[\u0600-\u06ff]", "description needs its Arabic half")
                self.assertTrue(data.get("application"))
                for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
                    self.assertTrue((addon / "readme" / fragment).is_file(), f"readme/{fragment}")
                self.assertTrue((addon / "static" / "description" / "icon.png").is_file())

    def test_data_files_exist_and_load_in_a_sane_order(self):
        for addon in addon_dirs():
            files = manifest(addon)["data"]
            with self.subTest(addon=addon.name):
                for name in files:
                    self.assertTrue((addon / name).is_file(), f"{addon.name}: {name} is missing")
                self.assertEqual(len(files), len(set(files)), "a data file is listed twice")
                position = {name: index for index, name in enumerate(files)}
                # Groups before the access rights that name them, access rights before anything else.
                # An addon that adds no group (atta_website) starts with its access rights.
                has_groups = (addon / "security" / "groups.xml").is_file()
                if has_groups:
                    self.assertEqual(files[0], "security/groups.xml")
                self.assertEqual(files[int(has_groups)], "security/ir.model.access.csv")
                views = [n for n in files if n.startswith("views/")]
                self.assertEqual(views[-1], "views/menus.xml", "menus load after the actions they open")
                for name in files:
                    if name.startswith("security/") and name.endswith(".xml") and name != "security/groups.xml":
                        self.assertLess(position["security/ir.model.access.csv"], position[name])

    def test_every_data_file_on_disk_is_loaded(self):
        for addon in addon_dirs():
            listed = set(manifest(addon)["data"])
            on_disk = {
                str(p.relative_to(addon))
                for d in ("data", "security", "views", "report", "wizards")
                for p in (addon / d).glob("*")
                if p.suffix in (".xml", ".csv")
            }
            with self.subTest(addon=addon.name):
                self.assertEqual(on_disk - listed, set(), "files that no manifest loads")

    def test_no_stray_addon_folders(self):
        for path in ADDONS.iterdir():
            if path.is_dir() and not path.name.startswith("."):
                self.assertTrue((path / "__manifest__.py").is_file(), f"{path.name} is not an addon")

    def test_demo_data_is_declared_and_loads_once(self):
        for addon in addon_dirs():
            declared = manifest(addon).get("demo", [])
            on_disk = {str(p.relative_to(addon)) for p in (addon / "demo").glob("*.xml")}
            with self.subTest(addon=addon.name):
                self.assertEqual(set(declared), on_disk, "demo files on disk and in the manifest differ")
                for name in declared:
                    # The steps a demo file takes (<function>) must not run again on an update.
                    root = etree.parse(str(addon / name)).getroot()
                    self.assertEqual(root.get("noupdate"), "1", f'{name}: <odoo noupdate="1">')


class TestBackOfficeWithoutWebsite(unittest.TestCase):
    """A back office installs without a website: only atta_website depends on it and imports from it."""

    def test_no_back_office_addon_needs_the_website(self):
        for addon in addon_dirs():
            if addon.name == "atta_website":
                continue
            with self.subTest(addon=addon.name):
                self.assertNotIn("website", manifest(addon)["depends"])
                self.assertNotIn("atta_website", manifest(addon)["depends"])
                # The migration that hands the public side over names it; nothing else may.
                for path in addon.rglob("*.py"):
                    if "migrations" not in path.relative_to(addon).parts:
                        text = path.read_text(encoding="utf-8")
                        self.assertNotIn("odoo.addons.atta_website", text, str(path))
                        self.assertNotIn('"atta_website.', text, str(path))
