#!/usr/bin/env bash
# tests/bench/companies.sh - the companies plugin at catalog scale, side by side in one run.
#
# A measurement, not a test: prints figures, exits non-zero only when the
# setup fails (a binary missing, the host not starting, an answer that is not
# what the database holds, the host dying during a run).
#   1. A throw-away config (SQLite, tenant `bench`, users + companies); an
#      owner and an API token from tabctl.
#   2. A COMPANIES-row CSV made with awk (the same on every run); one row in
#      ten has the industry "Robotics", the word searched for.
#   3. Import: the file through POST /companies/import?mode=apply (validation,
#      batch links and the audit entry on), timed with curl, against the
#      sqlite3 shell's `.import` of the same file into a plain table (the ceiling),
#      and against the shell copying that table into an empty catalog with the
#      plugin's own schema (its indexes, search index and triggers) the way
#      the import writes it, in one transaction: what SQLite alone spends on
#      these rows (the schema floor). Before the apply, a dry run of the same
#      file; the host's peak memory (VmHWM) is read after each: it should not
#      grow with the file beyond the writer's page cache (storage.cache_mb).
#   4. wrk (bearer token, CONNECTIONS connections) against
#        GET  /companies?q=robotics&limit=50&sort=newest   (~10% of rows match)
#        GET  /companies/{random id}
#        PATCH /companies/{random id}                      (audited before→after)
#        the bare Poco server of the foundation benchmark  (the ceiling of HTTP alone)
#
# Environment (defaults): BUILD_DIR=build, COMPANIES=100000, DURATION=10s,
# CONNECTIONS=64, THREADS=2, PORT=18200, READY_TIMEOUT=20, KEEP_WORK=0.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-build}"; case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
COMPANIES="${COMPANIES:-100000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18200}"
READY_TIMEOUT="${READY_TIMEOUT:-20}"
KEEP_WORK="${KEEP_WORK:-0}"
TENANT=bench
HOST=127.0.0.1

log() { echo "[companies-bench] $*" >&2; }
die() { echo "[companies-bench] setup failed: $*" >&2; exit 1; }

# shellcheck source=SCRIPTDIR/host.sh
. "$ROOT/tests/bench/host.sh"
require_whole_numbers COMPANIES CONNECTIONS THREADS PORT READY_TIMEOUT
((COMPANIES >= 100)) || die "COMPANIES must be at least 100"
require_commands wrk curl sqlite3 jq awk
PLUGINS=("$BUILD_DIR/lib/tabhost/plugins/tabhost_users.so" "$BUILD_DIR/lib/tabhost/plugins/tabhost_companies.so")
for f in "$BUILD_DIR/bin/tabhost" "$BUILD_DIR/bin/tabctl" "$BUILD_DIR/bin/bare_poco_server" "${PLUGINS[@]}"; do
  [ -e "$f" ] || die "$f is missing (scripts/build.sh)"
done

WORK=""; PID=""; WRK_PID=""; BARE_PID=""
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID"; stop_pid "$PID"; stop_pid "$BARE_PID"
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "$KEEP_WORK" == 1 ]]; then log "kept work dir $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tabhost-companies-bench.XXXXXX")"
bench_config "$WORK" "$HOST:$PORT" "$TENANT" "${PLUGINS[@]}"
DB="$WORK/data/$TENANT.db"
start_host() {
  (cd "$WORK" && exec "$BUILD_DIR/bin/tabhost" --config "$WORK/tabhost.yaml") >>"$WORK/tabhost.stdout" 2>&1 &
  PID=$!
  wait_ready "http://$HOST:$PORT" "$PID" "$READY_TIMEOUT" || { tail -n 20 "$WORK/tabhost.stdout" >&2; die "tabhost did not start"; }
}

# 1. owner and token
start_host
"$BUILD_DIR/bin/tabctl" user create --config "$WORK/tabhost.yaml" --tenant "$TENANT" --email owner@bench.test \
  --type owner --first-name Bench --last-name Owner >/dev/null || die "tabctl user create failed"
TOKEN="$("$BUILD_DIR/bin/tabctl" token create --config "$WORK/tabhost.yaml" --tenant "$TENANT" \
  --email owner@bench.test --name bench | tail -n 1 | tr -d ' ')" || die "tabctl token create failed"
AUTH="Authorization: Bearer $TOKEN"
BASE="http://$HOST:$PORT/t/$TENANT/api/v1"

# 2. the CSV
CSV="$WORK/companies.csv"
awk -v n="$COMPANIES" 'BEGIN {
  split("Logistics Retail Energy Finance Health Media Travel Food Telecom", other, " ")
  split("Berlin Paris Lisbon Austin Osaka Lagos Lima Oslo Perth Quito", city, " ")
  print "name,domain,industry,city,country,support_email,support_phone,size"
  for (i = 1; i <= n; i++) {
    industry = (i % 10 == 0) ? "Robotics" : other[1 + (i * 7) % 9]
    printf "Company %d %s,c%d.example,%s,%s,US,help@c%d.example,+1415%07d,51-200\n", i, city[1 + i % 10], i, industry, city[1 + (i * 3) % 10], i, i
  }
}' >"$CSV"
csv_bytes=$(stat -c %s "$CSV")

