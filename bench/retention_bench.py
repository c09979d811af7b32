#!/usr/bin/env python3
"""Retention: anonymising old satisfaction answers in batches, against one plain ORM write.

Atta's run locks each batch (NOWAIT), keeps a savepoint per batch so that a broken record can be
redone alone, and writes the anonymised values; the baseline writes the same values on the same
records with a single `write`. Printed at 10,000 and 100,000 answers: time, queries, and the
ratio, so that a reader sees the cost of the safety and that it stays linear.
Usage: python3 bench/retention_bench.py [--answers 100000] [--batch 500]
"""

import argparse
import time

from common import odoo_database


def insert_old_answers(cr, count, survey_id, partner_id, beneficiary_id):
    cr.execute(
        """
        INSERT INTO survey_user_input (survey_id, state, access_token, partner_id, email, atta_beneficiary_id,
                                       atta_sent_on, atta_score, create_date, write_date)
        SELECT %s, 'done', md5(random()::text || g), %s, 'bench@example.com', %s, DATE '2022-01-01', 80,
               now() - interval '4 years', now() - interval '4 years'
          FROM generate_series(1, %s) g RETURNING id""",
        [survey_id, partner_id, beneficiary_id, count],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("ANALYZE survey_user_input")
    return ids


def timed(cr, function):
    queries = cr.sql_log_count
    start = time.perf_counter()
    function()
    return time.perf_counter() - start, cr.sql_log_count - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415

    with odoo_database(["atta_survey"]) as registry, registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
        beneficiary = env["atta.beneficiary"].create({"name": "Bench", "identity_number": "1000000008"})
        survey = env.ref("atta_survey.survey_satisfaction")
        rule = env.ref("atta_survey.retention_survey_answer")
        Answer = env["survey.user_input"]
        for total in (args.answers // 10, args.answers):
            ids = insert_old_answers(cr, total, survey.id, beneficiary.partner_id.id, beneficiary.id)
            env.invalidate_all()
            atta_time, atta_queries = timed(cr, lambda: rule._run(batch_size=args.batch))
            cr.execute(
                "UPDATE survey_user_input SET partner_id = %s, atta_beneficiary_id = %s, atta_anonymized = NULL "
                "WHERE id = ANY(%s)",
                [beneficiary.partner_id.id, beneficiary.id, ids],
            )
            env.invalidate_all()
            answers = Answer.browse(ids)

            def baseline(records=answers):
                records.write(
                    {
                        "partner_id": False,
                        "email": False,
                        "nickname": False,
                        "atta_beneficiary_id": False,
                        "atta_anonymized": True,
                    }
                )
                env.flush_all()

            base_time, base_queries = timed(cr, baseline)
            print(
                f"{total:>7} answers: retention run {atta_time:6.2f} s, {atta_queries:6} queries | one ORM write "
                f"{base_time:6.2f} s, {base_queries:6} queries | time ratio {atta_time / base_time:5.2f}"
            )
            cr.execute("DELETE FROM survey_user_input WHERE id = ANY(%s)", [ids])
        cr.rollback()


if __name__ == "__main__":
    main()
