#!/bin/bash
# Starts Odoo for Atta in the official odoo:19 image. On the first start it creates the
# database with the three Atta addons and Arabic, and sets the admin password from .env.
set -euo pipefail
: "${ODOO_MASTER_PASSWORD:?set ODOO_MASTER_PASSWORD in .env (see .env.example)}"
: "${ODOO_ADMIN_PASSWORD:?set ODOO_ADMIN_PASSWORD in .env (see .env.example)}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env (see .env.example)}"
DB_NAME="${ATTA_DB:-atta}"

conf=/tmp/odoo.conf
cp /etc/odoo/odoo.conf "$conf"
printf 'admin_passwd = %s\ndb_user = %s\ndb_password = %s\ndb_name = %s\ndbfilter = ^%s$\n' \
    "$ODOO_MASTER_PASSWORD" "$POSTGRES_USER" "$POSTGRES_PASSWORD" "$DB_NAME" "$DB_NAME" >> "$conf"

database_exists() {
    python3 - "$DB_NAME" <<'PY'
import os, sys, psycopg2
conn = psycopg2.connect(host="db", dbname="postgres", user=os.environ["POSTGRES_USER"],
                        password=os.environ["POSTGRES_PASSWORD"])
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[1]])
    sys.exit(0 if cr.fetchone() else 1)
PY
}

if ! database_exists; then
    echo "Creating database $DB_NAME with the Atta addons and Arabic…"
    odoo -c "$conf" -d "$DB_NAME" -i atta_beneficiary,atta_research,atta_survey \
        --load-language=ar_001 --stop-after-init --no-http
    odoo shell -c "$conf" -d "$DB_NAME" --no-http <<'PY'
import os
admin = env.ref("base.user_admin")
admin.write({"password": os.environ["ODOO_ADMIN_PASSWORD"], "lang": "ar_001", "tz": "Asia/Riyadh"})
env.company.write({"country_id": env.ref("base.sa").id, "currency_id": env.ref("base.SAR").id})
env.cr.commit()
PY
fi
exec odoo -c "$conf" -d "$DB_NAME"
