#!/usr/bin/env python3
"""Beneficiary registry: bulk creation through the ORM, and lookup by identity number.

Prints records per second against plain res.partner creation measured in the same run, and the
time to find a beneficiary by identity number among 100,000, against a primary-key lookup on
the same table. Usage: python3 bench/beneficiary_bench.py [--files 10000] [--registry 100000]
"""

import argparse
import random
import time

from common import odoo_database, summary_ms, timed
from stdnum import luhn

BATCH = 500


def national_id(serial):
    body = f"1{serial:08d}"
    return body + luhn.calc_check_digit(body)


def create_partners(env, count):
    for start in range(0, count, BATCH):
        env["res.partner"].create(
            [{"name": f"Partner {i}", "phone": "+966501234567"} for i in range(start, min(start + BATCH, count))]
        )
        env.flush_all()


def create_beneficiaries(env, count, offset):
    for start in range(0, count, BATCH):
        env["atta.beneficiary"].create(
            [
                {
                    "name": f"Beneficiary {i}",
                    "identity_number": national_id(offset + i),
                    "phone": "0501234567",
                    "family_member_ids": [(0, 0, {"name": f"Member {i}-{m}", "relation": "son"}) for m in range(3)],
                }
                for i in range(start, min(start + BATCH, count))
            ]
        )
        env.flush_all()


def fill_registry_by_sql(cr, total, offset):
    """Bring the table to `total` beneficiaries quickly: this part is set-up, not measured."""
    cr.execute("SELECT COUNT(*) FROM atta_beneficiary")
    missing = total - cr.fetchone()[0]
    if missing <= 0:
        return
    cr.execute(
        """
        WITH partners AS (
            INSERT INTO res_partner (name, complete_name, active, type, lang)
            SELECT 'Bulk ' || g, 'Bulk ' || g, TRUE, 'contact', 'en_US' FROM generate_series(1, %s) g
            RETURNING id)
        INSERT INTO atta_beneficiary (partner_id, reference, identity_type, identity_number, state,
                                      active, company_id, household_size)
        SELECT id, 'BULK-' || id, 'national_id', (%s + row_number() OVER ())::text, 'draft', TRUE, 1, 1
        FROM partners""",
        [missing, 3_000_000_000 + offset],
    )
    cr.execute("ANALYZE atta_beneficiary")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--registry", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=500)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415

    with odoo_database(["atta_beneficiary"]) as registry:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True, "lang": "en_US"})
            baseline, _ = timed(create_partners, env, args.files)
            atta, _ = timed(create_beneficiaries, env, args.files, 0)
            cr.commit()
            print(
                f"create res.partner (baseline):             {args.files / baseline:8.0f} records/s "
                f"({args.files} in {baseline:.1f} s)"
            )
            print(
                f"create atta.beneficiary with 3 members:   {args.files / atta:8.0f} records/s "
                f"({args.files} in {atta:.1f} s)"
            )
            print(
                f"throughput ratio beneficiary / partner:   {baseline / atta:8.2f} "
                f"(a beneficiary with its 3 family members costs {atta / baseline:.2f} partners)"
            )

            fill_registry_by_sql(cr, args.registry, args.files)
            cr.commit()
            cr.execute("SELECT id, identity_number FROM atta_beneficiary")
            rows = cr.fetchall()
            picks = random.Random(7).sample(rows, min(args.lookups, len(rows)))
            Beneficiary = env["atta.beneficiary"]
            by_number, by_id = [], []
            for record_id, number in picks:
                env.invalidate_all()
                start = time.perf_counter()
                found = Beneficiary.search([("identity_number", "=", number)])
                by_number.append(time.perf_counter() - start)
                assert found.id == record_id
                start = time.perf_counter()
                Beneficiary.search([("id", "=", record_id)])
                by_id.append(time.perf_counter() - start)
            cr.execute("EXPLAIN SELECT id FROM atta_beneficiary WHERE identity_number = %s", [picks[0][1]])
            plan = " ".join(r[0] for r in cr.fetchall())
            median_ratio = sorted(by_number)[len(by_number) // 2] / sorted(by_id)[len(by_id) // 2]
            print(f"search by identity number among {len(rows)}: {summary_ms(by_number)}")
            print(f"search by id among {len(rows)} (baseline):  {summary_ms(by_id)}")
            print(f"ratio identity-number / id lookup:         {median_ratio:8.2f}x")
            print(f"plan: {'index scan' if 'Index' in plan else 'NO INDEX'} — {plan.strip()[:120]}")


if __name__ == "__main__":
    main()
