#!/usr/bin/env bash
# Command 2: install, build once, and run every test (unit, HTTP integration
# against real tabhost processes, and the out-of-tree SDK check) with CTest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/install-deps.sh
scripts/build.sh
cd build
ctest -j "$(nproc)" --output-on-failure --timeout 300
