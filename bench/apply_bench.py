#!/usr/bin/env python3
"""The public application form under load, against Odoo's own website contact form.

Starts Odoo on 127.0.0.1 with a fresh database, then sends a bounded number of application
submissions (with two PDF documents each) at 1 and at 8 concurrent clients, and the same numbers of
Odoo's own /website/form/ contact messages (mail.mail) as the baseline measured in the same run.
Prints submissions per second and p50/p95 latency for each, and the ratios.
Usage: python3 bench/apply_bench.py [--submissions 80]
"""
import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import requests
from stdnum import luhn

from common import odoo_database, percentile
from run import free_port

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def national_id(serial):
    body = f"1{serial:08d}"
    return body + luhn.calc_check_digit(body)


def start_server(registry_args, port):
    cmd = [sys.executable, "-c", "import odoo.cli; odoo.cli.main()", "server", *registry_args,
           f"--http-port={port}", "--http-interface=127.0.0.1", "--workers=0", "--max-cron-threads=0",
           "--log-level=warn"]
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
    print(f"{label:<34} clients={clients}: {rate:6.1f}/s, p50 {statistics.median(latencies) * 1000:6.0f} ms, "
          f"p95 {percentile(latencies, 0.95) * 1000:6.0f} ms, {results.count(True)}/{total} accepted")
    return rate, statistics.median(latencies)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=80)
    args = parser.parse_args()

    from odoo import api  # noqa: PLC0415
    from odoo.tools import config, hmac  # noqa: PLC0415

    with odoo_database(["atta_research"]) as registry:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            params = env["ir.config_parameter"]
            params.set_param("atta_research.apply_limit_per_ip_hour", 100_000)
            params.set_param("atta_research.apply_limit_per_identity_day", 100_000)
            support_type = env.ref("atta_research.support_type_food_basket")
            documents = {f"document_{t.code}": t.code for t in support_type.required_document_type_ids}
            email_to = "info@example.com"
            signature = hmac(env(su=True), "website_form_signature", email_to)
        port = free_port()
        server_args = [f"--db_host={config['db_host']}", f"--db_port={config['db_port']}",
                       f"--db_user={config['db_user']}", f"--addons-path={','.join(config['addons_path'])}",
                       f"--data-dir={config['data_dir']}", "-d", registry.db_name]
        server = start_server(server_args, port)
        base = f"http://127.0.0.1:{port}"
        serial = iter(range(10_000_000))

        def apply(_index):
            number = national_id(next(serial))
            answer = requests.post(f"{base}/website/form/atta.online.application", timeout=60, data={
                "identity_type": "national_id", "identity_number": number, "name": f"Applicant {number}",
                "phone": "0551234567", "household_size": "4", "monthly_income": "1500",
                "support_type_id": support_type.id, "declaration_accepted": "1", "consent_accepted": "1",
            }, files={field: (f"{code}.pdf", PDF, "application/pdf") for field, code in documents.items()})
            return answer.ok and '"id"' in answer.text

        def contact(_index):
            answer = requests.post(f"{base}/website/form/mail.mail", timeout=60, data={
                "email_from": "visitor@example.com", "subject": "Question", "body_html": "Hello",
                "email_to": email_to, "website_form_signature": signature,
            })
            return answer.ok and '"id"' in answer.text

        try:
            for clients in (1, 8):
                base_rate, base_p50 = measure("website contact form (baseline)", contact, args.submissions, clients)
                atta_rate, atta_p50 = measure("Atta /apply form", apply, args.submissions, clients)
                print(f"{'ratio Atta / baseline':<34} clients={clients}: throughput {atta_rate / base_rate:.2f}, "
                      f"p50 latency {atta_p50 / base_p50:.2f}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
