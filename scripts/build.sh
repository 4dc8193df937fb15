#!/usr/bin/env bash
# Configures and builds Tabhost into build/ (Ninja, ccache, RelWithDebInfo):
# build/bin/{tabhost,tabctl}, build/lib/tabhost/plugins/*.so, tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"
# Paths relative to the checkout in ccache's keys: a fresh clone (as CI makes)
# reuses what an earlier build of the same sources compiled.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1

cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
