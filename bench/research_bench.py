#!/usr/bin/env python3
"""Support requests at scale: the deadline watcher and the request list on 100,000 requests.

Prints the watcher's SQL query count at two table sizes (it must not grow with the table) and its
time against a plain search_count over the same table, and the time to open the request list
(search_read of the list view's fields, first page). Usage: python3 bench/research_bench.py
"""

import argparse
import statistics
import time
from datetime import date, timedelta

from common import odoo_database, summary_ms

STATES = [
    "submitted",
    "verification",
    "research",
    "committee",
    "needs_info",
    "approved",
    "rejected",
    "delivered",
    "closed",
    "cancelled",
]


def insert_requests(cr, count, first_serial, today):
    """Requests spread over states and deadlines, none of them due for the watcher today."""
    cr.execute("SELECT id, partner_id FROM atta_beneficiary ORDER BY id LIMIT 1")
    beneficiary_id, partner_id = cr.fetchone()
    cr.execute("SELECT id FROM atta_support_type ORDER BY id LIMIT 1")
    type_id = cr.fetchone()[0]
    cr.execute("SELECT id FROM atta_channel ORDER BY id LIMIT 1")
    channel_id = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO atta_support_request (name, beneficiary_id, partner_id, support_type_id, channel_id, company_id,
                                          state, deadline, date_submitted, deadline_reminded, overdue_escalated,
                                          amount_requested, approved_amount, create_date, write_date)
        SELECT 'BENCH-' || g, %(b)s, %(p)s, %(t)s, %(c)s, 1,
               (%(states)s)[1 + g %% 10],
               -- running requests are either far from their deadline or already escalated
               CASE WHEN g %% 2 = 0 THEN %(today)s::date + 30 + g %% 60 ELSE %(today)s::date - 1 - g %% 90 END,
               now() - interval '20 days', FALSE, (g %% 2 = 1), 1000, 0, now(), now()
        FROM generate_series(%(first)s, %(last)s) g""",
        {
            "b": beneficiary_id,
            "p": partner_id,
            "t": type_id,
            "c": channel_id,
            "states": STATES,
            "today": today,
            "first": first_serial,
            "last": first_serial + count - 1,
        },
    )
    cr.execute("ANALYZE atta_support_request")


def make_due(env, count, today):
    """A fixed number of requests for the watcher to act on at each measure."""
    beneficiary = env["atta.beneficiary"].search([], limit=1)
    requests = env["atta.support.request"].create(
        [
            {"beneficiary_id": beneficiary.id, "support_type_id": env.ref("atta_research.support_type_cash").id}
            for _ in range(count)
        ]
    )
    requests.write({"state": "research"})
    half = count // 2
    requests[:half].write({"deadline": today + timedelta(days=1)})
    requests[half:].write({"deadline": today - timedelta(days=1)})
    env.flush_all()
    return requests


def run_watcher(env):
    cr = env.cr
    env.invalidate_all()
    before = cr.sql_log_count
    start = time.perf_counter()
    processed = env["atta.support.request"]._cron_watch_deadlines()
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - before, processed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=20)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415

    with odoo_database(["atta_research"]) as registry, registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})
        today = date.today()
        env["atta.beneficiary"].create(
            {"name": "Bench Beneficiary", "identity_number": "1000000008", "email": "bench@example.com"}
        )
        small = args.requests // 10
        insert_requests(cr, small, 1, today)
        make_due(env, args.due, today)
        small_time, small_queries, small_processed = run_watcher(env)
        insert_requests(cr, args.requests - small, small + 1, today)
        make_due(env, args.due, today)
        big_time, big_queries, big_processed = run_watcher(env)
        Request = env["atta.support.request"]
        counts = []
        for _ in range(20):
            start = time.perf_counter()
            Request.search_count([])
            counts.append(time.perf_counter() - start)
        total = Request.search_count([])
        print(
            f"deadline watcher on {small + 2 * args.due} requests: {small_queries} queries, "
            f"{small_time * 1000:.0f} ms, {small_processed} acted on"
        )
        print(
            f"deadline watcher on {total} requests: {big_queries} queries, "
            f"{big_time * 1000:.0f} ms, {big_processed} acted on"
        )
        print(f"queries at 10x the rows / queries at 1x:      {big_queries / small_queries:.2f}")
        print(f"search_count over {total} (baseline):          {summary_ms(counts)}")
        print(f"watcher time / search_count time:             {big_time / statistics.median(counts):.1f}")

        views = Request.get_views([(False, "list")])
        fields = list(views["models"]["atta.support.request"]["fields"])
        samples = []
        for _ in range(20):
            env.invalidate_all()
            start = time.perf_counter()
            Request.search_read([], fields, limit=80)
            samples.append(time.perf_counter() - start)
        verdict = "within" if statistics.median(samples) < 0.2 else "OVER"
        print(
            f"open the request list ({len(fields)} fields, 80 rows of {total}): {summary_ms(samples)} "
            f"— {verdict} the 200 ms target"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
