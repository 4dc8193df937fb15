#!/usr/bin/env bash
# Installs what Tabhost needs to build and test, from Debian 12's packages.
# Idempotent: does nothing (not even apt-get update) when all are present.
set -euo pipefail

# john-data: the common-password list the password policy refuses (embedded at build time).
# python3-aiosmtpd: the real SMTP listener the tests deliver mail to.
# chromium, fonts-dejavu-core: the real browser of the dashboard's tests (driven by
# playwright-core, never a downloaded browser) and a font for its screenshots.
# slowhttptest: the slow-client attacks of tests/bench/slow_clients.sh.
# clang, libclang-rt-14-dev: the compiler of scripts/fuzz.sh and its libFuzzer and
# sanitizer runtimes (only recommended by clang, and recommends are not installed).
# Node 20 and npm come with the machine: Debian's nodejs is older and is not installed.
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libpoco-dev libpq-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev libspdlog-dev
  libsodium-dev libsqlite3-dev libgtest-dev libgmock-dev
  sqlite3 curl wrk slowhttptest postgresql
  john-data python3-aiosmtpd
  chromium fonts-dejavu-core
  clang libclang-rt-14-dev
)

# The dashboard is built with the machine's Node.js (20 or newer) and npm.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null \
   || ! command -v npm >/dev/null; then
  echo "install-deps: Node.js 20 or newer with npm is needed to build the dashboard (found: $(node --version 2>&1))" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
