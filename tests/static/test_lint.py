import importlib.util
import subprocess
import sys
import unittest

from .helpers import ROOT, addon_dirs


@unittest.skipUnless(importlib.util.find_spec("pylint_odoo"), "pylint-odoo is not installed (requirements-test.txt)")
class TestPylintOdoo(unittest.TestCase):

    def test_pylint_odoo_passes(self):
        result = subprocess.run(
            [sys.executable, "-m", "pylint", f"--rcfile={ROOT / '.pylintrc'}",
             "--disable=manifest-deprecated-key,missing-readme", *map(str, addon_dirs())],
            capture_output=True, text=True, cwd=ROOT, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
