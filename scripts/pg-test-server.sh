#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL 15 server for the test suite on
# 127.0.0.1, owned by the `postgres` system user (initdb refuses root), with
# trust authentication on loopback only. Prints the DSN for TABHOST_TEST_PG_DSN.
#   scripts/pg-test-server.sh start DIR PORT   → prints the DSN (PORT or the next free one)
#   scripts/pg-test-server.sh stop DIR
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
ACTION="$1"
DIR="$2"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "$ACTION" in
  start)
    PORT="$3"
    # A port already taken (another run's server) moves this one up.
    while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown postgres:postgres "$DIR" 2>/dev/null || true
    as_postgres "$BIN/initdb" -D "$DIR/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres tabhost_test
    echo "host=127.0.0.1 port=$PORT user=postgres dbname=tabhost_test"
    ;;
  stop)
    [ -d "$DIR/data" ] && as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
