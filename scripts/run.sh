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

cat <<'INFO'

Tabhost is starting on http://127.0.0.1:8080 (demo tenant "demo"):
  curl http://127.0.0.1:8080/t/demo/api/v1/branding
  curl http://127.0.0.1:8080/t/demo/api/v1/tabs
  curl http://127.0.0.1:8080/t/demo/api/v1/hello
  curl -X POST -d '{"name":"Ada"}' http://127.0.0.1:8080/t/demo/api/v1/hello/greetings
Demo owner login: none yet — user accounts arrive with the identity module;
until then the demo serves public routes only.
Stop with Ctrl-C; reload config/ with: build/bin/tabctl reload --config config/tabhost.yaml

INFO
exec build/bin/tabhost --config config/tabhost.yaml
