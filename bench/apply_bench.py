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
Prints submissions per second and p50/p95 latency for each, and the ratios to the job application.
Usage: python3 bench/apply_bench.py [--submissions 80] [--workers 2]
"""

import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

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


def start_server(registry_args, port, workers):
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


def measure(label, send, total, clients):
    latencies = []

    def one(index):
        start = time.perf_counter()
        ok = send(index)
        latencies.append(time.perf_counter() - start)
        return ok

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(one, range(total)))
    elapsed = time.perf_counter() - start
    rate = total / elapsed
    print(
        f"{label:<34} clients={clients}: {rate:6.1f}/s, p50 {statistics.median(latencies) * 1000:6.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:6.0f} ms, {results.count(True)}/{total} accepted"
    )
    if results.count(True) != total:
        raise SystemExit(f"{label}: {total - results.count(True)} submissions were refused; the figures would mislead")
    return rate, statistics.median(latencies)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415
    from odoo.tools import config, hmac  # noqa: PLC0415

    with odoo_database(["atta_research", "website_hr_recruitment"]) as registry:
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
            existing = [national_id(9_000_000 + i) for i in range(2 * args.submissions)]
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
        server = start_server(server_args, port, args.workers)
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
            print(f"Odoo with {args.workers} workers, {args.submissions} submissions per line")
            for clients in (1, 8):
                job_rate, job_p50 = measure(
                    "job application, one CV (baseline)", job_application, args.submissions, clients
                )
                contact_rate, _p50 = measure("website contact form", contact, args.submissions, clients)
                new_rate, new_p50 = measure("Atta /apply, new person", apply_new, args.submissions, clients)
                held_rate, held_p50 = measure(
                    "Atta /apply, existing file (code)", apply_existing, args.submissions, clients
                )
                for label, rate, p50 in (("new person", new_rate, new_p50), ("existing file", held_rate, held_p50)):
                    print(
                        f"{'ratio Atta ' + label + ' / job':<34} clients={clients}: throughput "
                        f"{rate / job_rate:.2f}, p50 latency {p50 / job_p50:.2f}"
                    )
                print(f"{'ratio contact form / job':<34} clients={clients}: throughput {contact_rate / job_rate:.2f}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
