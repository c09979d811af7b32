"""The linters of .pre-commit-config.yaml, run from their PyPI packages at the versions it pins."""

import re
import subprocess
import sys
import unittest
from importlib import metadata

import yaml

from .helpers import ROOT, addon_dirs


def pre_commit_hooks():
    """{hook id: (repository revision, hook config)} of .pre-commit-config.yaml."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: (repo["rev"], hook) for repo in config["repos"] for hook in repo["hooks"]}


def pinned(distribution):
    """The version requirements-test.txt pins with ==."""
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(distribution)}==(\S+)", text, re.M | re.I)
    return match and match.group(1)


def run(*args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=False)


class TestLinters(unittest.TestCase):
    def test_hooks_requirements_and_installed_linters_agree(self):
        hooks = pre_commit_hooks()
        for hook, distribution in (("ruff-check", "ruff"), ("ruff-format", "ruff"), ("pylint_odoo", "pylint-odoo")):
            with self.subTest(hook=hook):
                self.assertEqual(
                    hooks[hook][0],
                    f"v{pinned(distribution)}",
                    f"{hook}: .pre-commit-config.yaml and requirements-test.txt pin other versions",
                )
                self.assertEqual(
                    metadata.version(distribution),
                    pinned(distribution),
                    f"installed {distribution} is not the pinned one: pip install -r requirements-test.txt",
                )

    def test_ruff_check_passes(self):
        result = run("-m", "ruff", "check", "--no-cache", "--output-format=concise", ".")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ruff_format_leaves_every_file_as_it_is(self):
        result = run("-m", "ruff", "format", "--no-cache", "--check", "--output-format=concise", ".")
        self.assertEqual(
            result.returncode, 0, "run `ruff format .` and commit the result:\n" + result.stdout + result.stderr
        )

    def test_pylint_odoo_passes(self):
        args = pre_commit_hooks()["pylint_odoo"][1].get("args", [])
        result = run("-m", "pylint", *args, *map(str, addon_dirs()))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
