#!/usr/bin/env bash
# Starts (or stops) a real SMTP listener for the test suite on 127.0.0.1:
# Debian's aiosmtpd, storing every message it accepts in a Maildir
# (DIR/maildir/new/<one file per message>). Prints "HOST:PORT".
#   scripts/smtp-test-server.sh start DIR PORT   → prints 127.0.0.1:PORT (PORT or the next free one)
#   scripts/smtp-test-server.sh stop DIR
set -euo pipefail
ACTION="$1"
DIR="$2"
# Debian's interpreter, where python3-aiosmtpd is installed (not a PATH one).
PYTHON=/usr/bin/python3

case "$ACTION" in
  start)
    PORT="$3"
    while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
    rm -rf "$DIR"
    mkdir -p "$DIR"
    nohup "$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Mailbox "$DIR/maildir" \
      >"$DIR/server.log" 2>&1 &
    echo $! >"$DIR/pid"
    for _ in $(seq 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { echo "127.0.0.1:$PORT"; exit 0; }
      sleep 0.1
    done
    echo "smtp-test-server: aiosmtpd did not start; see $DIR/server.log" >&2
    cat "$DIR/server.log" >&2
    exit 1
    ;;
  stop)
    [ -f "$DIR/pid" ] && kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