# 3. import vs the sqlite3 shell
ceiling_start=$(date +%s.%N)
sqlite3 "$WORK/ceiling.db" ".mode csv" ".import $CSV plain" || die "sqlite3 .import failed"
ceiling_end=$(date +%s.%N)
[ "$(sqlite3 "$WORK/ceiling.db" 'SELECT count(*) FROM plain')" -eq "$COMPANIES" ] || die "the ceiling imported the wrong count"
peak_mib() { # the host's peak resident memory so far, in MiB
  proc_alive "$PID" || die "tabhost died during the import"
  awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$PID/status"
}
start_mib="$(peak_mib)"
dry_start=$(date +%s.%N)
code="$(curl -sS -o "$WORK/dry.json" -w '%{http_code}' -H "$AUTH" -H 'Content-Type: text/csv' \
  --data-binary @"$CSV" "$BASE/companies/import?mode=dry_run")" || die "the dry run request failed"
dry_end=$(date +%s.%N)
[ "$code" = 200 ] && [ "$(jq -r .import.created "$WORK/dry.json")" -eq "$COMPANIES" ] ||
  die "the dry run answered $code: $(head -c 500 "$WORK/dry.json")"
dry_mib="$(peak_mib)"
import_start=$(date +%s.%N)
code="$(curl -sS -o "$WORK/import.json" -w '%{http_code}' -H "$AUTH" -H 'Content-Type: text/csv' \
  --data-binary @"$CSV" "$BASE/companies/import?mode=apply")" || die "the import request failed"
import_end=$(date +%s.%N)
[ "$code" = 200 ] || die "the import answered $code: $(head -c 500 "$WORK/import.json")"
[ "$(jq -r .import.created "$WORK/import.json")" -eq "$COMPANIES" ] || die "the import created $(jq -r .import.created "$WORK/import.json") rows"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM companies')" -eq "$COMPANIES" ] || die "the catalog does not hold $COMPANIES rows"
apply_mib="$(peak_mib)"
# The tenant's schema as the host migrated it (SQLite's own tables aside),
# with the durability the host asks for.
sqlite3 "$DB" .schema | grep -v '^CREATE TABLE sqlite_' | sqlite3 "$WORK/floor.db" || die "cannot copy the schema"
floor_start=$(date +%s.%N)
# As the import does it: the search index held back while the rows go in,
# then built 50,000 ids to a statement, in the same transaction.
index_windows=()
for ((from = 0; from < COMPANIES; from += 50000)); do
  index_windows+=("INSERT INTO companies_fts (rowid, name, domain, city, industry)
    SELECT id, name, domain, city, industry FROM companies WHERE id > $from AND id <= $((from + 50000))")
done
sqlite3 "$WORK/floor.db" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=FULL" "ATTACH '$WORK/ceiling.db' AS c" \
  "BEGIN" "INSERT INTO companies_fts_paused (paused, last_id) VALUES (1, 0)" \
  "INSERT INTO companies (name, domain, industry, city, country, support_email, support_phone, size, created_by,
     created_at, updated_at)
   SELECT name, domain, industry, city, country, support_email, support_phone, size, 'bench', '$(date -u +%FT%TZ)',
     '$(date -u +%FT%TZ)' FROM c.plain" \
  "${index_windows[@]}" \
  "UPDATE companies_fts_version SET version = random()" "DELETE FROM companies_fts_paused" "COMMIT" \
  >/dev/null || die "the schema floor failed"
floor_end=$(date +%s.%N)
[ "$(sqlite3 "$WORK/floor.db" "SELECT count(*) FROM companies_fts WHERE companies_fts MATCH 'robotics'")" -eq \
  "$((COMPANIES / 10))" ] || die "the schema floor did not index the rows"

# 4. requests
matches="$(sqlite3 "$DB" "SELECT count(*) FROM companies WHERE industry = 'Robotics'")"
SEARCH="$BASE/companies?q=robotics&limit=50&sort=newest"
curl -fsS -H "$AUTH" "$SEARCH" -o "$WORK/search.json" || die "GET $SEARCH failed"
[ "$(jq '.items | length' "$WORK/search.json")" -eq 50 ] || die "the search did not answer 50 items"
jq -e '.items | all(.industry == "Robotics")' "$WORK/search.json" >/dev/null || die "the search answered a non-matching row"
newest="$(sqlite3 "$DB" "SELECT max(id) FROM companies WHERE industry = 'Robotics'")"
[ "$(jq -r '.items[0].id' "$WORK/search.json")" = "$newest" ] || die "the search is not newest first"

# Each wrk thread gets its own random sequence: with one seed for all, the
# second thread repeated the first one's PATCHes, which then changed nothing.
SEED_LUA='local threads = 0
setup = function(thread) threads = threads + 1; thread:set("thread_number", threads) end
init = function() math.randomseed(7919 * thread_number) end'
cat >"$WORK/get.lua" <<LUA
$SEED_LUA
request = function() return wrk.format("GET", "/t/$TENANT/api/v1/companies/" .. math.random(1, $COMPANIES)) end
LUA
cat >"$WORK/patch.lua" <<LUA
$SEED_LUA
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format("PATCH", "/t/$TENANT/api/v1/companies/" .. math.random(1, $COMPANIES), nil,
                    '{"support_hours":"Mon-Fri ' .. math.random(1, 1000000) .. '"}')
end
LUA

run_wrk() { # NAME URL [SCRIPT]
  local out="$WORK/wrk.$1.txt" script=()
  [ -n "${3:-}" ] && script=(-s "$3")
  timeout --kill-after=5 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "${script[@]}" "$2" \
    >"$out" 2>&1 &
  WRK_PID=$!; wait "$WRK_PID" || true; WRK_PID=""
  proc_alive "$PID" || die "tabhost died during $1"
  parse_wrk "$out"
}
log "searching, reading and patching $COMPANIES companies for $DURATION each"
read -r search_rps search_p99 search_bad _ < <(run_wrk search "$SEARCH")
read -r get_rps get_p99 get_bad _ < <(run_wrk get "$BASE/companies/1" "$WORK/get.lua")
read -r patch_rps patch_p99 patch_bad _ < <(run_wrk patch "$BASE/companies/1" "$WORK/patch.lua")
audited="$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'companies.update'")"

