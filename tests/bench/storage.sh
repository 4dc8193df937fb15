#!/usr/bin/env bash
# Storage benchmark on both drivers, 1 and 16 client threads (a measurement,
# not a test). Needs build/bin/storage_bench (scripts/test.sh builds it);
# starts its own throw-away PostgreSQL like the test command does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${BUILD_DIR:-$ROOT/build}/bin/storage_bench"
SECONDS_EACH="${SECONDS_EACH:-5}"
[ -x "$BIN" ] || { echo "storage bench: $BIN not found; run scripts/test.sh first" >&2; exit 1; }

WORK="$(mktemp -d)"
PG_DIR="$(mktemp -d /tmp/tabhost-pg-XXXXXX)"
trap 'status=$?; "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" || true; rm -rf "$WORK"; exit $status' EXIT
DSN="$("$ROOT/scripts/pg-test-server.sh" start "$PG_DIR" "${PG_PORT:-55433}")"

echo "storage benchmark: ${SECONDS_EACH}s per figure, $(nproc) CPUs; SQLite WAL synchronous=FULL on $(df --output=fstype "$WORK" | tail -1);"
echo "PostgreSQL 15 throw-away server (fsync=off, as in the tests)"
for threads in 1 16; do
  "$BIN" sqlite "$WORK/sqlite-$threads" "$threads" "$SECONDS_EACH"
  "$BIN" postgresql "$DSN" "$threads" "$SECONDS_EACH"
done
