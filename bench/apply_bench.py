#!/usr/bin/env python3
"""The public application form under load, against Odoo's own forms that open a record.

Starts Odoo on 127.0.0.1 (2 workers) with a fresh database holding Atta and Odoo's job application
form (website_hr_recruitment), then sends a bounded number of submissions at 1 and at 8 concurrent
clients:
  - Odoo's job application (/website/form/hr.applicant with one PDF CV): the peer, a form that opens
    an applicant and its candidate with a file — the baseline;
  - Odoo's /website/form/ contact message (mail.mail), for reference;
  - Atta's /apply for a new person (three checks of content, a file, its documents, consents, a request);
  - Atta's /apply on the number of an existing file: held unverified, a one-time code queued by SMS.
Every kind is warmed up first (both workers load the registry and run each route), so the 1-client
figures do not include a worker's start. Prints submissions per second and p50/p95 latency for each,
the ratios to the job application, and what explains a figure: the transactions PostgreSQL refused
and Odoo retried (serialization failures), lock waits and statements longer than 100 ms, and the
CPU the benchmark client itself used (the machine is shared with it). The kinds alternate in rounds,
so that a load coming and going on the machine weighs on all of them alike.
Usage: python3 bench/apply_bench.py [--submissions 80] [--workers 2] [--warmup 8] [--rounds 4]
                                    [--server-log FILE]
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import requests
from common import odoo_database, percentile
from run import free_port
from stdnum import luhn

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n98\n%%EOF\n"
)


# A name is letters only: the serial number spelt with letters keeps every applicant's name distinct.
LETTERS = str.maketrans("0123456789", "abcdefghij")


def national_id(serial):
    body = f"1{serial:08d}"
    return body + luhn.calc_check_digit(body)


# Odoo retries a request whose transaction PostgreSQL refused ("could not serialize access"), after a
# random pause of up to 2, 4, 8… seconds: one retry costs more than a whole submission.
RETRY_LINE = re.compile(r"tries left, try again|maximum number of tries reached")
LOCK_WAIT_LINE = re.compile(r"still waiting for \w+Lock")
SLOW_QUERY_LINE = re.compile(r"LOG:  duration: ")


class Counter:
    """Lines matching `pattern` appended to a log file since the last call."""

    def __init__(self, path, pattern):
        self.path, self.pattern, self.offset = Path(path), pattern, 0

    def since_last(self):
        if not self.path.exists():
            return 0
        with self.path.open("rb") as log:
            log.seek(self.offset)
            text = log.read()
            self.offset = log.tell()
        return len(self.pattern.findall(text.decode("utf-8", "replace")))


def watch_database(dsn):
    """Have PostgreSQL log lock waits and statements longer than 100 ms (the cluster is the benchmark's own)."""
    connection = psycopg2.connect(**dsn)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("ALTER SYSTEM SET log_lock_waits = on")
        cursor.execute("ALTER SYSTEM SET deadlock_timeout = '100ms'")
        cursor.execute("ALTER SYSTEM SET log_min_duration_statement = '100ms'")
        cursor.execute("SELECT pg_reload_conf()")
    connection.close()


def start_server(registry_args, port, workers, log_file):
    cmd = [
        sys.executable,
        "-c",
        "import odoo.cli; odoo.cli.main()",
        "server",
        *registry_args,
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        f"--workers={workers}",
        "--max-cron-threads=0",
        "--limit-time-real=600",
        "--log-level=warn",
        # The retries of refused transactions are logged at INFO by this logger only.
        "--log-handler=odoo.service.model:INFO",
        f"--logfile={log_file}",
    ]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2)
            return server
        except OSError:
            time.sleep(1)
    server.kill()
    raise RuntimeError("Odoo did not start")


def warm_up(label, send, total, clients, counters):
    """Run `send` without measuring: every worker loads the registry and runs the route once."""
    counters["retries"].since_last()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(send, range(total)))
    if not all(results):
        raise SystemExit(f"{label}: a warm-up submission was refused; the figures would mislead")
    print(
        f"{'warm-up ' + label:<42} {total} submissions in {time.perf_counter() - start:5.1f} s, "
        f"{counters['retries'].since_last()} retried (not measured)"
    )


class Line:
    """One kind of submission at one number of clients, measured over several rounds."""

    def __init__(self, label, send):
        self.label, self.send = label, send
        self.latencies, self.elapsed, self.cpu, self.accepted, self.sent = [], 0.0, 0.0, 0, 0
        self.retries = self.lock_waits = self.slow = 0

    def run(self, total, clients, counters):
        for counter in counters.values():
            counter.since_last()

        def one(index):
            start = time.perf_counter()
            ok = self.send(index)
            self.latencies.append(time.perf_counter() - start)
            return ok

        start, cpu_start = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = list(pool.map(one, range(total)))
        self.elapsed += time.perf_counter() - start
        self.cpu += time.process_time() - cpu_start
        self.sent += total
        self.accepted += results.count(True)
        self.retries += counters["retries"].since_last()
        self.lock_waits += counters["lock_waits"].since_last()
        self.slow += counters["slow"].since_last()

    @property
    def rate(self):
        return self.sent / self.elapsed

    @property
    def p50(self):
        return statistics.median(self.latencies)

    def report(self, clients):
        print(
            f"{self.label:<34} clients={clients}: {self.rate:6.1f}/s, p50 {self.p50 * 1000:6.0f} ms, "
            f"p95 {percentile(self.latencies, 0.95) * 1000:6.0f} ms, {self.accepted}/{self.sent} accepted; "
            f"{self.retries} retried, {self.lock_waits} lock waits, {self.slow} slow queries, "
            f"client CPU {self.cpu / self.elapsed:.0%}"
        )
        if self.accepted != self.sent:
            raise SystemExit(
                f"{self.label}: {self.sent - self.accepted} submissions were refused; the figures would mislead"
            )


