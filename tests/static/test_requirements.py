"""requirements-test.txt lists everything the static layer imports, and tests/run.py knows it."""

import ast
import importlib.util
import sys
import unittest

from .docker_files import requirement_names
from .helpers import ROOT


def load_runner():
    spec = importlib.util.spec_from_file_location("atta_test_runner", ROOT / "tests" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def third_party_imports(path):
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            modules.add(node.module.split(".")[0])
    # The runner's own helpers beside it (tests/*.py) are checked as the runner is.
    local = {p.stem for p in (ROOT / "tests").glob("*.py")}
    return {m for m in modules if m not in sys.stdlib_module_names and m not in local}


class TestRequirements(unittest.TestCase):
    def test_the_static_layer_imports_only_what_requirements_test_lists(self):
        runner = load_runner()
        listed = requirement_names("requirements-test.txt")
        self.assertLessEqual({d.lower() for d in runner.STATIC_REQUIREMENTS.values()}, listed)
        for path in [ROOT / "tests" / "run.py", *sorted((ROOT / "tests" / "static").glob("*.py"))]:
            with self.subTest(file=path.name):
                self.assertLessEqual(
                    third_party_imports(path),
                    set(runner.STATIC_REQUIREMENTS),
                    "import it in tests/run.py's STATIC_REQUIREMENTS and requirements-test.txt",
                )

    def test_the_runner_itself_needs_only_the_standard_library(self):
        for path in sorted((ROOT / "tests").glob("*.py")):
            with self.subTest(file=path.name):
                self.assertEqual(third_party_imports(path), set())
