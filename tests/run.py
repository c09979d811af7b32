#!/usr/bin/env python3
"""Atta test command: the static layer always, the Odoo layer when Odoo 19 imports.

The Odoo layer works as OCA's CI does, on one PostgreSQL with one fresh database per step: each
addon installed and tested alone with only what it depends on (atta_beneficiary, then atta_research,
...), then every addon together with Odoo's demo data, then `first start`: the day-one tours (tests
tagged atta_day_one, left out of every other step) on a database made as config/start-atta.sh makes
it, and `upgrade`. The PostgreSQL is the one the PG* environment variables name, or else a throwaway
cluster started here in a temporary directory and removed afterwards. The last line sums every step.

This file imports nothing outside Python's standard library, so that on a bare machine it can say
in one line what is missing instead of failing with a traceback.
"""

import argparse
import ast
import glob
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIPPED_RE = re.compile(r" INFO \S+ odoo\.addons\.\S+\.tests\S*: skipped ")
LOG_PROBLEM_RE = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) \S+ (\S+): (.*)$")
MIN_PYTHON = (3, 11)
# Odoo addons a few tests need beside the manifests' dependencies, installed only in the test databases: the
# Saudi chart of accounts, loaded by atta_distribution's tests on a company of their own.
TEST_ONLY_ADDONS = {"atta_distribution": ("l10n_sa",)}
# What the static layer imports (module → distribution in requirements-test.txt). A static check
# keeps this table equal to the imports of tests/static and to requirements-test.txt.
STATIC_REQUIREMENTS = {"lxml": "lxml", "yaml": "PyYAML", "pylint_odoo": "pylint-odoo", "ruff": "ruff"}
# Python modules whose distribution name differs from the module name.
DISTRIBUTIONS = {"yaml": "PyYAML", "pylint_odoo": "pylint-odoo", "xlsxwriter": "XlsxWriter"}


def atta_addons():
    return sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text(encoding="utf-8"))


def missing_modules(modules):
    return [module for module in modules if importlib.util.find_spec(module) is None]


def static_layer_blocker():
    """One line saying what the static layer lacks on this Python, or None when nothing is missing."""
    if sys.version_info < MIN_PYTHON:
        return (
            f"atta: the test command needs Python {'.'.join(map(str, MIN_PYTHON))} or newer, "
            f"this is {sys.version.split()[0]}"
        )
    missing = missing_modules(STATIC_REQUIREMENTS)
    if missing:
        names = ", ".join(STATIC_REQUIREMENTS[m] for m in missing)
        return (
            f"atta: the static layer needs {names}: install with "
            f"`{sys.executable} -m pip install -r requirements-test.txt` "
            "(in a virtualenv if this Python refuses system-wide installs), then run again"
        )
    return None


