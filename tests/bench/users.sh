#!/usr/bin/env bash
# tests/bench/users.sh - the users list (plugin `users`) over a large tenant.
#
# A measurement, not a test: prints figures, exits non-zero only when the
# setup fails (missing binary, host does not start, a URL does not answer 200
# with the rows the database holds, the host dies during a run).
#   1. A throw-away config (SQLite, one tenant `bench`, tabhost_users.so); the
#      host is started once so the tenant database is migrated, then stopped;
#      `tabctl` creates an owner and an API token for them.
#   2. USERS rows are seeded straight into the tenant's SQLite file with the
#      sqlite3 shell (one recursive-CTE INSERT, then ANALYZE): names from small
#      lists, emails first.last.N@domainK.example, ~85% active / 8% invited /
#      5% suspended / 2% discarded, mostly agents and members, created_at
#      spread over 2025. The data are the same on every run (ids aside).
#   3. The host is restarted and wrk (--latency, bearer token) measures
#        GET /t/bench/api/v1/users?q=<last name>&limit=50    (~1/15 of the rows)
#        GET /t/bench/api/v1/users?q=<rare term>&limit=50    (a few rows)
#        GET /t/bench/api/v1/users?status=suspended&limit=50
#        GET /t/bench/api/v1/users?limit=50
#      after checking with curl that each answers 200 with min(50, expected)
#      items, expected being counted in the database itself.
#
# Environment (defaults): BUILD_DIR=build, USERS=100000, DURATION=10s,
# WARMUP=2s, WRK_TIMEOUT=10s, CONNECTIONS=64, THREADS=2, PORT=18100, READY_TIMEOUT=20,
# Q_COMMON=nguyen, Q_RARE=4242 (N/2+1 below 4242 users), KEEP_WORK=0. Both are one word each.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-build}"; case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
USERS="${USERS:-100000}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18100}"
READY_TIMEOUT="${READY_TIMEOUT:-20}"
KEEP_WORK="${KEEP_WORK:-0}"
Q_COMMON="${Q_COMMON:-nguyen}"
if [ -z "${Q_RARE:-}" ]; then
  if [ "$USERS" -ge 4242 ] 2>/dev/null; then Q_RARE="4242"; else Q_RARE="$((USERS / 2 + 1))"; fi
fi
LIMIT=50
TENANT=bench
HOST=127.0.0.1

log() { echo "[users-bench] $*" >&2; }
die() { echo "[users-bench] setup failed: $*" >&2; exit 1; }

# shellcheck source=SCRIPTDIR/host.sh
. "$ROOT/tests/bench/host.sh"
require_whole_numbers USERS CONNECTIONS THREADS PORT READY_TIMEOUT
((USERS >= 1)) || die "USERS must be at least 1"
((CONNECTIONS >= THREADS && THREADS >= 1)) || die "need CONNECTIONS >= THREADS >= 1"
for d in DURATION WARMUP WRK_TIMEOUT; do
  [[ "${!d}" =~ ^[0-9]+[smh]?$ ]] || die "$d must be a wrk duration such as 10s or 2m (got '${!d}')"
done
require_commands wrk curl sqlite3 jq awk
USERS_SO="$BUILD_DIR/lib/tabhost/plugins/tabhost_users.so"
for f in "$BUILD_DIR/bin/tabhost" "$BUILD_DIR/bin/tabctl" "$USERS_SO"; do
  [ -e "$f" ] || die "$f is missing (scripts/build.sh)"
done

# ----------------------------------------------------------------------------
# processes and cleanup

WORK=""
PID=""
WRK_PID=""
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID"
  stop_pid "$PID"
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "$KEEP_WORK" == 1 ]]; then log "kept work dir $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null && die "port $PORT is already in use (set PORT)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tabhost-users-bench.XXXXXX")"
bench_config "$WORK" "$HOST:$PORT" "$TENANT" "$USERS_SO"
DB="$WORK/data/$TENANT.db"
TABCTL=("$BUILD_DIR/bin/tabctl")

host_logs() {
  echo "--- tabhost stdout/stderr (tail) ---" >&2
  tail -n 30 "$WORK/tabhost.stdout" >&2 2>/dev/null || true
  [[ -f "$WORK/tabhost.log" ]] && { echo "--- tabhost.log (tail) ---" >&2; tail -n 30 "$WORK/tabhost.log" >&2 || true; }
}
start_host() {
  (cd "$WORK" && exec "$BUILD_DIR/bin/tabhost" --config "$WORK/tabhost.yaml") >>"$WORK/tabhost.stdout" 2>&1 &
  PID=$!
  wait_ready "http://$HOST:$PORT" "$PID" "$READY_TIMEOUT" && return
  host_logs
  proc_alive "$PID" || die "tabhost exited before /readyz answered"
  die "tabhost /readyz did not succeed within ${READY_TIMEOUT}s"
}
stop_host() { stop_pid "$PID"; PID=""; }

