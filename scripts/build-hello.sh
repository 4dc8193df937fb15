#!/usr/bin/env bash
# Installs the SDK from build/ into a prefix and builds the example plugin
# OUT OF TREE against it, exactly as a third party would.
#   scripts/build-hello.sh PREFIX OUT_DIR   → OUT_DIR/tabhost_hello.so
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
PREFIX="$1"
OUT="$2"

cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null
# TabhostSDK_DIR is given, not only searched for: a build folder reused with
# another prefix would otherwise keep the SDK it found the first time.
cmake -S "$ROOT/sdk/examples/hello" -B "$OUT" -G Ninja -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DTabhostSDK_DIR="$PREFIX/lib/cmake/TabhostSDK" >/dev/null
cmake --build "$OUT" >/dev/null
echo "$OUT/tabhost_hello.so"