def run_static(verbosity):
    print("== static layer ==", flush=True)
    suite = unittest.defaultTestLoader.discover(str(ROOT / "tests" / "static"), top_level_dir=str(ROOT))
    result = unittest.TextTestRunner(verbosity=verbosity, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    return result.testsRun - failed - skipped, failed, skipped


def odoo_version():
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo.release as r; print(r.version_info[0])"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return None, "python3 cannot import odoo"
    major = probe.stdout.strip()
    if major != "19":
        return None, f"python3 imports Odoo {major}, not 19"
    return major, ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]), reverse=True
    )
    return candidates[0] if candidates else None


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary directory, owned by a non-root user."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="atta-pg-"))
        self.data = self.tmp / "data"
        self.port = free_port()
        self.run_as = []
        if os.geteuid() == 0:
            self.run_as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.tmp, "postgres")

    def _pg(self, *args):
        subprocess.run(self.run_as + list(args), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        initdb, pg_ctl = find_pg_bin("initdb"), find_pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self._pg(initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        opts = f"-p {self.port} -k {self.tmp} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._pg(pg_ctl, "-D", str(self.data), "-o", opts, "-l", str(self.tmp / "pg.log"), "-w", "start")
        self._pg(
            find_pg_bin("psql"),
            "-h",
            str(self.tmp),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-q",
            "-c",
            "CREATE ROLE atta SUPERUSER LOGIN",
        )
        return {"db_host": str(self.tmp), "db_port": str(self.port), "db_user": "atta"}

    def stop(self):
        pg_ctl = find_pg_bin("pg_ctl")
        if pg_ctl and (self.data / "postmaster.pid").exists():
            subprocess.run(
                self.run_as + [pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(self.tmp, ignore_errors=True)


def odoo_addons_path():
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo, os; print(os.path.dirname(list(odoo.__path__)[0]))"],
        capture_output=True,
        text=True,
        check=True,
    )
    paths = [str(ADDONS_DIR)]
    source_addons = Path(probe.stdout.strip()) / "addons"
    if (source_addons / "web" / "__manifest__.py").exists():
        paths.append(str(source_addons))
    return ",".join(paths)


class Step:
    """One database: the addons installed with --test-enable, the tests these tags select."""

    def __init__(self, title, install, test_tags, demo):
        self.title, self.install, self.test_tags, self.demo = title, install, test_tags, demo


def atta_closure(addon):
    """The Atta addons installing this one brings in, itself included."""
    found, todo = set(), [addon]
    while todo:
        name = todo.pop()
        if name not in found and (ADDONS_DIR / name / "__manifest__.py").is_file():
            found.add(name)
            todo += manifest(name).get("depends", [])
    return found


def odoo_steps(test_tags, demo=False):
    addons = atta_addons()
    every_tag = ",".join(f"/{a}" for a in addons)
    if test_tags:
        # A narrowed run is one quick step: every addon, no demo data to load unless asked.
        title = "every Atta addon, with Odoo's demo data" if demo else "every Atta addon"
        return [Step(title, addons, test_tags, demo=demo)]
    # Each addon alone, with only what it depends on (an addon that needs all the others is the last step).
    alone = sorted((a for a in addons if atta_closure(a) != set(addons)), key=lambda a: len(atta_closure(a)))
    steps = []
    for addon in alone:
        others = sorted(atta_closure(addon) - {addon})
        title = f"{addon} alone" + (f", with {', '.join(others)}" if others else "")
        steps.append(Step(title, [addon], f"/{addon}", demo=False))
    return [*steps, Step("every Atta addon, with Odoo's demo data", addons, every_tag, demo=True)]


def external_dependency_blocker():
    """One line naming the Python packages that the manifests declare and this Python lacks."""
    missing = []
    for addon in atta_addons():
        for module in manifest(addon).get("external_dependencies", {}).get("python", []):
            if importlib.util.find_spec(module) is None:
                missing.append(f"{DISTRIBUTIONS.get(module, module)} (for {addon})")
    if missing:
        return (
            f"Odoo layer: FAILED before it started: {Path(sys.executable).name} lacks "
            f"{', '.join(missing)}; install with `{sys.executable} -m pip install "
            "-r requirements.txt`"
        )
    return None


def run_odoo(test_tags, keep_log, demo=False, upgrade_only=False, first_start_only=False):
    blocker = external_dependency_blocker()
    if blocker:
        print(blocker)
        return 0, 1, 0
    cluster = None
    db_args = []
    if not any(os.environ.get(v) for v in ("PGHOST", "PGPORT", "PGUSER")):
        cluster = ThrowawayCluster()
    work = Path(tempfile.mkdtemp(prefix="atta-odoo-"))
    totals = [0, 0, 0]
    try:
        if cluster:
            try:
                conn = cluster.start()
            except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
                print(
                    f"Odoo layer: FAILED before it started: no PostgreSQL to test on ({error}); install "
                    "PostgreSQL's server (Debian: apt-get install postgresql) or set PGHOST/PGUSER"
                )
                return 0, 1, 0
            db_args = [f"--db_host={conn['db_host']}", f"--db_port={conn['db_port']}", f"--db_user={conn['db_user']}"]
            print(f"PostgreSQL: throwaway cluster on port {conn['db_port']}", flush=True)
        else:
            print("PostgreSQL: from the PG* environment variables (each step drops its database)", flush=True)
        steps = [] if upgrade_only or first_start_only else odoo_steps(test_tags, demo)
        for number, step in enumerate(steps, 1):
            print(f"== Odoo layer, step {number}/{len(steps)}: {step.title} ==", flush=True)
            dbname = f"atta_test_{int(time.time())}_{number}"
            try:
                result = run_odoo_step(step, dbname, number, work, db_args)
            finally:
                if not cluster:
                    drop_database(dbname)
            if result[1]:
                keep_log = True
            totals = [a + b for a, b in zip(totals, result, strict=True)]
        if first_start_only or not (test_tags or upgrade_only):
            result = run_first_start(work, db_args, cluster)
            if result[1]:
                keep_log = True
            totals = [a + b for a, b in zip(totals, result, strict=True)]
        if upgrade_only or not (test_tags or first_start_only):
            result = run_upgrade(work, db_args, cluster)
            if result[1]:
                keep_log = True
            totals = [a + b for a, b in zip(totals, result, strict=True)]
        return tuple(totals)
    finally:
        if cluster:
            cluster.stop()
        if keep_log:
            print(f"Odoo logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_upgrade(work, db_args, cluster):
    """The step `upgrade`: the commit before atta_website, with demo data, upgraded to this code (tests/upgrade.py)."""
    print("== Odoo layer, step upgrade: a database of the previous version upgraded to this code ==", flush=True)
    sys.path.insert(0, str(ROOT / "tests"))
    import upgrade  # noqa: PLC0415 - standard library only, like this file

    addons = atta_addons()
    return upgrade.run_upgrade_step(
        db_args,
        work,
        odoo_addons_path().split(",")[1:],
        addons,
        test_only_addons(addons),
        drop_database=None if cluster else drop_database,
    )


def run_first_start(work, db_args, cluster):
    """The step `first start`: a database made as config/start-atta.sh makes it, then the day-one tours on it.

    No demo data: Odoo's `db init` for a Saudi company in Arabic, every Atta addon installed with Arabic,
    then config/first_start.py in `odoo shell` with the association of .env.example. The tests tagged
    `atta_day_one` (left out of every other step) then run on that database, as the staff's roles.
    """
    print("== Odoo layer, step first start: the day-one tours on a database made as the first start makes it ==")
    dbname = f"atta_first_start_{int(time.time())}"
    odoo = [sys.executable, "-c", "import odoo.cli; odoo.cli.main()"]
    paths = [f"--addons-path={odoo_addons_path()}", f"--data-dir={work / 'data'}"]
    quiet = ["--no-http", "--workers=0", "--max-cron-threads=0", "--log-level=warn"]
    env = dict(os.environ, **first_start_env(), ATTA_CONFIG_DIR=str(ROOT / "config"))
    phases = [
        (
            "creating the database",
            [*odoo, "db", *paths, *db_args, "init", dbname, "--country", "SA", "--language", "ar_001"],
            None,
        ),
        (
            "installing the Atta addons",
            [
                *odoo,
                "server",
                "-d",
                dbname,
                *paths,
                *db_args,
                "-i",
                ",".join(atta_addons()),
                "--load-language=ar_001",
                "--stop-after-init",
                *quiet,
            ],
            None,
        ),
        (
            "configuring the association (config/first_start.py)",
            [*odoo, "shell", "-d", dbname, *paths, *db_args, *quiet],
            ROOT / "config" / "first_start.py",
        ),
    ]
    try:
        for number, (what, cmd, stdin) in enumerate(phases, 1):
            log_path = work / f"odoo-first-start-{number}.log"
            with open(log_path, "w", encoding="utf-8") as log, open(stdin or os.devnull, encoding="utf-8") as feed:
                returncode = subprocess.run(
                    cmd, stdin=feed, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work, check=False
                ).returncode
            problems = [
                line.rstrip()
                for line in log_path.read_text(encoding="utf-8").splitlines()
                if (problem := LOG_PROBLEM_RE.match(line))
                and is_atta_install_problem(problem.group(2), problem.group(3))
            ]
            if returncode or problems:
                if problems:
                    print("Warnings or errors from Atta:", *problems, sep="\n")
                print(f"First start: FAILED {what} (exit {returncode}); log: {log_path}")
                return 0, 1, 0
            print(f"First start: {what}: done", flush=True)
        cmd = [
            *odoo,
            "server",
            "-d",
            dbname,
            *paths,
            *db_args,
            "--test-enable",
            # Without -i or -u Odoo runs the post_install tests of every installed addon these tags select.
            "--test-tags=atta_day_one",
            "--stop-after-init",
            f"--http-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--workers=0",
            "--max-cron-threads=0",
            "--log-level=info",
        ]
        return watch_odoo(cmd, work / "odoo-first-start-tests.log", "first start", work)
    finally:
        if not cluster:
            drop_database(dbname)


def first_start_env():
    """The association of .env.example (ATTA_*), and an admin password of this run's own."""
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("ATTA_"):
            values[key] = value
    return dict(values, ODOO_ADMIN_PASSWORD=os.urandom(12).hex())


def test_only_addons(install):
    """The test-only Odoo addons of the Atta addons this step installs."""
    closure = set().union(*(atta_closure(addon) for addon in install))
    return sorted({extra for addon in closure for extra in TEST_ONLY_ADDONS.get(addon, ())})


def drop_database(dbname):
    """Drop a step's database from a server that outlives the run (PG*): the tests leave nothing behind.

    Run by the Python that runs Odoo, which has psycopg2; libpq reads the PG* variables itself.
    """
    code = (
        "import sys, psycopg2\n"
        "from psycopg2 import sql\n"
        "conn = psycopg2.connect(dbname='postgres')\n"
        "conn.autocommit = True\n"
        "drop = sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)')\n"
        "conn.cursor().execute(drop.format(sql.Identifier(sys.argv[1])))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, dbname], capture_output=True, text=True, check=False)
    if result.returncode:
        print(f"PostgreSQL: could not drop {dbname}: {result.stderr.strip().splitlines()[-1:]}; drop it by hand")


def init_demo_database(dbname, work, db_args):
    """The database of the demo step, created as config/start-atta.sh creates it with ATTA_DEMO=1: a Saudi
    company (country and riyal), Arabic as its language, Odoo's demo data. True when done."""
    cmd = [
        sys.executable,
        "-c",
        "import odoo.cli; odoo.cli.main()",
        "db",
        f"--addons-path={odoo_addons_path()}",
        f"--data-dir={work / 'data'}",
        *db_args,
        "init",
        dbname,
        "--country",
        "SA",
        "--language",
        "ar_001",
        "--with-demo",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=work)
    if result.returncode:
        print(f"Odoo could not create the demo database {dbname}: {result.stderr.strip().splitlines()[-3:]}")
    return not result.returncode


def run_odoo_step(step, dbname, number, work, db_args):
    """Run one step on a fresh database; return (passed, failed, skipped)."""
    log_path = work / f"odoo-step{number}.log"
    if step.demo and not init_demo_database(dbname, work, db_args):
        return 0, 1, 0
    cmd = [
        sys.executable,
        "-c",
        "import odoo.cli; odoo.cli.main()",
        "server",
        "-d",
        dbname,
        f"--addons-path={odoo_addons_path()}",
        f"--data-dir={work / 'data'}",
        "-i",
        ",".join(step.install + test_only_addons(step.install)),
        "--load-language=ar_001",
        "--test-enable",
        f"--test-tags={step.test_tags}",
        "--stop-after-init",
        f"--http-port={free_port()}",
        "--http-interface=127.0.0.1",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
        *db_args,
    ]
    if step.demo:
        cmd.append("--with-demo")
    return watch_odoo(cmd, log_path, step.title, work)


def watch_odoo(cmd, log_path, title, work):
    """Run an Odoo test command, echoing and logging its lines; return (passed, failed, skipped)."""
    counts = None
    problems = []
    skipped = []
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=work)
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
            match = RESULT_RE.search(line)
            if match and "when loading database" in line:
                counts = tuple(int(g) for g in match.groups())
            if SKIPPED_RE.search(line):
                skipped.append(line.rstrip())
            problem = LOG_PROBLEM_RE.match(line)
            if problem and is_atta_install_problem(problem.group(2), problem.group(3)):
                problems.append(line.rstrip())
        returncode = proc.wait()
    if skipped:
        print(f"{len(skipped)} Odoo test(s) skipped:")
        print("\n".join(skipped))
    if problems:
        print("Warnings or errors from Atta outside its tests:")
        print("\n".join(problems))
    if counts is None:
        print(f"Odoo ended (exit {returncode}) without a test result line; log: {log_path}")
        return 0, 1, 0
    failed, errors, total = counts
    print(f"Odoo ({title}): {failed} failed, {errors} error(s), {len(skipped)} skipped of {total} tests")
    bad = failed + errors
    if total == 0:
        print("Odoo ran no test: that is a failure.")
    if not bad and (returncode or problems or total == 0):
        bad = 1  # the run itself failed even though no single test did
    return total - failed - errors - len(skipped), bad, len(skipped)


def is_atta_install_problem(logger, message):
    """A warning or error caused by an Atta addon, outside the tests' own logging."""
    if ".tests" in logger or logger.startswith("odoo.tests"):
        return False
    return logger.startswith("odoo.addons.atta_") or "atta_" in message or "atta." in message


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--static-only", action="store_true", help="run only the static layer")
    parser.add_argument(
        "--test-tags",
        help="Odoo --test-tags: one quick step, every addon, no demo data (default: every step, every Atta test)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="with --test-tags: run them on a database with Odoo's demo data, as the last step does",
    )
    parser.add_argument("--keep-log", action="store_true", help="keep the Odoo log files")
    parser.add_argument(
        "--upgrade",
        action="store_true",
        help="only the Odoo step `upgrade` (part of every full run): the previous version upgraded to this code",
    )
    parser.add_argument(
        "--first-start",
        action="store_true",
        help="only the Odoo step `first start` (part of every full run): the day-one tours on a first-start database",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    version, why = (None, "") if args.static_only else odoo_version()
    if version is None and not args.static_only and not os.environ.get("ATTA_FROM_SOURCE"):
        # No Odoo on this python3: take the source archive beside the project and run again in its virtualenv.
        sys.path.insert(0, str(ROOT / "tests"))
        import odoo_source  # noqa: PLC0415 - standard library only, needed only on a machine without Odoo

        python, source_why = odoo_source.python_with_odoo()
        if python:
            os.environ["ATTA_FROM_SOURCE"] = "1"
            os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
        why = f"{why}; {source_why}"

    blocker = static_layer_blocker()
    if blocker:
        print(blocker)
        return 2
    passed, failed, skipped = run_static(2 if args.verbose else 1)
    if args.static_only:
        print("Odoo layer: skipped (--static-only)")
        skipped += 1
    elif version is None:
        print(
            f"Odoo layer: SKIPPED, not passed: {why}. Install Odoo 19, lay its source archive beside the "
            "project (../shared/odoo/) or use the Docker setup (see README) to run the Odoo tests."
        )
        skipped += 1
        if os.environ.get("CI") == "true":
            print("Odoo layer: under CI a skipped Odoo layer is a failure.")
            failed += 1
    else:
        odoo_passed, odoo_failed, odoo_skipped = run_odoo(
            args.test_tags, args.keep_log, args.demo, upgrade_only=args.upgrade, first_start_only=args.first_start
        )
        passed += odoo_passed
        failed += odoo_failed
        skipped += odoo_skipped
    print(f"atta: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
