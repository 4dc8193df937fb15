#!/usr/bin/env bash
# tests/bench/auth.sh - what identity and the audit chain cost.
#
# A measurement, not a test: prints figures, exits non-zero only when the
# setup fails.
#   1. GET /t/bench/api/v1/branding without credentials vs with a bearer token
#      (the same route: the token is checked, scopes resolved, cache consulted).
#      Target: ratio >= 0.9.
#   2. Failed sign-ins: median time for an unknown email vs a wrong password
#      (no user enumeration by timing; 10 of each, under the per-address
#      throttle).
#   3. Audited writes/s on SQLite: POST /hello/greetings with the token, each
#      one an insert plus a hash-chained audit entry in one transaction
#      (synchronous=FULL); then `tabctl audit verify` over the whole chain.
#
# Environment (defaults): BUILD_DIR=build, HELLO_SO=hello-build/tabhost_hello.so,
# DURATION=8s, CONNECTIONS=32, THREADS=2, ROUNDS=3, PORT=18090.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-build}"; case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
HELLO_SO="${HELLO_SO:-hello-build/tabhost_hello.so}"; case "$HELLO_SO" in /*) ;; *) HELLO_SO="$ROOT/$HELLO_SO" ;; esac
DURATION="${DURATION:-8s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18090}"

die() { echo "[auth-bench] setup failed: $*" >&2; exit 1; }
for f in "$BUILD_DIR/bin/tabhost" "$BUILD_DIR/bin/tabctl" "$BUILD_DIR/lib/tabhost/plugins/tabhost_tokens.so" "$HELLO_SO"; do
  [ -e "$f" ] || die "$f is missing (scripts/build.sh, scripts/build-hello.sh)"
done
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh)"

# shellcheck source=tests/bench/host.sh
source "$ROOT/tests/bench/host.sh"
log() { echo "[auth-bench] $*" >&2; }
WORK="$(mktemp -d)"
cleanup() { stop_pid "${PID:-}"; rm -rf "$WORK"; }
trap cleanup EXIT
bench_config "$WORK" "127.0.0.1:$PORT" bench "$BUILD_DIR/lib/tabhost/plugins/tabhost_tokens.so" "$HELLO_SO"
TABCTL=("$BUILD_DIR/bin/tabctl")
"${TABCTL[@]}" user create --config "$WORK/tabhost.yaml" --tenant bench --email owner@bench.test --type owner >/dev/null
for n in 1 2 3; do
  "${TABCTL[@]}" user create --config "$WORK/tabhost.yaml" --tenant bench --email "agent$n@bench.test" --type agent >/dev/null
done
TOKEN="$("${TABCTL[@]}" token create --config "$WORK/tabhost.yaml" --tenant bench --email owner@bench.test --name bench \
        | tail -n 1 | tr -d ' ')"

"$BUILD_DIR/bin/tabhost" --config "$WORK/tabhost.yaml" >"$WORK/out.log" 2>&1 &
PID=$!
wait_ready "http://127.0.0.1:$PORT" "$PID" 10 || die "tabhost did not become ready (see $WORK/out.log)"
URL="http://127.0.0.1:$PORT/t/bench/api/v1"
curl -fs -H "Authorization: Bearer $TOKEN" "$URL/me" >/dev/null || die "the token does not authenticate"

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$URL/branding" >/dev/null  # warm-up
anon=(); auth=()
for _ in $(seq "$ROUNDS"); do
  anon+=("$(rps "$URL/branding")")
  auth+=("$(rps -H "Authorization: Bearer $TOKEN" "$URL/branding")")
done
A=$(printf '%s\n' "${anon[@]}" | median)
B=$(printf '%s\n' "${auth[@]}" | median)
echo "GET /branding anonymous:    ${anon[*]} req/s (median $A)"
echo "GET /branding bearer token: ${auth[*]} req/s (median $B)"
awk -v a="$A" -v b="$B" 'BEGIN {printf "ratio token/anonymous: %.3f (target >= 0.9)\n", b / a}'

# Four wrong passwords per account stay under the account back-off; twenty
# failures in all stay under the per-address one.
login_time() {
  curl -s -o /dev/null -w '%{time_total}\n' -X POST -d "{\"email\":\"$1\",\"password\":\"not the password\"}" "$URL/auth/login"
}
unknown=(); wrong=()
for i in $(seq 0 9); do
  unknown+=("$(login_time "nobody$i@bench.test")")
  wrong+=("$(login_time "agent$((i / 4 + 1))@bench.test")")
done
U=$(printf '%s\n' "${unknown[@]}" | median)
K=$(printf '%s\n' "${wrong[@]}" | median)
awk -v u="$U" -v k="$K" 'BEGIN {printf "failed sign-in, median of 10: unknown email %.1f ms, wrong password %.1f ms (difference %.1f%%)\n", u * 1000, k * 1000, (u - k) / k * 100}'

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"bench"}'
LUA
curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -d "{\"name\":\"probe\"}" "$URL/hello/greetings" >/dev/null || die "the audited write route does not answer 201"
W=$(rps -s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" "$URL/hello/greetings")
echo "audited writes (insert + hash-chained audit entry, one transaction, SQLite synchronous=FULL): $W writes/s"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
start=$(date +%s.%N)
"${TABCTL[@]}" audit verify --config "$WORK/tabhost.yaml" --tenant bench
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN {printf "verify took %.2f s\n", e - s}'
