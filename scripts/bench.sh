#!/usr/bin/env bash
# Run the benchmarks against an existing build (builds nothing): the HTTP
# pipeline (tests/bench/http_pipeline.sh), then identity and audit
# (tests/bench/auth.sh), then the users list over 100,000 seeded users
# (tests/bench/users.sh), and the dashboard (tests/bench/dashboard.mjs: bundle
# sizes, time to an interactive Overview and to a tab in Chromium), the
# Users tab over 100,000 users (tests/bench/users-tab.mjs), and the Companies
# tab over 100,000 companies with a 100 MB upload (tests/bench/companies-tab.mjs).
# See tests/bench/README.md. Environment knobs are passed through.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
case "$BUILD_DIR" in /*) bd="$BUILD_DIR" ;; *) bd="$ROOT/$BUILD_DIR" ;; esac
for f in "$bd/bin/tabhost" "$bd/bin/bare_poco_server"; do
    if [[ ! -x "$f" ]]; then
        echo "bench: $f not found; run scripts/test.sh first to build it" >&2
        exit 1
    fi
done
export BUILD_DIR
"$ROOT/tests/bench/http_pipeline.sh" "$@"
"$ROOT/tests/bench/auth.sh"
"$ROOT/tests/bench/users.sh"
"$ROOT/tests/bench/impersonation.sh"
"$ROOT/tests/bench/companies.sh"
node "$ROOT/tests/bench/dashboard.mjs"
node "$ROOT/tests/bench/users-tab.mjs"
node "$ROOT/tests/bench/companies-tab.mjs"
"$ROOT/tests/bench/slow_clients.sh"
