#!/usr/bin/env python3
"""Satisfaction export: 100,000 answers to XLSX, against xlsxwriter writing the same rows directly.

Prints time and peak Python memory (tracemalloc) of Atta's export and of the baseline, at 10,000
and 100,000 answers, so that a reader sees the ratio and that memory stays flat as rows grow.
Usage: python3 bench/survey_export_bench.py [--answers 100000]
"""

import argparse
import os
import tempfile
import time
import tracemalloc

import xlsxwriter
from common import odoo_database


def insert_answers(cr, count, survey_id, beneficiary_id, channel_id):
    cr.execute(
        """
        INSERT INTO survey_user_input (survey_id, state, access_token, atta_beneficiary_id, atta_channel_id,
                                       atta_sent_on, atta_score, create_date, write_date)
        SELECT %s, 'done', md5(random()::text || g), %s, %s, DATE '2026-01-01' + (g %% 300), (g %% 101), now(), now()
          FROM generate_series(1, %s) g""",
        [survey_id, beneficiary_id, channel_id, count],
    )
    cr.execute("ANALYZE survey_user_input")


def measure(function):
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    tracemalloc.start()
    start = time.perf_counter()
    function(path)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = os.path.getsize(path)
    os.unlink(path)
    return elapsed, peak / 1024 / 1024, size


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415

    with odoo_database(["atta_survey"]) as registry, registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
        beneficiary = env["atta.beneficiary"].create({"name": "Bench", "identity_number": "1000000008"})
        survey = env.ref("atta_survey.survey_satisfaction")
        channel = env.ref("atta_beneficiary.channel_phone")
        Report = env["atta.satisfaction.report"]
        inserted = 0
        for total in (args.answers // 10, args.answers):
            insert_answers(cr, total - inserted, survey.id, beneficiary.id, channel.id)
            inserted = total
            env.invalidate_all()

            def baseline(path):
                cr.execute("SELECT atta_sent_on, atta_score FROM survey_user_input WHERE state = 'done'")
                workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
                sheet = workbook.add_worksheet("Answers")
                for row, (sent_on, score) in enumerate(cr.fetchall(), 1):
                    sheet.write_row(row, 0, [sent_on.strftime("%Y-%m"), channel.name, "", score])
                workbook.close()

            atta_time, atta_memory, atta_size = measure(Report._export_xlsx)
            base_time, base_memory, base_size = measure(baseline)
            print(
                f"{total:>7} answers: Atta export {atta_time:6.2f} s, peak {atta_memory:6.1f} MiB, "
                f"{atta_size / 1024:7.0f} KiB | xlsxwriter alone {base_time:6.2f} s, peak {base_memory:6.1f} MiB "
                f"| time ratio {atta_time / base_time:5.2f}, memory ratio {atta_memory / base_memory:5.2f}"
            )
        cr.rollback()


if __name__ == "__main__":
    main()
