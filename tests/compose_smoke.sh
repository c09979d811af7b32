#!/usr/bin/env bash
# The Docker setup end to end, run by hand on a machine with Docker and its Compose plugin:
#   tests/compose_smoke.sh
# A compose project of its own (atta-smoke-<pid>) on fresh volumes, with .env.example's association and
# passwords made up for the run, on port SMOKE_PORT (18069 unless set). It checks, through the proxy:
# /web/health, the home page, /apply, the admin's login, a websocket opened after that login; then
# `docker compose restart` and `docker compose up -d` again, each with the setup passing. Everything it
# created (containers, volumes, network) is removed at the end, passed or failed.
#
#   tests/compose_smoke.sh --against URL
# Only the checks through the proxy, against an Atta already running at URL (a server of yours, or the
# stack brought up by hand): ATTA_DB and ODOO_ADMIN_PASSWORD are read from the environment.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

project="atta-smoke-$$"
port="${SMOKE_PORT:-18069}"
base="http://localhost:$port"
work="$(mktemp -d)"
env_file="$work/env"
cookies="$work/cookies"
admin_password="smoke-admin-$RANDOM$RANDOM"

# .env.example with passwords of this run: the setup refuses its change-me placeholders.
sed -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=smoke-db-$RANDOM$RANDOM/" \
    -e "s/^ODOO_MASTER_PASSWORD=.*/ODOO_MASTER_PASSWORD=smoke-master-$RANDOM$RANDOM/" \
    -e "s/^ODOO_ADMIN_PASSWORD=.*/ODOO_ADMIN_PASSWORD=$admin_password/" \
    -e "s/^ODOO_PORT=.*/ODOO_PORT=$port/" \
    .env.example >"$env_file"
db_name="$(sed -n 's/^ATTA_DB=//p' "$env_file")"

compose() { docker compose --project-name "$project" --env-file "$env_file" "$@"; }
step() { echo "== $*"; }
fail() {
    echo "SMOKE FAILED: $*" >&2
    [ -n "${against:-}" ] || compose logs --tail=40 setup odoo proxy >&2 || true
    exit 1
}
cleanup() {
    step "down -v: removing the project's containers, volumes and network"
    compose down --volumes --remove-orphans >/dev/null 2>&1 || true
    rm -rf "$work"
}

# Until the proxy answers /web/health (Odoo starts only after the setup passed), at most 15 minutes:
# the first start builds the image and creates the database.
wait_ready() {
    local _
    for _ in $(seq 180); do
        if curl -fsS --max-time 5 "$base/web/health" >/dev/null 2>&1; then
            return 0
        fi
        sleep 5
    done
    return 1
}

# The setup of the last start passed: its container ran to the end (it runs once per start, then stops),
# exited 0 and said the database is ready, in the lines it wrote since $1 (a docker logs --since time).
check_setup_passed() {
    local since="$1" container status _
    container="$(compose ps --all --quiet setup)"
    for _ in $(seq 180); do
        status="$(docker inspect --format '{{.State.Status}}' "$container")"
        [ "$status" = exited ] && break
        sleep 5
    done
    [ "$status" = exited ] || fail "the setup was still $status after 15 minutes"
    [ "$(docker inspect --format '{{.State.ExitCode}}' "$container")" = 0 ] \
        || fail "the setup did not pass: $(compose logs --since "$since" setup | grep 'Atta setup FAILED' || true)"
    compose logs --since "$since" setup | grep -q "Atta: database $db_name is ready." \
        || fail "the setup did not say that database $db_name is ready"
}

now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# An HTTP status through the proxy: expect_status CODE PATH [curl options...]
expect_status() {
    local expected="$1" path="$2" status
    shift 2
    status="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' "$@" "$base$path")" || true
    [ "$status" = "$expected" ] || fail "$path answered $status, not $expected"
}

check_through_proxy() {
    step "pages through the proxy"
    curl -fsS --max-time 10 "$base/web/health" | grep -q '"status": *"pass"' || fail "/web/health is not pass"
    expect_status 200 /
    expect_status 200 /apply
    expect_status 200 /websocket/health

    step "the admin logs in"
    login="$(curl -sS --max-time 30 -c "$cookies" -H 'Content-Type: application/json' \
        -d "{\"jsonrpc\": \"2.0\", \"params\": {\"db\": \"$db_name\", \"login\": \"admin\", \"password\": \"$admin_password\"}}" \
        "$base/web/session/authenticate")"
    echo "$login" | grep -q '"uid": *[0-9]' || fail "the admin could not log in: $login"
    expect_status 200 /odoo -b "$cookies"

    # As a browser does: Odoo refuses a websocket handshake without an Origin (400), and one whose Origin
    # is not the address the visitor typed is opened without the session.
    step "a websocket after login (the proxy sends it to Odoo's evented port)"
    key="$(head -c 16 /dev/urandom | base64)"
    handshake="$(curl -sS --include --no-buffer --max-time 5 -b "$cookies" \
        -H "Origin: $base" -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H "Sec-WebSocket-Key: $key" \
        "$base/websocket" 2>/dev/null || true)"
    echo "$handshake" | head -n 1 | grep -q ' 101' || fail "the websocket was not opened: $(echo "$handshake" | head -n 1)"
}

if [ "${1:-}" = --against ]; then
    against=1
    base="${2:?give the URL of the running Atta, e.g. http://localhost:8069}"
    admin_password="${ODOO_ADMIN_PASSWORD:?set ODOO_ADMIN_PASSWORD, the admin password of that Atta}"
    db_name="${ATTA_DB:-atta}"
    check_through_proxy
    rm -rf "$work"
    echo "SMOKE PASSED (checks through the proxy at $base)"
    exit 0
fi
trap cleanup EXIT

step "up -d on fresh volumes (builds the image, creates the database)"
since="$(now)"
compose up -d --build || fail "docker compose up -d"
wait_ready || fail "the server did not answer on $base/web/health"
check_setup_passed "$since"

check_through_proxy

step "docker compose restart: the setup passes again"
since="$(now)"
compose restart || fail "docker compose restart"
check_setup_passed "$since"
wait_ready || fail "the server did not come back after docker compose restart"

step "docker compose up -d again: the setup passes and leaves the ready database as it is"
since="$(now)"
compose up -d || fail "docker compose up -d (second time)"
check_setup_passed "$since"
wait_ready || fail "the server did not come back after the second docker compose up -d"

echo "SMOKE PASSED"
