#!/usr/bin/env bash
# Fuzzes one target of tests/fuzz for SECONDS seconds with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer:
#   scripts/fuzz.sh json_parser 300
# Builds it with clang into build-fuzz/ (TABHOST_FUZZ=ON; every library it
# links is built with the sanitizers too), fuzzes a copy of its committed
# corpus in build-fuzz/corpus/<target>/ (what it adds stays out of the
# checkout), and prints the executions and coverage. A crashing input is
# left in build-fuzz/findings/<target>/: once fixed, add it to
# tests/fuzz/corpus/<target>/ so that the test command keeps replaying it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
TARGETS=$(cd "$ROOT/tests/fuzz" && ls -- *_fuzz.cpp | sed 's/_fuzz\.cpp$//' | tr '\n' ' ')

usage() {
  echo "usage: $0 TARGET SECONDS" >&2
  echo "  TARGET: one of ${TARGETS% }" >&2
  echo "  SECONDS: how long to fuzz, a whole number above 0" >&2
  exit 2
}
[ $# -eq 2 ] || usage
TARGET="$1"
DURATION="$2"
[[ " $TARGETS" == *" $TARGET "* ]] || usage
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || usage

# The same ccache keys as scripts/build.sh.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
# The npm packages live in the checkout, shared with build/: when build/ has
# installed the current ones, take its stamp rather than run `npm ci` again
# (which would empty node_modules under anything using it meanwhile).
mkdir -p "$BUILD_DIR"
if [ ! -f "$BUILD_DIR/npm-ci.stamp" ] && [ -f "$ROOT/build/npm-ci.stamp" ]; then
  cp -p "$ROOT/build/npm-ci.stamp" "$BUILD_DIR/npm-ci.stamp"
fi
# -fsanitize=fuzzer-no-link instruments everything for libFuzzer's coverage;
# only the fuzz target itself links libFuzzer (tests/fuzz/CMakeLists.txt).
# UB aborts, so that libFuzzer stops at it and keeps the input.
SANITIZERS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTABHOST_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="$SANITIZERS -fsanitize=fuzzer-no-link" >/dev/null
cmake --build "$BUILD_DIR" --target "${TARGET}_fuzz"

CORPUS="$BUILD_DIR/corpus/$TARGET"
FINDINGS="$BUILD_DIR/findings/$TARGET"
LOG="$BUILD_DIR/fuzz-$TARGET.log"
mkdir -p "$CORPUS" "$FINDINGS"
cp -- "$ROOT/tests/fuzz/corpus/$TARGET"/* "$CORPUS/"

status=0
"$BUILD_DIR/bin/${TARGET}_fuzz" -max_total_time="$DURATION" -print_final_stats=1 \
  -artifact_prefix="$FINDINGS/" "$CORPUS" >"$LOG" 2>&1 || status=$?

# libFuzzer's last status line ("#N DONE cov: C ft: F corp: ...") and final stats.
last=$(grep -E '^#[0-9]+.*cov: ' "$LOG" | tail -n 1 || true)
stat() { sed -n "s/^stat::$1: *//p" "$LOG" | tail -n 1; }
echo "target:     $TARGET ($DURATION s)"
echo "executions: $(stat number_of_executed_units) ($(stat average_exec_per_sec)/s)"
echo "coverage:   $(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$last" || echo unknown)"
echo "corpus:     $(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$last" | sed 's/corp: //') inputs in $CORPUS"
echo "log:        $LOG"
if [ "$status" -ne 0 ]; then
  echo "FOUND A PROBLEM (libFuzzer exit status $status): input in $FINDINGS" >&2
  grep -E 'ERROR|SUMMARY|runtime error|fuzz property broken' "$LOG" | head -n 5 >&2 || true
fi
exit "$status"
