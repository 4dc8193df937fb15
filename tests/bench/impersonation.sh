#!/usr/bin/env bash
# tests/bench/impersonation.sh - what acting as another user costs a request.
#
# A measurement, not a test: prints figures, exits non-zero only when the
# setup fails. An impersonating session resolves two more rows per request
# (the impersonation and its user) and every write counts against it.
#   GET /me with the owner's own cookie session vs with a session
#   impersonating an agent (same route; the answer adds the banner).
#
# Environment (defaults): BUILD_DIR=build, DURATION=8s, CONNECTIONS=32,
# THREADS=2, ROUNDS=3, PORT=18092.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-build}"; case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
DURATION="${DURATION:-8s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18092}"
PLUGINS="$BUILD_DIR/lib/tabhost/plugins"
# shellcheck source=tests/bench/host.sh
source "$ROOT/tests/bench/host.sh"
log() { echo "[impersonation-bench] $*" >&2; }
die() { log "setup failed: $*"; exit 1; }
for f in "$BUILD_DIR/bin/tabhost" "$BUILD_DIR/bin/tabctl" "$PLUGINS/tabhost_impersonation.so"; do
  [ -e "$f" ] || die "$f is missing (scripts/build.sh)"
done
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh)"

WORK="$(mktemp -d)"
cleanup() { stop_pid "${PID:-}"; rm -rf "$WORK"; }
trap cleanup EXIT
bench_config "$WORK" "127.0.0.1:$PORT" bench "$PLUGINS/tabhost_impersonation.so"
TABCTL=("$BUILD_DIR/bin/tabctl")
TEMPORARY="$("${TABCTL[@]}" user create --config "$WORK/tabhost.yaml" --tenant bench --email owner@bench.test \
             --type owner | tail -n 1 | tr -d ' ')"
"${TABCTL[@]}" user create --config "$WORK/tabhost.yaml" --tenant bench --email agent@bench.test --type agent >/dev/null

"$BUILD_DIR/bin/tabhost" --config "$WORK/tabhost.yaml" >"$WORK/out.log" 2>&1 &
PID=$!
wait_ready "http://127.0.0.1:$PORT" "$PID" 10 || die "tabhost did not become ready (see $WORK/out.log)"
URL="http://127.0.0.1:$PORT/t/bench/api/v1"
PASSWORD="plum orchard at dusk"

csrf_of() { sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p'; }
# POSTs as a browser would; prints the body, leaves the cookie in $1's jar.
post() { curl -fsS -b "$1" -c "$1" -H "X-CSRF-Token: ${3:-}" -X "${4:-POST}" -d "$2" "$URL$5"; }
csrf=$(post "$WORK/first" "{\"email\":\"owner@bench.test\",\"password\":\"$TEMPORARY\"}" "" POST /auth/login \
       | csrf_of) || die "sign-in failed"
post "$WORK/first" "{\"current_password\":\"$TEMPORARY\",\"new_password\":\"$PASSWORD\"}" "$csrf" POST \
     /auth/change-password >/dev/null || die "password change failed"
signin() { post "$1" "{\"email\":\"owner@bench.test\",\"password\":\"$PASSWORD\"}" "" POST /auth/login | csrf_of; }
signin "$WORK/direct" >/dev/null
csrf=$(signin "$WORK/acting")
AGENT=$(sqlite3 "$WORK/data/bench.db" "SELECT id FROM users WHERE email = 'agent@bench.test'")
post "$WORK/acting" "{\"user_id\":\"$AGENT\",\"reason\":\"bench\"}" "$csrf" POST /impersonation >/dev/null \
  || die "impersonation failed"
cookie() { awk '$6 ~ /^tabhost_/ {print $6 "=" $7}' "$1"; }
DIRECT=$(cookie "$WORK/direct"); ACTING=$(cookie "$WORK/acting")
curl -fs -H "Cookie: $ACTING" "$URL/me" | grep -q '"impersonating":true' || die "not impersonating"

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H "Cookie: $DIRECT" "$URL/me" >/dev/null  # warm-up
own=(); acting=()
for _ in $(seq "$ROUNDS"); do
  own+=("$(rps -H "Cookie: $DIRECT" "$URL/me")")
  acting+=("$(rps -H "Cookie: $ACTING" "$URL/me")")
done
O=$(printf '%s\n' "${own[@]}" | median)
I=$(printf '%s\n' "${acting[@]}" | median)
echo "GET /me, own session:           ${own[*]} req/s (median $O)"
echo "GET /me, impersonating session: ${acting[*]} req/s (median $I)"
awk -v o="$O" -v i="$I" 'BEGIN {printf "ratio impersonating/own: %.3f\n", i / o}'
