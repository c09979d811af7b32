"""The upgrade step of the Odoo layer: a live database upgraded to this code equals a fresh install of it.

The code of BASE (the commit before the public side left atta_research) is checked out in a temporary
git worktree and installed with demo data; that database is then upgraded with `-u all` on this
code. A second database gets this code fresh, with demo data. Both must hold the same installed
modules, the same number of records per Atta model, the same record rules and the same access
rights. Standard library only, like run.py which calls it.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# main's head before atta_website existed; ATTA_UPGRADE_FROM names another commit.
BASE = os.environ.get("ATTA_UPGRADE_FROM", "16a3afe")
MARK = "ATTA-SNAPSHOT "
# Run in `odoo shell`: what must be equal after an upgrade and after a fresh install, as one JSON line.
SNAPSHOT = r"""
import json
def xmlid(record):
    return record.get_external_id().get(record.id) or f"{record._name}:{record.display_name}"
modules = sorted(env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
counts = {}
for name, model in sorted(env.registry.items()):
    if name.startswith("atta.") and not model._abstract and not model._transient and model._auto:
        counts[name] = env[name].sudo().with_context(active_test=False).search_count([])
rules = sorted(
    [
        rule.model_id.model, xmlid(rule), rule.name, rule.domain_force or "", sorted(xmlid(g) for g in rule.groups),
        [rule.perm_read, rule.perm_write, rule.perm_create, rule.perm_unlink], rule.active,
    ]
    for rule in env["ir.rule"].sudo().with_context(active_test=False).search([("model_id.model", "=like", "atta.%")])
)
access = sorted(
    [a.model_id.model, xmlid(a.group_id) if a.group_id else "", [a.perm_read, a.perm_write, a.perm_create,
     a.perm_unlink]]
    for a in env["ir.model.access"].sudo().search([("model_id.model", "=like", "atta.%")])
)
print("ATTA-SNAPSHOT " + json.dumps({"modules": modules, "counts": counts, "rules": rules, "access": access}))
"""
# Records that a database writes for itself as it lives (its own trail of who read what), not data to compare.
NOT_COMPARED = {"atta.audit.log"}


def odoo(args, log, db_args, addons_path, data_dir, stdin=None):
    cmd = [
        sys.executable,
        "-c",
        "import odoo.cli; odoo.cli.main()",
        *args,
        f"--addons-path={addons_path}",
        f"--data-dir={data_dir}",
        "--no-http",
        "--workers=0",
        "--max-cron-threads=0",
        *db_args,
    ]
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        result = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=out, text=True, check=False)
        out.write(result.stdout)
    return result


def snapshot(db, log, db_args, addons_path, data_dir):
    result = odoo(["shell", "-d", db], log, db_args, addons_path, data_dir, stdin=SNAPSHOT)
    for line in result.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise RuntimeError(f"no snapshot of {db} (log: {log})")


def install(db, addons, log, db_args, addons_path, data_dir):
    args = ["server", "-d", db, "-i", ",".join(addons), "--with-demo", "--load-language=ar_001", "--stop-after-init"]
    if odoo(args, log, db_args, addons_path, data_dir).returncode:
        raise RuntimeError(f"installing {', '.join(addons)} into {db} failed (log: {log})")


def differences(upgraded, fresh):
    """What an upgraded database holds that a fresh one does not, or the other way round, in plain lines."""
    lines = []
    for name in ("modules", "rules", "access"):
        up = {json.dumps(item) for item in upgraded[name]}
        new = {json.dumps(item) for item in fresh[name]}
        lines += [f"{name}: only after the upgrade: {item}" for item in sorted(up - new)]
        lines += [f"{name}: only in a fresh install: {item}" for item in sorted(new - up)]
    for model in sorted(set(upgraded["counts"]) | set(fresh["counts"])):
        up, new = upgraded["counts"].get(model), fresh["counts"].get(model)
        if model not in NOT_COMPARED and up != new:
            lines.append(f"records of {model}: {up} after the upgrade, {new} in a fresh install")
    return lines


def run_upgrade_step(db_args, work, source_addons, atta_addons, test_only_addons, drop_database=None):
    """Return (passed, failed, skipped) as the other steps do."""
    base = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{BASE}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if base.returncode:
        print(f"Upgrade: SKIPPED, not passed: commit {BASE} is not in this repository")
        return 0, 0, 1
    log = work / "odoo-upgrade.log"
    old_tree = Path(tempfile.mkdtemp(prefix="atta-upgrade-from-"))
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old_tree), base.stdout.strip()],
        check=True,
        capture_output=True,
    )
    stamp = old_tree.name.rsplit("-", 1)[-1].lower()
    upgraded_db, fresh_db = f"atta_upgraded_{stamp}", f"atta_fresh_{stamp}"
    old_path = ",".join([str(old_tree / "addons"), *source_addons])
    new_path = ",".join([str(ROOT / "addons"), *source_addons])
    data_dir = work / "upgrade-data"
    try:
        old_addons = sorted(p.parent.name for p in (old_tree / "addons").glob("*/__manifest__.py"))
        print(f"Upgrade: installing {BASE} ({', '.join(old_addons)}) with demo data", flush=True)
        install(upgraded_db, old_addons + test_only_addons, log, db_args, old_path, data_dir)
        print("Upgrade: -u all on this code", flush=True)
        args = ["server", "-d", upgraded_db, "-u", "all", "--stop-after-init"]
        if odoo(args, log, db_args, new_path, data_dir).returncode:
            raise RuntimeError(f"the upgrade failed (log: {log})")
        print("Upgrade: a fresh install of this code with demo data, to compare", flush=True)
        install(fresh_db, atta_addons + test_only_addons, log, db_args, new_path, data_dir)
        upgraded = snapshot(upgraded_db, log, db_args, new_path, data_dir)
        fresh = snapshot(fresh_db, log, db_args, new_path, data_dir)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"Upgrade: FAILED: {error}")
        return 0, 1, 0
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)], check=False)
        if drop_database:
            drop_database(upgraded_db)
            drop_database(fresh_db)
    problems = differences(upgraded, fresh)
    checked = (
        f"{len(fresh['modules'])} modules, {len(fresh['counts'])} Atta models, {len(fresh['rules'])} record rules, "
        f"{len(fresh['access'])} access rights"
    )
    if problems:
        print(f"Upgrade: FAILED: the upgraded database differs from a fresh install ({checked}):")
        print("\n".join(problems))
        return 0, 1, 0
    print(f"Upgrade: the upgraded database equals a fresh install ({checked})")
    return 1, 0, 0