# ----------------------------------------------------------------------------
# 1. migrate, owner, token

start_host
stop_host
[ -f "$DB" ] || die "the host did not create $DB"
cols="$(sqlite3 "$DB" "SELECT group_concat(name, ' ') FROM pragma_table_info('users')")"
for c in id email email_key first_name last_name status password_hash password_temporary password_expires_s \
  totp_secret totp_enabled totp_last_step created_at last_login_at phone external_id timezone user_type roles; do
  [[ " $cols " == *" $c "* ]] || die "users has no column $c (schema: $(sqlite3 "$DB" '.schema users'))"
done
"${TABCTL[@]}" user create --config "$WORK/tabhost.yaml" --tenant "$TENANT" --email owner@bench.test --type owner \
  --first-name Bench --last-name Owner >/dev/null || die "tabctl user create failed"
TOKEN="$("${TABCTL[@]}" token create --config "$WORK/tabhost.yaml" --tenant "$TENANT" --email owner@bench.test --name bench \
  | tail -n 1 | tr -d ' ')" || die "tabctl token create failed"
[ -n "$TOKEN" ] || die "tabctl token create printed no token"

# ----------------------------------------------------------------------------
# 2. seed

log "seeding $USERS users into $DB"
seed_start=$(date +%s.%N)
"$ROOT/tests/bench/seed-users.sh" "$DB" "$USERS" || die "seeding failed"
seed_end=$(date +%s.%N)
sqlite3 "$DB" "ANALYZE;" || die "ANALYZE failed"
analyze_end=$(date +%s.%N)
db_bytes=0
for f in "$DB" "$DB-wal"; do [ -f "$f" ] && db_bytes=$((db_bytes + $(stat -c %s "$f"))); done
seeded="$(sqlite3 "$DB" "SELECT count(*) FROM users")"
[ "$seeded" -eq $((USERS + 1)) ] || die "users holds $seeded rows, expected $((USERS + 1))"
status_mix="$(sqlite3 "$DB" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) AS n FROM users GROUP BY status ORDER BY n DESC)")"
type_mix="$(sqlite3 "$DB" "SELECT group_concat(user_type || ' ' || n, ', ') FROM (SELECT user_type, count(*) AS n FROM users GROUP BY user_type ORDER BY n DESC)")"

# ----------------------------------------------------------------------------
# 3. measure

start_host
log "tabhost ready on $HOST:$PORT (pid $PID)"
BASE="http://$HOST:$PORT/t/$TENANT/api/v1/users"
AUTH="Authorization: Bearer $TOKEN"
curl -fsS -o /dev/null -H "$AUTH" "http://$HOST:$PORT/t/$TENANT/api/v1/me" || die "the token does not authenticate"

uri() { jq -rn --arg s "$1" '$s | @uri'; }
# The host's q semantics for one word: users with a search word (user_search,
# filled by the host from names and email) beginning with it, lower-cased.
word_prefix() { local w="${1,,}"; w="${w//\'/\'\'}"; echo "substr(token, 1, length('$w')) = '$w'"; }
count() { sqlite3 "$DB" "SELECT count(*) FROM users WHERE $1"; }

NAMES=(); URLS=(); EXPECT=(); CHECKS=(); TERMS=()
scenario() { # NAME QUERY WHERE JQ-CHECK-ON-EACH-ITEM [TERM, $t in the check]
  NAMES+=("$1"); URLS+=("$BASE?$2"); EXPECT+=("$(count "$3")"); CHECKS+=("$4"); TERMS+=("${5:-}")
}
q_where() { echo "status <> 'discarded' AND id IN (SELECT user_id FROM user_search WHERE $(word_prefix "$1"))"; }
# shellcheck disable=SC2016  # $t is a jq variable
Q_CHECK='.status != "discarded" and ((.name | ascii_downcase | contains($t | ascii_downcase)) or (.email | ascii_downcase | contains($t | ascii_downcase)))'
scenario "q=$Q_COMMON" "q=$(uri "$Q_COMMON")&limit=$LIMIT" "$(q_where "$Q_COMMON")" "$Q_CHECK" "$Q_COMMON"
scenario "q=$Q_RARE" "q=$(uri "$Q_RARE")&limit=$LIMIT" "$(q_where "$Q_RARE")" "$Q_CHECK" "$Q_RARE"
scenario "status=suspended" "status=suspended&limit=$LIMIT" "status = 'suspended'" '.status == "suspended"'
scenario "default" "limit=$LIMIT" "status <> 'discarded'" '.status != "discarded"'