def measure(kinds, total, clients, rounds, counters):
    """Each kind in turn, `rounds` times, in a rotating order.

    The machine is shared: a load that comes and goes (another process, a checkpoint) then weighs on
    every kind alike instead of on whichever one happened to run at that moment.
    """
    lines = [Line(label, send) for label, send in kinds]
    per_round = [total // rounds + (1 if r < total % rounds else 0) for r in range(rounds)]
    for round_index, count in enumerate(per_round):
        shift = round_index % len(lines)
        for line in lines[shift:] + lines[:shift]:
            line.run(count, clients, counters)
    for line in lines:
        line.report(clients)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=8, help="unmeasured submissions of each kind first")
    parser.add_argument("--rounds", type=int, default=4, help="the kinds alternate in this many rounds")
    parser.add_argument("--server-log", help="keep Odoo's log in this file (default: deleted with the cluster)")
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415
    from odoo.tools import config, hmac  # noqa: PLC0415

    with odoo_database(["atta_website", "website_hr_recruitment"]) as registry:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            params = env["ir.config_parameter"]
            params.set_param("atta_research.apply_limit_per_ip_hour", 100_000)
            params.set_param("atta_research.apply_limit_per_identity_day", 100_000)
            support_type = env.ref("atta_research.support_type_food_basket")
            documents = {f"document_{t.code}": t.code for t in support_type.required_document_type_ids}
            email_to = "info@example.com"
            signature = hmac(env(su=True), "website_form_signature", email_to)
            job = env["hr.job"].create({"name": "Field Researcher", "website_published": True})
            # Files that returning applicants' numbers belong to: their applications wait for the code.
            existing = [national_id(9_000_000 + i) for i in range(2 * (args.submissions + args.warmup))]
            env["atta.beneficiary"].create(
                [
                    {"name": f"Registered {number}", "identity_number": number, "phone": "0501234567", "user_id": False}
                    for number in existing
                ]
            )
        port = free_port()
        server_args = [
            f"--db_host={config['db_host']}",
            f"--db_port={config['db_port']}",
            f"--db_user={config['db_user']}",
            f"--addons-path={','.join(config['addons_path'])}",
            f"--data-dir={config['data_dir']}",
            "-d",
            registry.db_name,
        ]
        cluster_dir = Path(config["data_dir"]).parent  # the throwaway cluster's directory (see common.py)
        watch_database(
            {
                "host": config["db_host"],
                "port": config["db_port"],
                "user": config["db_user"],
                "dbname": registry.db_name,
            }
        )
        server_log = Path(args.server_log).resolve() if args.server_log else cluster_dir / "odoo.log"
        counters = {
            "retries": Counter(server_log, RETRY_LINE),
            "lock_waits": Counter(cluster_dir / "pg.log", LOCK_WAIT_LINE),
            "slow": Counter(cluster_dir / "pg.log", SLOW_QUERY_LINE),
        }
        server = start_server(server_args, port, args.workers, server_log)
        base = f"http://127.0.0.1:{port}"
        serial = iter(range(10_000_000))
        returning = iter(existing)

        def post_application(number):
            answer = requests.post(
                f"{base}/website/form/atta.online.application",
                timeout=60,
                data={
                    "identity_type": "national_id",
                    "identity_number": number,
                    "name": f"Applicant {number.translate(LETTERS).title()}",
                    "phone": "0551234567",
                    "household_size": "4",
                    "monthly_income": "1500",
                    "support_type_id": support_type.id,
                    "declaration_accepted": "1",
                    "consent_accepted": "1",
                },
                files={field: (f"{code}.pdf", PDF, "application/pdf") for field, code in documents.items()},
            )
            return answer.ok and '"id"' in answer.text

        def apply_new(_index):
            return post_application(national_id(next(serial)))

        def apply_existing(_index):
            return post_application(next(returning))

        def job_application(index):
            answer = requests.post(
                f"{base}/website/form/hr.applicant",
                timeout=60,
                data={
                    "partner_name": f"Candidate {index}",
                    "email_from": f"candidate{index}@example.com",
                    "partner_phone": "0551234567",
                    "job_id": job.id,
                },
                files={"Resume": ("cv.pdf", PDF, "application/pdf")},
            )
            return answer.ok and '"id"' in answer.text

        def contact(_index):
            answer = requests.post(
                f"{base}/website/form/mail.mail",
                timeout=60,
                data={
                    "email_from": "visitor@example.com",
                    "subject": "Question",
                    "body_html": "Hello",
                    "email_to": email_to,
                    "website_form_signature": signature,
                },
            )
            return answer.ok and '"id"' in answer.text

        try:
            print(
                f"Odoo with {args.workers} workers, {args.submissions} submissions per line in {args.rounds} "
                "alternating rounds"
            )
            kinds = (
                ("job application, one CV (baseline)", job_application),
                ("website contact form", contact),
                ("Atta /apply, new person", apply_new),
                ("Atta /apply, existing file (code)", apply_existing),
            )
            for label, send in kinds:
                warm_up(label, send, args.warmup, 2 * args.workers, counters)
            for clients in (1, 8):
                baseline, contact_form, new, held = measure(kinds, args.submissions, clients, args.rounds, counters)
                for label, line in (("new person", new), ("existing file", held)):
                    print(
                        f"{'ratio Atta ' + label + ' / job':<34} clients={clients}: throughput "
                        f"{line.rate / baseline.rate:.2f}, p50 latency {line.p50 / baseline.p50:.2f}"
                    )
                contact_ratio = contact_form.rate / baseline.rate
                print(f"{'ratio contact form / job':<34} clients={clients}: throughput {contact_ratio:.2f}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
