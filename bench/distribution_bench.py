#!/usr/bin/env python3
"""A monthly allowance round for 10,000 enrolled families, against the ORM's own payments.

Prints the time and SQL query count of computing the round's entitlements and of its approval (which
drafts one vendor payment per family in the fund's bank journal), against creating the same number of
account.payment records directly through the ORM in the same run, and the queries per family of each.
Usage: python3 bench/distribution_bench.py [--families 10000]
"""

import argparse
import time
from datetime import date

from common import odoo_database


def measure(env, function):
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - before, result


def setup(env, families):
    """A Zakat fund with its bank journal and money, a programme, and `families` registered, enrolled files."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    orphans = env.ref("atta_beneficiary.category_orphans")
    orphans.zakat_eligible = True
    # Registration documents are checked by the tests; the bench measures the round, not the paperwork.
    env["atta.document.type"].search([]).required_for_registration = False
    journal = env["account.journal"].create({"name": "Zakat Bank", "type": "bank", "code": "ZKT"})
    fund = env["atta.fund"].create({"name": "Zakat", "kind": "zakat", "journal_id": journal.id})
    donor = env["res.partner"].create({"name": "Donor"})
    env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": donor.id,
            "amount": 1000 * families * 3,
            "journal_id": journal.id,
        }
    ).action_post()
    programme = env["atta.programme"].create(
        {"name": "Monthly allowance", "kind": "cash", "fund_id": fund.id, "amount": 1000, "date_start": date.today()}
    )
    beneficiaries = env["atta.beneficiary"]
    for first in range(0, families, 1000):
        batch = env["atta.beneficiary"].create(
            [
                {
                    "name": f"Family {serial}",
                    "identity_number": f"{2_000_000_000 + serial}",
                    "identity_type": "border_number",
                    "category_ids": [(6, 0, orphans.ids)],
                    "aid_payment_method": "cheque",
                }
                for serial in range(first, min(first + 1000, families))
            ]
        )
        beneficiaries |= batch
        env.flush_all()
    beneficiaries.write({"state": "registered", "registration_date": date.today()})
    env["atta.enrolment"].create(
        [{"programme_id": programme.id, "beneficiary_id": b.id, "date_start": date.today()} for b in beneficiaries]
    )
    env.flush_all()
    return journal, programme, beneficiaries


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--families", type=int, default=10_000)
    args = parser.parse_args()
    count = args.families

    from odoo import api  # noqa: PLC0415

    with odoo_database(["atta_distribution"]) as registry, registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})
        print(f"setting up {count} enrolled families…", flush=True)
        journal, programme, beneficiaries = setup(env, count)
        round_ = env["atta.distribution.round"].create({"programme_id": programme.id, "date": date.today()})
        compute_time, compute_queries, _ = measure(env, round_.action_compute)
        assert round_.entitled_count == count, (round_.entitled_count, round_.line_ids[:3].mapped("skip_reason"))
        approve_time, approve_queries, _ = measure(env, round_.action_approve)
        assert round_.batch_id.payment_count == count

        method = journal.outbound_payment_method_line_ids[:1]
        vals = [
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": partner.id,
                "amount": 1000,
                "date": date.today(),
                "journal_id": journal.id,
                "payment_method_line_id": method.id,
                "memo": f"baseline {partner.id}",
            }
            for partner in beneficiaries.partner_id
        ]
        baseline_time, baseline_queries, _ = measure(env, lambda: env["account.payment"].create(vals))

        round_total = compute_time + approve_time
        print(
            f"compute entitlements of {count} families: {compute_time:.2f} s, {compute_queries} queries "
            f"({compute_queries / count:.3f} per family)"
        )
        print(
            f"approve: {count} draft payments in one batch: {approve_time:.2f} s, {approve_queries} queries "
            f"({approve_queries / count:.2f} per family)"
        )
        print(
            f"baseline: account.payment.create of {count} payments: {baseline_time:.2f} s, {baseline_queries} "
            f"queries ({baseline_queries / count:.2f} per family)"
        )
        print(f"round with its batch (entitlements and approval): {round_total:.2f} s (goal: under 60 s on 2 cores)")
        print(f"approval / baseline: time {approve_time / baseline_time:.2f}x (goal: at most 1.3x)")
        print(
            f"whole round / baseline: time {round_total / baseline_time:.2f}x, "
            f"queries {(compute_queries + approve_queries) / baseline_queries:.2f}x"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