for i in "${!URLS[@]}"; do
  url="${URLS[$i]}"; want=$((EXPECT[i] < LIMIT ? EXPECT[i] : LIMIT))
  ((EXPECT[i] > 0)) || die "${NAMES[$i]} matches no row in the database: pick another term"
  code="$(curl -sS -o "$WORK/check.json" -w '%{http_code}' -H "$AUTH" "$url")" || die "GET $url failed"
  [ "$code" = 200 ] || die "GET $url answered $code: $(head -c 500 "$WORK/check.json")"
  got="$(jq '.items | length' "$WORK/check.json")" || die "GET $url: the body is not JSON: $(head -c 500 "$WORK/check.json")"
  [ "$got" -eq "$want" ] || die "GET $url: $got items, expected $want (the database holds ${EXPECT[$i]} matching rows)"
  jq -e --arg t "${TERMS[$i]}" ".items | all(${CHECKS[$i]})" "$WORK/check.json" >/dev/null ||
    die "GET $url: an item does not match the filter ${CHECKS[$i]}: $(jq -c '.items[0]' "$WORK/check.json")"
  has_next="$(jq '.next_cursor != null' "$WORK/check.json")"
  [ "$has_next" = "$( ((EXPECT[i] > LIMIT)) && echo true || echo false)" ] ||
    die "GET $url: next_cursor is $(jq -c .next_cursor "$WORK/check.json") with ${EXPECT[$i]} matching rows"
done
log "all ${#URLS[@]} URLs answer 200 with the expected rows"

run_wrk() { # OUT DURATION URL ; in the background + wait so INT/TERM stop it at once
  timeout --kill-after=5 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout "$WRK_TIMEOUT" --latency -H "$AUTH" "$3" \
    >"$1" 2>&1 &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  ((rc == 0)) || log "wrk exited with status $rc (see $1)"
  proc_alive "$PID" || { host_logs; die "tabhost died during wrk against $3"; }
}

if [[ ! "$WARMUP" =~ ^0+[smh]?$ ]]; then
  log "warm-up $WARMUP: ${URLS[0]}"
  run_wrk "$WORK/wrk.warmup.txt" "$WARMUP" "${URLS[0]}"
fi
RESULTS=()
for i in "${!URLS[@]}"; do
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency ${URLS[$i]}"
  run_wrk "$WORK/wrk.$i.txt" "$DURATION" "${URLS[$i]}"
  RESULTS+=("$(parse_wrk "$WORK/wrk.$i.txt")")
done
rss="$(awk '$1 == "VmHWM:" {print $2, $3}' "/proc/$PID/status" 2>/dev/null || echo n/a)"

# ----------------------------------------------------------------------------
# report

echo
echo "users list benchmark: GET /t/$TENANT/api/v1/users (SQLite, $USERS seeded users + the owner)"
awk -v s="$seed_start" -v e="$seed_end" -v a="$analyze_end" -v n="$USERS" -v b="$db_bytes" 'BEGIN {
  printf "seed: %d users in %.2f s (%.0f rows/s), ANALYZE %.2f s; database file %.1f MiB (%d bytes)\n",
         n, e - s, n / (e - s), a - e, b / 1048576, b }'
echo "status mix: $status_mix; types: $type_mix"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT --latency, bearer token (owner), after ${WARMUP} warm-up;" \
  "host defaults (SQLite pool of 8, pool_wait_ms 2000); $(nproc) CPUs shared with wrk"
echo
printf '%-22s | %8s | %10s | %9s | %7s | %s\n' scenario matches "req/s" "p99 ms" non-2xx "socket errors"
printf '%-22s-+-%8s-+-%10s-+-%9s-+-%7s-+-%s\n' ---------------------- -------- ---------- --------- ------- -------------
for i in "${!URLS[@]}"; do
  read -r rps p99 bad sock <<<"${RESULTS[$i]}"
  printf '%-22s | %8s | %10s | %9s | %7s | %s\n' "${NAMES[$i]}" "${EXPECT[$i]}" "$rps" "$p99" "$bad" "$sock"
done
echo
echo "matches = rows the filter selects (discarded users excluded unless asked for); each page is $LIMIT rows."
echo "req/s counts every answer, non-2xx included; socket errors are mostly requests over the ${WRK_TIMEOUT} wrk timeout."
echo "tabhost process (pid $PID): peak RSS (VmHWM) $rss"
for r in "${RESULTS[@]}"; do
  read -r _ _ bad sock <<<"$r"
  if ((bad + sock > 0)); then
    echo "warning: some requests failed under load; status codes in the host log:" \
      "$(grep -o 'route="GET /users" status=[0-9]*' "$WORK/tabhost.log" | sort | uniq -c | awk '{printf "%s x%s; ", $NF, $1}')"
    grep -m 3 'handler failed' "$WORK/tabhost.log" | sed 's/^/  /' || true
    break
  fi
done
[[ "$KEEP_WORK" == 1 ]] && echo "raw wrk output and logs: $WORK"
exit 0
