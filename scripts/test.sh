#!/usr/bin/env bash
# Command 2: install, build once, and run every test (unit, storage contract
# on SQLite and a throw-away PostgreSQL, HTTP integration against real tabhost
# processes delivering mail to a real SMTP listener, and the out-of-tree SDK
# check) with CTest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/install-deps.sh
scripts/build.sh

# A real PostgreSQL server and a real SMTP listener for the suite, stopped on exit.
PG_DIR="$(mktemp -d /tmp/tabhost-pg-XXXXXX)"
SMTP_DIR="$(mktemp -d /tmp/tabhost-smtp-XXXXXX)"
# The trap keeps the suite's exit status: stopping the servers must not mask it.
trap 'status=$?; "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" || true;
      "$ROOT/scripts/smtp-test-server.sh" stop "$SMTP_DIR" || true; exit $status' EXIT
TABHOST_TEST_PG_DSN="$("$ROOT/scripts/pg-test-server.sh" start "$PG_DIR" "${TABHOST_TEST_PG_PORT:-55432}")"
TABHOST_TEST_SMTP="$("$ROOT/scripts/smtp-test-server.sh" start "$SMTP_DIR" "${TABHOST_TEST_SMTP_PORT:-52525}")"
TABHOST_TEST_SMTP_MAILDIR="$SMTP_DIR/maildir"
export TABHOST_TEST_PG_DSN TABHOST_TEST_SMTP TABHOST_TEST_SMTP_MAILDIR

cd build
ctest -j "$(nproc)" --output-on-failure --timeout 300
