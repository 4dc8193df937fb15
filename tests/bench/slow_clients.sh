#!/usr/bin/env bash
# tests/bench/slow_clients.sh - Tabhost under slow clients: slowhttptest's
# slowloris (-H), slow body (-B) and slow read (-X) attacks, each with
# CONNECTIONS connections for SECONDS, while a probe asks for a tenant's
# branding (routing, tenant, database) every 100 ms. Prints, per attack: the
# probes answered and failed, their p50/p99/max latency, and the host's
# threads and open descriptors before, half-way through and after the attack.
# A measurement: exits 0 whatever the figures, non-zero only if the setup
# fails. Needs slowhttptest and curl (Debian packages).
#
# Environment (defaults): BUILD_DIR=build, SECONDS_EACH=60, CONNECTIONS=1000,
# PORT=18090, THREADS=64 (the host's workers).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="$(cd "$ROOT" && realpath "${BUILD_DIR:-build}")"
SECONDS_EACH="${SECONDS_EACH:-60}"
CONNECTIONS="${CONNECTIONS:-1000}"
PORT="${PORT:-18090}"
THREADS="${THREADS:-64}"
for tool in slowhttptest curl; do
  command -v "$tool" >/dev/null || { echo "slow_clients: needs $tool (apt-get install $tool)" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'kill "$HOST" 2>/dev/null && wait "$HOST" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tenants"
cat > "$WORK/tabhost.yaml" <<YAML
server:
  listen: "127.0.0.1:$PORT"
  threads: $THREADS
  max_connections_per_address: 20000
plugins:
  dir: $BUILD_DIR/lib/tabhost/plugins
tenants_dir: tenants
state_dir: state
YAML
printf 'id: bench\nname: Bench\n' > "$WORK/tenants/bench.yaml"
"$BUILD_DIR/bin/tabhost" --config "$WORK/tabhost.yaml" > "$WORK/host.log" 2>&1 &
HOST=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "slow_clients: tabhost did not start" >&2; cat "$WORK/host.log" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true

resources() { echo "threads $(ls /proc/$HOST/task | wc -l), descriptors $(ls /proc/$HOST/fd | wc -l)"; }

# One probe every 100 ms for as long as the attack runs; one latency (s) or "fail" per line.
probe() {
  local until=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/t/bench/api/v1/branding" \
      | awk '$1 == 200 { print $2; next } { print "fail" }' || echo fail
    sleep 0.1
  done
}

report() {
  local name=$1 file=$2
  local answered failed
  answered=$(grep -vc fail "$file" || true)
  failed=$(grep -c fail "$file" || true)
  grep -v fail "$file" | sort -n | awk -v name="$name" -v ok="$answered" -v bad="$failed" '
    { v[NR] = $1 * 1000 }
    END {
      if (NR == 0) { printf "%-10s probes answered 0, failed %d\n", name, bad; exit }
      p50 = int(NR * 0.5) + 1; if (p50 > NR) p50 = NR
      p99 = int(NR * 0.99) + 1; if (p99 > NR) p99 = NR
      printf "%-10s probes answered %d, failed %d; p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", name, ok, bad, v[p50], v[p99], v[NR]
    }'
}

attack() {
  local name=$1; shift
  local before; before=$(resources)
  slowhttptest "$@" -c "$CONNECTIONS" -r 500 -l "$SECONDS_EACH" -u "http://127.0.0.1:$PORT/t/bench/api/v1/auth/login" \
    > "$WORK/$name.out" 2>&1 &
  local attacker=$!
  ( sleep $(( SECONDS_EACH / 2 )); resources > "$WORK/$name.during" ) &
  probe "$SECONDS_EACH" > "$WORK/$name.probe"
  wait "$attacker" || true
  local during; during=$(cat "$WORK/$name.during")
  sleep 3
  report "$name" "$WORK/$name.probe"
  echo "           before: $before; half-way: $during; 3 s after: $(resources)"
}

echo "slow clients: $CONNECTIONS connections for ${SECONDS_EACH}s each, tabhost with $THREADS workers"
attack slowloris -H -i 5 -t GET -x 24
attack slow-body -B -i 5 -t POST -s 8192 -x 10
attack slow-read -X -k 2 -n 5 -w 10 -y 20 -z 32 -t GET
