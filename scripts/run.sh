#!/usr/bin/env bash
# Command 1: install, build, and start Tabhost on the embedded default
# (SQLite under var/, the demo tenant, the built-in plugins plus the example
# "hello" plugin built out of tree against the installed SDK).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/install-deps.sh
scripts/build.sh
hello=$(scripts/build-hello.sh "$ROOT/build/sdk-prefix" "$ROOT/hello-build")
cp "$hello" build/lib/tabhost/plugins/
build/bin/tabctl config check --config config/tabhost.yaml

# The demo owner: created on the first run; later runs give it a fresh
# temporary password (only its hash is stored, so it cannot be shown again).
OWNER=owner@demo.example
if ! out=$(build/bin/tabctl user create --config config/tabhost.yaml --tenant demo --email "$OWNER" --type owner \
             --first-name Demo --last-name Owner 2>&1); then
  out=$(build/bin/tabctl user reset-password --config config/tabhost.yaml --tenant demo --email "$OWNER")
fi
PASSWORD=$(printf '%s\n' "$out" | tail -n 1 | tr -d ' ')

cat <<INFO

Tabhost is starting. Open the dashboard:  http://127.0.0.1:8080/t/demo/
Demo owner login:  $OWNER  /  $PASSWORD
  (a temporary password: the first sign-in asks for a new one)
The API: curl http://127.0.0.1:8080/t/demo/api/v1/branding
Stop with Ctrl-C; reload config/ with: build/bin/tabctl reload --config config/tabhost.yaml

INFO
exec build/bin/tabhost --config config/tabhost.yaml
