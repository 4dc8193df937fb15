#!/usr/bin/env bash
# Installs what Tabhost needs to build and test, from Debian 12's packages.
# Idempotent: does nothing (not even apt-get update) when all are present.
set -euo pipefail

# john-data: the common-password list the password policy refuses (embedded at build time).
# python3-aiosmtpd: the real SMTP listener the tests deliver mail to.
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libpoco-dev libpq-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev libspdlog-dev
  libsodium-dev libsqlite3-dev libgtest-dev libgmock-dev
  sqlite3 curl wrk postgresql
  john-data python3-aiosmtpd
)

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
