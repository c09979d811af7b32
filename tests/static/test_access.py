import csv
import unittest

from .helpers import ROOT, access_matrix_table, addon_dirs, model_names


class TestAccessRights(unittest.TestCase):
    def test_every_model_has_access_rules(self):
        lines = []
        for addon in addon_dirs():
            with open(addon / "security" / "ir.model.access.csv", encoding="utf-8") as handle:
                lines += list(csv.DictReader(handle))
        covered = {line["model_id:id"].split(".")[-1] for line in lines}
        for addon in addon_dirs():
            for model in model_names(addon):
                with self.subTest(model=model):
                    self.assertIn("model_" + model.replace(".", "_"), covered, f"{model} has no access line")

    def test_access_lines_are_well_formed(self):
        for addon in addon_dirs():
            with open(addon / "security" / "ir.model.access.csv", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            ids = [row["id"] for row in rows]
            with self.subTest(addon=addon.name):
                self.assertEqual(len(ids), len(set(ids)), "duplicate access ids")
                for row in rows:
                    self.assertTrue(
                        row["group_id:id"], f"{row['id']}: an access line without a group gives everyone access"
                    )
                    for perm in ("perm_read", "perm_write", "perm_create", "perm_unlink"):
                        self.assertIn(row[perm], ("0", "1"))


class TestAccessMatrixInReadme(unittest.TestCase):
    def test_the_readme_shows_the_matrix_the_tests_execute(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        self.assertIn(
            access_matrix_table(),
            readme,
            "README.md's access matrix differs from the addons' tests/access_matrix.py tables: "
            "paste the output of tests.static.helpers.access_matrix_table()",
        )