echo '{"hello":"world"}' >"$WORK/bare.json"
"$BUILD_DIR/bin/bare_poco_server" --port $((PORT + 1)) --body-file "$WORK/bare.json" --content-type application/json \
  >"$WORK/bare.stdout" 2>&1 &
BARE_PID=$!
deadline=$((SECONDS + 10))
until grep -q '^listening on ' "$WORK/bare.stdout" 2>/dev/null; do
  if ! proc_alive "$BARE_PID" || ((SECONDS >= deadline)); then die "bare_poco_server did not start"; fi
  sleep 0.1
done
read -r bare_rps bare_p99 _ _ < <(run_wrk bare "http://$HOST:$((PORT + 1))/t/$TENANT/api/v1/hello")

awk -v rows="$COMPANIES" -v bytes="$csv_bytes" -v cs="$ceiling_start" -v ce="$ceiling_end" -v is="$import_start" \
    -v fs="$floor_start" -v fe="$floor_end" -v ds="$dry_start" -v de="$dry_end" \
    -v m0="$start_mib" -v md="$dry_mib" -v ma="$apply_mib" \
    -v ie="$import_end" -v matches="$matches" -v conn="$CONNECTIONS" -v dur="$DURATION" \
    -v srps="$search_rps" -v sp99="$search_p99" -v sbad="$search_bad" -v grps="$get_rps" -v gp99="$get_p99" \
    -v gbad="$get_bad" -v prps="$patch_rps" -v pp99="$patch_p99" -v pbad="$patch_bad" -v audited="$audited" \
    -v brps="$bare_rps" -v bp99="$bare_p99" 'BEGIN {
  ceiling = ce - cs; import = ie - is; floor = fe - fs; dry = de - ds
  printf "companies benchmark: %d companies (CSV %.1f MiB), SQLite, wrk %d connections x %s\n", rows, bytes / 1048576, conn, dur
  printf "  import  POST /companies/import?mode=apply  %7.2f s  %8.0f rows/s\n", import, rows / import
  printf "          mode=dry_run, the same file        %7.2f s  %8.0f rows/s\n", dry, rows / dry
  printf "          host peak memory (VmHWM)           at start %d MiB, after the dry run %d MiB, after the apply %d MiB\n", m0, md, ma
  printf "          sqlite3 .import (ceiling)          %7.2f s  %8.0f rows/s   import/ceiling time %.2fx\n", ceiling, rows / ceiling, import / ceiling
  printf "          catalog schema floor (sqlite3)     %7.2f s  %8.0f rows/s   import/floor time %.2fx\n", floor, rows / floor, import / floor
  printf "  search  q=robotics newest first (%d matches)  %8.0f req/s  p99 %7.2f ms  non-2xx %d  ratio to bare %.2f\n", matches, srps, sp99, sbad, srps / brps
  printf "  get     /companies/{random id}              %8.0f req/s  p99 %7.2f ms  non-2xx %d\n", grps, gp99, gbad
  printf "  patch   /companies/{random id}, audited     %8.0f req/s  p99 %7.2f ms  non-2xx %d  (%d audit entries)\n", prps, pp99, pbad, audited
  printf "  bare Poco server (same run)                 %8.0f req/s  p99 %7.2f ms\n", brps, bp99
}'
