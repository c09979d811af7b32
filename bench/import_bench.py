#!/usr/bin/env python3
"""Importing the association's existing files: a workbook of N families with three members each.

Measures, as a manager, the check (dry run) and the import of the workbook: time and queries per family,
against creating the same files (same values, members and IBAN, same context) directly through the ORM
in the same run, and the time per family at each size against the smallest (flat: about 1.0x; the check's
and the import's queries never compare every row with every other). Memory is measured at three sizes
(N/10, N/2 and N): Python's peak (tracemalloc) and the process's peak RSS (sampled every 20 ms) during the
check and the import, which must stay flat in the number of rows: the sheet is read as a stream and the
cache is emptied after each batch.
Usage: python3 bench/import_bench.py [--families 10000] [--sizes 1000,10000] [--check-only]
"""

import argparse
import base64
import io
import os
import threading
import time
import tracemalloc

from common import odoo_database
from stdnum import luhn


def nid(serial, prefix="1"):
    body = f"{prefix}{serial:08d}"
    return body + luhn.calc_check_digit(body)


def iban(serial):
    """A valid Saudi IBAN (mod 97) for each serial."""
    bban = f"80{serial:018d}"
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "SA00")) % 97
    return f"SA{check:02d}{bban}"


def families(start, count):
    """(family values, [member values]) as the desk's workbook has them: Hijri dates, 05… mobiles."""
    for index in range(start, start + count):
        head = nid(index * 4)
        family = {
            "identity_number": head,
            "name": f"Family {index}",
            "phone": f"05{index % 100000000:08d}",
            "birth_date": f"{1 + index % 28}/{1 + index % 12}/1400",
            "gender": "أنثى",
            "categories": "widows",
            "household_size": "4",
            "iban": iban(index),
        }
        members = [
            {
                "head_identity_number": head,
                "name": f"Member {index}-{m}",
                "relation": "ابن",
                "identity_number": nid(index * 4 + m),
                "birth_date": f"1/1/{1430 + m}",
            }
            for m in (1, 2, 3)
        ]
        yield family, members


def workbook(start, count):
    import xlsxwriter  # noqa: PLC0415

    from odoo.addons.atta_beneficiary.tools.import_sheet import FAMILY_COLUMNS, MEMBER_COLUMNS  # noqa: PLC0415

    output = io.BytesIO()
    # constant_memory: the bench's own workbook must not weigh on the process's RSS measured later.
    book = xlsxwriter.Workbook(output, {"in_memory": False, "constant_memory": True})
    sheets = [book.add_worksheet("الأسر"), book.add_worksheet("أفراد الأسر")]
    for sheet, columns in zip(sheets, (FAMILY_COLUMNS, MEMBER_COLUMNS), strict=True):
        for header_row, header in ((0, 1), (1, 2)):  # row by row: constant_memory writes rows in order
            for col, column in enumerate(columns):
                sheet.write_string(header_row, col, column[header])
    rows = [2, 2]
    for family, members in families(start, count):
        for kind, values in [(0, family)] + [(1, m) for m in members]:
            columns = FAMILY_COLUMNS if kind == 0 else MEMBER_COLUMNS
            for col, column in enumerate(columns):
                if column[0] in values:
                    sheets[kind].write_string(rows[kind], col, values[column[0]])
            rows[kind] += 1
    book.close()
    return base64.b64encode(output.getvalue())


def orm_baseline(env, start, count, category):
    """The same files created directly: beneficiary, three members, bank account, in batches of 100."""
    from odoo.fields import Command  # noqa: PLC0415

    from odoo.addons.atta_beneficiary.tools.hijri import parse_date_either  # noqa: PLC0415

    Beneficiary = env["atta.beneficiary"].with_context(
        tracking_disable=True, mail_create_nosubscribe=True, mail_create_nolog=True
    )
    batch = []

    def flush(batch):
        created = Beneficiary.create([vals for vals, _iban in batch])
        env["res.partner.bank"].create(
            [{"partner_id": b.partner_id.id, "acc_number": i} for b, (_v, i) in zip(created, batch, strict=True)]
        )
        env.flush_all()
        env.invalidate_all()

    for family, members in families(start, count):
        vals = {
            "name": family["name"],
            "identity_type": "national_id",
            "identity_number": family["identity_number"],
            "phone": family["phone"],
            "birth_date": parse_date_either(family["birth_date"])[0],
            "gender": "female",
            "category_ids": [Command.set([category.id])],
            "family_member_ids": [
                Command.create(
                    {
                        "name": m["name"],
                        "relation": "son",
                        "identity_type": "national_id",
                        "identity_number": m["identity_number"],
                        "birth_date": parse_date_either(m["birth_date"])[0],
                    }
                )
                for m in members
            ],
        }
        batch.append((vals, family["iban"]))
        if len(batch) == 100:
            flush(batch)
            batch = []
    if batch:
        flush(batch)


