"""Every Atta model shows a readable name in the Arabic UI, never `atta.support.delivery,4`."""

import ast
import unittest

from .helpers import addon_dirs

# Base classes whose records are never shown by name: wizards, mixins, settings screens.
UNNAMED_BASES = {"TransientModel", "AbstractModel"}


def _string(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _strings(node):
    """The model names of an `_inherit`: one string or a list of them."""
    if isinstance(node, ast.List | ast.Tuple):
        return [value for value in map(_string, node.elts) if value]
    return [value for value in [_string(node)] if value]


def model_classes():
    """(model name, path, whether it is stored, what names it, its parents) for every class defining or extending
    an atta.* model."""
    found = []
    for addon in addon_dirs():
        for path in addon.rglob("*.py"):
            if "tests" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
                bases = {
                    base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "") for base in cls.bases
                }
                attrs, methods = {}, set()
                for item in cls.body:
                    if (
                        isinstance(item, ast.Assign)
                        and len(item.targets) == 1
                        and isinstance(item.targets[0], ast.Name)
                    ):
                        attrs[item.targets[0].id] = item.value
                    elif isinstance(item, ast.FunctionDef):
                        methods.add(item.name)
                name = _string(attrs.get("_name"))
                parents = _strings(attrs.get("_inherit"))
                inherit = parents[0] if len(parents) == 1 else None
                model = name or inherit
                if not model or not model.startswith("atta."):
                    continue
                names = "_rec_name" in attrs or "name" in attrs or "_compute_display_name" in methods
                found.append((model, path, bool(name) and not bases & UNNAMED_BASES, names, parents))
    return found


class TestDisplayNames(unittest.TestCase):
    def test_every_atta_model_has_a_readable_name(self):
        classes = model_classes()
        stored = {model for model, _path, is_stored, _names, _parents in classes if is_stored}
        named = {model for model, _path, _stored, names, _parents in classes if names}
        # A model is named by a mixin it inherits that names its records (atta.money.line.mixin …).
        named |= {model for model, _path, _stored, _names, parents in classes if named & set(parents)}
        self.assertGreater(len(stored), 30, "the parser found too few models")
        missing = sorted(stored - named)
        self.assertEqual(
            missing, [], "give these models a _rec_name, a name field or a _compute_display_name (shown in Arabic)"
        )
