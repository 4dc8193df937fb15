#!/usr/bin/env bash
# Command 2: install, build once, and run every test (unit, storage contract
# on SQLite and a throw-away PostgreSQL, HTTP integration against real tabhost
# processes, and the out-of-tree SDK check) with CTest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/install-deps.sh
scripts/build.sh

# A real PostgreSQL server for the storage contract suite, stopped on exit.
PG_DIR="$(mktemp -d /tmp/tabhost-pg-XXXXXX)"
# The trap keeps the suite's exit status: stopping the server must not mask it.
trap 'status=$?; "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" || true; exit $status' EXIT
TABHOST_TEST_PG_DSN="$("$ROOT/scripts/pg-test-server.sh" start "$PG_DIR" "${TABHOST_TEST_PG_PORT:-55432}")"
export TABHOST_TEST_PG_DSN

cd build
ctest -j "$(nproc)" --output-on-failure --timeout 300
