"""Shared set-up for the benchmarks: a throwaway PostgreSQL, a database with Atta installed,
and an Odoo environment in this process. Uses the Odoo that python3 imports."""

import contextlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from run import ThrowawayCluster, odoo_addons_path  # noqa: E402  (the test command's helpers)


@contextlib.contextmanager
def odoo_database(modules):
    """Yield an Odoo registry for a fresh database with `modules` installed."""
    cluster = ThrowawayCluster()
    conn = cluster.start()
    dbname = "atta_bench"
    args = [
        f"--db_host={conn['db_host']}",
        f"--db_port={conn['db_port']}",
        f"--db_user={conn['db_user']}",
        f"--addons-path={odoo_addons_path()}",
        f"--data-dir={cluster.tmp / 'data'}",
        "-d",
        dbname,
        "--http-interface=127.0.0.1",
    ]
    try:
        print(f"installing {', '.join(modules)}…", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import odoo.cli; odoo.cli.main()",
                "server",
                *args,
                "-i",
                ",".join(modules),
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        from odoo.modules.registry import Registry  # noqa: PLC0415
        from odoo.tools import config  # noqa: PLC0415

        config.parse_config(args, setup_logging=False)
        yield Registry(dbname)
    finally:
        cluster.stop()


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary_ms(samples):
    return f"median {statistics.median(samples) * 1000:.3f} ms, p95 {percentile(samples, 0.95) * 1000:.3f} ms"