class RssSampler(threading.Thread):
    """The process's resident memory, read every 20 ms: the peak of each measured call."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0

    @staticmethod
    def current():
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def reset(self):
        self.peak = self.current()

    def run(self):
        while True:
            self.peak = max(self.peak, self.current())
            time.sleep(0.02)


RSS = RssSampler()


def measure(cr, function):
    """(seconds, queries, Python peak bytes, RSS peak bytes, RSS growth bytes) of one call."""
    tracemalloc.reset_peak()
    RSS.reset()
    before = RSS.peak
    queries = cr.sql_log_count
    start = time.perf_counter()
    function()
    elapsed = time.perf_counter() - start
    RSS.peak = max(RSS.peak, RSS.current())
    return elapsed, cr.sql_log_count - queries, tracemalloc.get_traced_memory()[1], RSS.peak, RSS.peak - before


def show(label, measured, size):
    """One measured call, printed as soon as it is taken: a long run on a busy machine shows what it has."""
    seconds, queries, peak, rss, growth = measured
    print(
        f"  {label:26s} {seconds:8.1f} s  {seconds / size * 1000:7.2f} ms/family  "
        f"{queries / size:6.1f} queries/family ({queries / (4 * size):5.2f}/row)  "
        f"Python peak {peak / 2**20:6.1f} MiB  RSS peak {rss / 2**20:6.0f} MiB (+{growth / 2**20:.0f})",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--sizes", help="comma-separated numbers of families instead of N/10, N/2 and N")
    parser.add_argument(
        "--check-only", action="store_true", help="measure the check (dry run) alone: no import, no ORM baseline"
    )
    args = parser.parse_args()
    with odoo_database(["atta_beneficiary"]) as registry, registry.cursor() as cr:
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415
        from odoo.tests import new_test_user  # noqa: PLC0415

        env = api.Environment(cr, SUPERUSER_ID, {})
        manager = new_test_user(env, "bench_manager", groups="atta_beneficiary.group_manager", lang="en_US")
        category = env["atta.beneficiary.category"].search([("code", "=", "widows")])
        cr.commit()
        menv = env(user=manager.id, context={"lang": "en_US", "tz": "Asia/Riyadh"})
        tracemalloc.start()
        RSS.start()
        serial = 1
        results = {}
        if args.sizes:
            sizes = sorted({int(size) for size in args.sizes.split(",")})
        else:
            sizes = sorted({max(args.families // 10, 1), max(args.families // 2, 1), args.families})
        for size in sizes:
            load = "/".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"\n{size:,} families, {3 * size:,} members ({4 * size:,} rows); load average {load}", flush=True)
            content = workbook(serial, size)
            job = menv["atta.beneficiary.import"].create({"file": content, "file_name": f"bench-{size}.xlsx"})
            del content
            cr.commit()
            check = measure(cr, job.action_check)
            cr.commit()
            show("check (dry run)", check, size)
            assert job.new_count == 4 * size, (
                job.new_count,
                job.refused_count,
                job.refused_line_ids[:3].mapped("reason"),
            )
            if args.check_only:
                results[size] = (check,)
                serial += size
                continue
            imported = measure(
                cr,
                lambda job=job: (
                    job.action_import(),
                    menv["atta.beneficiary.import"].sudo()._cron_run_imports(batches_per_run=10**6),
                ),
            )
            cr.commit()
            show("import", imported, size)
            assert job.state == "done" and job.done_count == 4 * size, (job.state, job.done_count)
            menv.invalidate_all()
            serial += size
            baseline = measure(cr, lambda serial=serial, size=size: orm_baseline(menv, serial, size, category))
            cr.commit()
            show("ORM create, same records", baseline, size)
            serial += size
            results[size] = (check, imported, baseline)
            print(
                f"  check + import vs ORM: time {(check[0] + imported[0]) / baseline[0]:.2f}x, "
                f"queries {(check[1] + imported[1]) / baseline[1]:.2f}x",
                flush=True,
            )
        small, large = sizes[0], sizes[-1]
        if large > small:
            # Flat means ~1.0x at every size: a check or an import that grows faster than its rows shows here.
            print(f"\ntime per family at each size / at {small:,} families:")
            for size in sizes:
                ratios = "  ".join(
                    f"{label} {results[size][index][0] / size / (results[small][index][0] / small):5.2f}x"
                    for index, label in ((0, "check"), (1, "import"), (2, "ORM create"))
                    if index < len(results[size])
                )
                print(f"  {size:>7,}  {ratios}")
            print(f"\nmemory at {large:,} families / at {small:,} (rows x{large / small:.0f}):")
            for index, label in ((0, "check"), (1, "import"), (2, "ORM create")):
                if index >= len(results[large]):
                    break
                python = results[large][index][2] / results[small][index][2]
                rss = results[large][index][3] / results[small][index][3]
                print(f"  {label:10s} Python peak {python:.2f}x  RSS peak {rss:.2f}x")


if __name__ == "__main__":
    main()
