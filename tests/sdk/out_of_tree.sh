#!/usr/bin/env bash
# The SDK as a third party gets it: install the SDK, build sdk/examples/hello
# out of tree against the installed package, drop the .so into a plugin folder
# and check that a real tabhost serves its route. Run by CTest.
set -euo pipefail
ROOT="$1"
BUILD_DIR="$2"
WORK="$(mktemp -d)"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

BUILD_DIR="$BUILD_DIR" "$ROOT/scripts/build-hello.sh" "$WORK/prefix" "$WORK/hello-build" >/dev/null
# The installed layout is the build layout: bin/, lib/tabhost/plugins/, the SDK.
for f in bin/tabhost bin/tabctl include/tabhost/sdk/sdk.hpp lib/cmake/TabhostSDK/TabhostSDKConfig.cmake; do
  [ -e "$WORK/prefix/$f" ] || { echo "missing from install: $f"; exit 1; }
done
[ -d "$WORK/prefix/lib/tabhost/plugins" ] || { echo "missing from install: lib/tabhost/plugins/"; exit 1; }

mkdir -p "$WORK/plugins" "$WORK/tenants"
cp "$WORK/hello-build/tabhost_hello.so" "$WORK/plugins/"
cat > "$WORK/tabhost.yaml" <<YAML
server: {listen: "127.0.0.1:0"}
storage: {driver: sqlite, path: data}
plugins: {dir: plugins}
tenants_dir: tenants
state_dir: state
YAML
printf 'id: acme\nname: Acme Inc\nplugins:\n  hello:\n    settings: {greeting: Howdy}\n' > "$WORK/tenants/acme.yaml"

"$WORK/prefix/bin/tabctl" plugins list --config "$WORK/tabhost.yaml" | grep -E '^tabhost_hello\.so +hello +1\.0\.0 +1\.0 +loaded$'
"$WORK/prefix/bin/tabhost" --config "$WORK/tabhost.yaml" >"$WORK/out.log" 2>&1 &
PID=$!
for _ in $(seq 100); do [ -s "$WORK/state/tabhost.url" ] && break; sleep 0.1; done
URL="$(cat "$WORK/state/tabhost.url")"

body="$(curl -fsS "$URL/t/acme/api/v1/hello")"
[ "$body" = '{"message":"Howdy, Acme Inc!"}' ] || { echo "unexpected: $body"; cat "$WORK/out.log"; exit 1; }
created="$(curl -fsS -X POST -d '{"name":"Ada"}' "$URL/t/acme/api/v1/hello/greetings")"
[ "$created" = '{"id":1,"name":"Ada"}' ] || { echo "unexpected: $created"; exit 1; }
curl -fsS "$URL/t/acme/api/v1/hello/greetings" | grep -q '"name":"Ada"'
echo "out-of-tree hello plugin: built against the installed SDK, loaded and serving"
