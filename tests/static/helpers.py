"""Helpers shared by the static checks: they read the repository, never import Odoo."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"


def addon_dirs():
    return sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text(encoding="utf-8"))


def read_po(path):
    """Entries of a .po/.pot file as dicts: msgid, msgstr (continuation lines joined)."""
    entries, current, key = [], {}, None
    pattern = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$')
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        match = pattern.match(line)
        if match:
            if match.group(1) in ("msgid", "msgctxt") and "msgstr" in current:
                entries.append(current)
                current = {}
            key = match.group(1)
            current[key] = _unescape(match.group(2))
        elif line.startswith('"') and key:
            current[key] += _unescape(line[1:-1])
        elif not line or line.startswith("#"):
            key = None
    if "msgstr" in current:
        entries.append(current)
    return [e for e in entries if e.get("msgid")]


def _unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def model_names(addon_dir):
    """Models an addon defines (`_name = "atta.x"`) in its Python files; an extension that names the model it
    inherits (`_name = "res.partner"` beside `_inherit = ["res.partner", "a.mixin"]`) defines none."""
    names = set()
    for path in addon_dir.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "models.AbstractModel" in text:
            continue  # abstract models have no table and need no access rights
        for name in re.findall(r'^\s+_name = "([a-z_.]+)"', text, re.M):
            if not re.search(rf'^\s+_inherit = \[?"{re.escape(name)}"', text, re.M):
                names.add(name)
    return names


def access_matrix_table():
    """The README's access matrix, rendered from the tables the Odoo tests execute: each addon's own models
    (atta_beneficiary's file names the roles), shown as one table."""
    tables = {}
    for addon in ("atta_beneficiary", "atta_research", "atta_survey", "atta_website"):
        namespace = {}
        source = ADDONS / addon / "tests" / "access_matrix.py"
        exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)  # noqa: S102 - our own data file
        tables[addon] = namespace
    roles, titles = tables["atta_beneficiary"]["ROLES"], tables["atta_beneficiary"]["ROLE_TITLES"]
    matrix = {}
    for namespace in tables.values():
        matrix.update(namespace["MATRIX"])
    lines = ["| Model | " + " | ".join(titles[role] for role in roles) + " |", "| --- |" + " :---: |" * len(roles)]
    for model, row in sorted(matrix.items()):
        lines.append(f"| `{model}` | " + " | ".join(f"`{cell}`" for cell in row.split()) + " |")
    return "\n".join(lines)
