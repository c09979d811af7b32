#!/usr/bin/env python3
"""Duplicate signals across households: the managers' screen on a large registry.

Fills the registry by SQL (set-up, not measured) with N households of three members each, a few of
which share a mobile, an IBAN, a national address or a member. Then measures the duplicates
screen (a search of the pairs not yet reviewed) and the warning on one file, against a plain
`search_count` over the same beneficiary table in the same run, and prints the query plan's scan
nodes: the members are matched through the identity-number index, never by reading the member
table once per household. Usage: python3 bench/duplicates_bench.py [--households 100000]
"""

import argparse
import json
import statistics
import time

from common import odoo_database


def fill(cr, households):
    """Households with three members each; one in 1,000 shares each kind of signal with a neighbour."""
    # A distinct short national address per household (four letters, four digits), as on the address card.
    cr.execute("""
        CREATE OR REPLACE FUNCTION pg_temp.address_code(n integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
            SELECT 'R' || chr(65 + (n / 260000) % 26) || chr(65 + (n / 10000) % 26) || 'D'
                   || lpad((n % 10000)::text, 4, '0') $$""")
    cr.execute(
        """
        WITH partners AS (
            INSERT INTO res_partner (name, complete_name, active, type, lang, phone)
            SELECT 'Bulk ' || g, 'Bulk ' || g, TRUE, 'contact', 'en_US',
                   '+9665' || lpad(CASE WHEN g %% 1000 = 1 THEN g - 1 ELSE g END::text, 8, '0')
              FROM generate_series(1, %(n)s) g
            RETURNING id, phone)
        INSERT INTO atta_beneficiary (partner_id, reference, identity_type, identity_number, state, active,
                                      company_id, household_size, signal_mobile, national_address)
        SELECT id, 'BULK-' || id, 'national_id', (3000000000 + id)::text, 'draft', TRUE, 1, 4, phone,
               pg_temp.address_code(CASE WHEN id %% 1000 = 2 THEN id - 1 ELSE id END)
          FROM partners""",
        {"n": households},
    )
    cr.execute("""
        INSERT INTO atta_family_member (beneficiary_id, name, relation, identity_number, health_status,
                                        lives_with_beneficiary)
        SELECT b.id, 'Member ' || m, 'son',
               CASE WHEN b.id % 1000 = 3 AND m = 1 THEN previous.identity_number
                    ELSE (4000000000 + b.id * 3 + m)::text END, 'healthy', TRUE
          FROM atta_beneficiary b CROSS JOIN generate_series(1, 3) m
          LEFT JOIN atta_beneficiary previous ON previous.id = b.id - 1""")
    cr.execute("""
        INSERT INTO res_partner_bank (partner_id, acc_number, sanitized_acc_number, active, allow_out_payment)
        SELECT partner_id, 'SA' || lpad(id::text, 22, '0'),
               'SA' || lpad(CASE WHEN id % 1000 = 4 THEN id - 1 ELSE id END::text, 22, '0'), TRUE, FALSE
          FROM atta_beneficiary""")
    cr.execute("ANALYZE atta_beneficiary; ANALYZE atta_family_member; ANALYZE res_partner_bank")


def measure(function, repeat=5):
    samples = []
    for _index in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def scan_nodes(plan):
    """(node type, relation) of every scan in a JSON plan."""
    found = []
    stack = [plan]
    while stack:
        node = stack.pop()
        if "Scan" in node.get("Node Type", ""):
            found.append((node["Node Type"], node.get("Relation Name", ""), node.get("Parent Relationship", "")))
        stack.extend(node.get("Plans", []))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    args = parser.parse_args()
    with odoo_database(["atta_beneficiary"]) as registry, registry.cursor() as cr:
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415
        from odoo.tools import SQL  # noqa: PLC0415

        env = api.Environment(cr, SUPERUSER_ID, {})
        print(f"filling {args.households:,} households with 3 members each…", flush=True)
        fill(cr, args.households)
        Signal = env["atta.duplicate.signal"]
        Beneficiary = env["atta.beneficiary"]
        baseline, total = measure(lambda: Beneficiary.search_count([]))
        screen, pairs = measure(lambda: (env.invalidate_all(), Signal.search([("reviewed", "=", False)]))[1])
        one = Beneficiary.search([], limit=1, order="id desc")
        warning, _html = measure(lambda: (env.invalidate_all(), one.duplicate_warning)[1])
        kinds = {
            kind: len(pairs.filtered(lambda p, kind=kind: p.kind == kind))
            for kind in ("member", "iban", "mobile", "address")
        }
        print(f"households: {total:,}; pairs found: {len(pairs)} {kinds}")
        print(f"baseline search_count over the same table: {baseline * 1000:.1f} ms")
        print(f"duplicates screen: {screen * 1000:.1f} ms (ratio {screen / baseline:.1f}x)")
        print(f"warning on one file: {warning * 1000:.2f} ms (ratio {warning / baseline:.2f}x)")
        cr.execute(
            SQL("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM (%s) signal WHERE NOT reviewed", Signal._table_query)
        )
        plan = cr.fetchone()[0]
        plan = plan[0]["Plan"] if isinstance(plan, list) else json.loads(plan)[0]["Plan"]
        scans = scan_nodes(plan)
        member_seq = [s for s in scans if s[0] == "Seq Scan" and s[1] == "atta_family_member"]
        print("scans:", sorted({f"{kind} on {relation}" for kind, relation, _parent in scans}))
        print(
            f"sequential scans of the member table: {len(member_seq)} "
            f"({'none inside a loop' if all(p != 'Inner' for *_x, p in member_seq) else 'INSIDE A LOOP'})"
        )


if __name__ == "__main__":
    main()
