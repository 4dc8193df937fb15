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

ABI="$(sed -n 's/^#define TABHOST_SDK_ABI_MAJOR \([0-9]*\)$/\1/p' "$WORK/prefix/include/tabhost/sdk/abi.hpp").$(sed -n 's/^#define TABHOST_SDK_ABI_MINOR \([0-9]*\)$/\1/p' "$WORK/prefix/include/tabhost/sdk/abi.hpp")"
"$WORK/prefix/bin/tabctl" plugins list --config "$WORK/tabhost.yaml" | grep -E "^tabhost_hello\.so +hello +1\.0\.0 +${ABI//./\\.} +loaded$"
# An agent may store greetings (hello.write is granted from agent up).
"$WORK/prefix/bin/tabctl" user create --config "$WORK/tabhost.yaml" --tenant acme --email agent@acme.test --type agent >/dev/null
TOKEN="$("$WORK/prefix/bin/tabctl" token create --config "$WORK/tabhost.yaml" --tenant acme --email agent@acme.test --name ci | tail -n 1 | tr -d ' ')"
"$WORK/prefix/bin/tabhost" --config "$WORK/tabhost.yaml" >"$WORK/out.log" 2>&1 &
PID=$!
for _ in $(seq 100); do [ -s "$WORK/state/tabhost.url" ] && break; sleep 0.1; done
URL="$(cat "$WORK/state/tabhost.url")"

body="$(curl -fsS "$URL/t/acme/api/v1/hello")"
[ "$body" = '{"message":"Howdy, Acme Inc!"}' ] || { echo "unexpected: $body"; cat "$WORK/out.log"; exit 1; }
anonymous="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -d '{"name":"Eve"}' "$URL/t/acme/api/v1/hello/greetings")"
[ "$anonymous" = 401 ] || { echo "anonymous write answered $anonymous, expected 401"; exit 1; }
created="$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -d '{"name":"Ada"}' "$URL/t/acme/api/v1/hello/greetings")"
[ "$created" = '{"id":1,"name":"Ada"}' ] || { echo "unexpected: $created"; exit 1; }
curl -fsS -H "Authorization: Bearer $TOKEN" "$URL/t/acme/api/v1/hello/greetings" | grep -q '"name":"Ada"'
echo "out-of-tree hello plugin: built against the installed SDK, loaded and serving"
