#!/bin/bash
# Atta in the image built from the Dockerfile (docker-compose.yml runs it twice):
#   start-atta.sh setup   the first start: creates the database with the Atta addons and Arabic,
#                         configures the association from .env, then exits. Idempotent: a ready
#                         database is left as it is, a half-made one (an earlier failed start) is
#                         completed.
#   start-atta.sh serve   runs Odoo on that database.
# Any failure ends with one line starting "Atta setup FAILED" and a non-zero exit.
set -Eeuo pipefail  # -E: the ERR trap below also fires inside functions
mode="${1:-serve}"
fail() { echo "Atta setup FAILED: $*" >&2; exit 1; }
trap 'fail "line $LINENO of start-atta.sh ended with an error (see the lines above)"' ERR

for secret in ODOO_MASTER_PASSWORD ODOO_ADMIN_PASSWORD POSTGRES_PASSWORD; do
    [ -n "${!secret:-}" ] || fail "set $secret in .env (see .env.example)"
    # The placeholders of .env.example are public: a server set up with them is open to anyone.
    case "${!secret}" in
        change-me*) fail "$secret in .env is still the placeholder of .env.example: replace it with a password of your own" ;;
    esac
done
DB_NAME="${ATTA_DB:-atta}"
# Every addon of the repository (mounted at /mnt/extra-addons), so that a new one is installed too.
ADDONS="$(cd /mnt/extra-addons && printf '%s\n' ./*/__manifest__.py | cut -d/ -f2 | paste -sd, -)"

# odoo.conf plus the secrets of .env, in a file only this run reads (readable by its user only; its own
# name, so a setup and a server started side by side never write into each other's). The keys set here
# are dropped from the copy first: Odoo refuses a configuration file that names a key twice.
conf="$(mktemp /tmp/atta-odoo-XXXXXX.conf)"
grep -v -E '^(admin_passwd|db_user|db_password|db_name|dbfilter)[[:space:]]*=' /etc/odoo/odoo.conf > "$conf"
printf 'admin_passwd = %s\ndb_user = %s\ndb_password = %s\ndb_name = %s\ndbfilter = ^%s$\n' \
    "$ODOO_MASTER_PASSWORD" "$POSTGRES_USER" "$POSTGRES_PASSWORD" "$DB_NAME" "$DB_NAME" >> "$conf"

# Prints "missing", "incomplete" (created, but the first start did not finish) or "ready".
# The server may be starting or going down (docker compose restart restarts it beside this script):
# such errors are retried for ATTA_DB_WAIT seconds. Otherwise prints one line saying why and fails.
database_state() {
    python3 - "$DB_NAME" "${ATTA_DB_WAIT:-120}" <<'PY' || return 1
import os, sys, time
import psycopg2

name, wait = sys.argv[1], int(sys.argv[2])
credentials = dict(host="db", user=os.environ["POSTGRES_USER"], password=os.environ["POSTGRES_PASSWORD"])
REFUSED = ("password authentication failed", "no pg_hba.conf entry", "does not exist")


def state():
    with psycopg2.connect(dbname="postgres", **credentials) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cr.fetchone():
            return "missing"
    with psycopg2.connect(dbname=name, **credentials) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_config_parameter') IS NOT NULL")
        if cr.fetchone()[0]:
            cr.execute("SELECT 1 FROM ir_config_parameter WHERE key = 'atta_research.association_configured'")
            if cr.fetchone():
                return "ready"
    return "incomplete"


deadline, said = time.monotonic() + wait, None
while True:
    try:
        print(state())
        sys.exit()
    except psycopg2.OperationalError as error:
        cause = " ".join(str(error).replace("FATAL:", "").split())
    if any(words in cause for words in REFUSED):
        print(f"the database server 'db' refused the POSTGRES_USER and POSTGRES_PASSWORD of .env ({cause})")
        sys.exit(1)
    if time.monotonic() > deadline:
        print(f"the database server 'db' did not answer for {wait} seconds: {cause}")
        sys.exit(1)
    if cause != said:
        print(f"Atta: waiting for the database server: {cause}", file=sys.stderr, flush=True)
        said = cause
    time.sleep(2)
PY
}

setup() {
    local state demo=()
    state="$(database_state)" || fail "${state:-checking the database did not run (see the lines above)}"
    if [ "$state" = ready ]; then
        echo "Atta: database $DB_NAME is ready."
        return
    fi
    [ -n "${ATTA_NAME:-}" ] || fail "set ATTA_NAME, the association's name, in .env (see .env.example)"
    if [ -n "${ATTA_LOGO:-}" ] && [ ! -f "/opt/atta/config/$ATTA_LOGO" ]; then
        fail "ATTA_LOGO names config/$ATTA_LOGO, which does not exist: put the logo file in config/ or empty ATTA_LOGO"
    fi
    if [ "${ATTA_DEMO:-0}" = 1 ]; then demo=(--with-demo); fi
    if [ "$state" = missing ]; then
        # As Odoo's database manager creates one for a Saudi company: country Saudi Arabia and its
        # currency (SAR) before any addon, so that an accounting addon books in SAR from the start.
        echo "Atta: creating database $DB_NAME for Saudi Arabia, in Arabic…"
        odoo db -c "$conf" init "$DB_NAME" --country SA --language ar_001 "${demo[@]}" \
            || fail "creating database $DB_NAME did not succeed (the Odoo lines above say why)"
    fi
    echo "Atta: installing $ADDONS (a few minutes)…"
    odoo -c "$conf" -d "$DB_NAME" -i "$ADDONS" --load-language=ar_001 --stop-after-init --no-http \
        || fail "installing $ADDONS into database $DB_NAME did not succeed (the Odoo lines above say why); fix the cause and run 'docker compose up -d' again"
    echo "Atta: configuring the association from .env…"
    # The same file the test step `first start` of tests/run.py feeds, so the tests walk what this makes.
    odoo shell -c "$conf" -d "$DB_NAME" --no-http < /opt/atta/config/first_start.py \
        || fail "configuring the association did not succeed (see the lines above)"
    [ -n "${ATTA_EMAIL:-}" ] || echo "Atta: ATTA_EMAIL is empty: add the association's e-mail in Settings → Companies."
    [ -n "${ATTA_PHONE:-}" ] || echo "Atta: ATTA_PHONE is empty: add the association's phone in Settings → Companies."
    echo "Atta: database $DB_NAME is ready."
}

case "$mode" in
    setup) setup ;;
    serve) exec odoo -c "$conf" -d "$DB_NAME" ;;
    *) fail "unknown mode '$mode' (use setup or serve)" ;;
esac
