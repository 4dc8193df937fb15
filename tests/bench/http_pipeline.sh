#!/usr/bin/env bash
# tests/bench/http_pipeline.sh - HTTP pipeline benchmark: Tabhost vs a bare Poco server.
#
# A measurement, not a test: it prints figures and exits 0 even when the target
# ratio is missed; it exits non-zero only when the setup fails (missing binary,
# server does not start, hello route does not answer, ...).
#
# Both servers answer the same bytes (the body of GET /t/bench/api/v1/hello as
# served by Tabhost) with the same thread/queue/keep-alive settings, so the
# ratio tabhost/bare req/s is the cost of Tabhost's pipeline (routing, tenant
# resolution, plugin dispatch, logging) over a raw Poco::Net::HTTPServer.
#
# Environment (defaults):
#   BUILD_DIR=build            build tree; relative paths are relative to the repo root
#   HELLO_SO=hello-build/tabhost_hello.so   example plugin (relative to the repo root)
#   DURATION=10s               wrk duration per measured run
#   WARMUP=2s                  wrk warm-up per server (not measured)
#   CONNECTIONS=64             wrk connections (active clients)
#   THREADS=2                  wrk threads
#   IDLE=200                   idle clients in the second scenario (0 skips it)
#   ROUNDS=3                   alternating rounds per server; the report compares medians
#   IDLE_REFRESH=5             seconds before idle sockets are re-opened (the server
#                              drops a silent connection after io_timeout_s=10)
#   PORT_BASE=18080            Tabhost listens on PORT_BASE, the bare server on PORT_BASE+1
#   READY_TIMEOUT=20           seconds to wait for /readyz
#   KEEP_WORK=0                1 keeps the temporary directory (config, logs, wrk output)
#   BARE_ONLY=0                1 benchmarks only the bare server with a small JSON body
#                              (checks the harness without a Tabhost build)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

BUILD_DIR="${BUILD_DIR:-build}"
HELLO_SO="${HELLO_SO:-hello-build/tabhost_hello.so}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
IDLE="${IDLE:-200}"
ROUNDS="${ROUNDS:-3}"
IDLE_REFRESH="${IDLE_REFRESH:-5}"
PORT_BASE="${PORT_BASE:-18080}"
READY_TIMEOUT="${READY_TIMEOUT:-20}"
KEEP_WORK="${KEEP_WORK:-0}"
BARE_ONLY="${BARE_ONLY:-0}"

# Server settings shared by both servers (tabhost.yaml and bare_poco_server flags).
SRV_THREADS=512
SRV_MAX_QUEUED=512
SRV_KA_TIMEOUT_S=5
SRV_KA_MAX_REQUESTS=1000
SRV_IO_TIMEOUT_S=10

HOST=127.0.0.1
TABHOST_PORT="$PORT_BASE"
BARE_PORT=$((PORT_BASE + 1))
TARGET_RATIO=0.80

log() { echo "[bench] $*" >&2; }
die() {
    echo "[bench] setup failed: $*" >&2
    exit 1
}

abs_path() { # path relative to the repo root unless absolute
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$REPO_ROOT/$1" ;;
    esac
}

# wrk duration ("10s", "2m", "1h", "10") -> whole seconds
dur_to_s() {
    local d="$1" n unit
    n="${d%%[smh]}"
    unit="${d#"$n"}"
    [[ "$n" =~ ^[0-9]+$ ]] || die "bad duration '$d' (use e.g. 10s, 2m)"
    case "$unit" in
        "" | s) echo "$n" ;;
        m) echo $((n * 60)) ;;
        h) echo $((n * 3600)) ;;
    esac
}

# shellcheck source=SCRIPTDIR/host.sh
. "$SCRIPT_DIR/host.sh"

require_whole_numbers CONNECTIONS THREADS IDLE ROUNDS IDLE_REFRESH PORT_BASE READY_TIMEOUT
((CONNECTIONS >= THREADS && THREADS >= 1)) || die "need CONNECTIONS >= THREADS >= 1"
((PORT_BASE >= 1024 && PORT_BASE < 65535)) || die "PORT_BASE must be in 1024..65534"
((IDLE_REFRESH >= 1)) || die "IDLE_REFRESH must be >= 1"
DURATION_S="$(dur_to_s "$DURATION")"
WARMUP_S="$(dur_to_s "$WARMUP")"

require_commands wrk curl awk mkfifo mktemp

BUILD_DIR="$(abs_path "$BUILD_DIR")"
HELLO_SO="$(abs_path "$HELLO_SO")"
TABHOST_BIN="$BUILD_DIR/bin/tabhost"
BARE_BIN="$BUILD_DIR/bin/bare_poco_server"

[[ -x "$BARE_BIN" ]] || die "$BARE_BIN not found (build target bare_poco_server)"
if [[ "$BARE_ONLY" != 1 ]]; then
    [[ -x "$TABHOST_BIN" ]] || die "$TABHOST_BIN not found (build the project first)"
    [[ -f "$HELLO_SO" ]] || die "$HELLO_SO not found (build the example plugin, or set HELLO_SO)"
fi

# ----------------------------------------------------------------------------
# process bookkeeping and cleanup

WORK=""
PIDS=()      # servers we started
IDLE_PID=""  # current idle-client holder
WRK_PID=""   # running wrk (under timeout)


# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$WRK_PID"
    stop_pid "$IDLE_PID"
    local pid
    for pid in "${PIDS[@]}"; do
        stop_pid "$pid"
    done
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        if [[ "$KEEP_WORK" == 1 ]]; then
            log "kept work dir $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { # something already accepts on 127.0.0.1:$1
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tabhost-bench.XXXXXX")"
mkfifo "$WORK/idle.tick"

# ----------------------------------------------------------------------------
# Tabhost

BODY_FILE="$WORK/hello.body"
CONTENT_TYPE="application/json"
TABHOST_PID=""

if [[ "$BARE_ONLY" != 1 ]]; then
    port_busy "$TABHOST_PORT" && die "port $TABHOST_PORT is already in use (set PORT_BASE)"
    mkdir -p "$WORK/plugins" "$WORK/tenants" "$WORK/data" "$WORK/state"
    cat >"$WORK/tabhost.yaml" <<EOF
server:
  listen: "$HOST:$TABHOST_PORT"
  threads: $SRV_THREADS
  max_queued: $SRV_MAX_QUEUED
  keep_alive_timeout_s: $SRV_KA_TIMEOUT_S
  max_keep_alive_requests: $SRV_KA_MAX_REQUESTS
  io_timeout_s: $SRV_IO_TIMEOUT_S
storage:
  driver: sqlite
  path: data
plugins:
  dir: plugins
tenants_dir: tenants
state_dir: state
logging:
  level: info
  file: tabhost.log
EOF
    cat >"$WORK/tenants/bench.yaml" <<EOF
id: bench
name: Bench Co
EOF
    cp "$HELLO_SO" "$WORK/plugins/"

    # Run from the work dir so relative paths resolve there whichever base the server uses.
    (cd "$WORK" && exec "$TABHOST_BIN" --config "$WORK/tabhost.yaml") >"$WORK/tabhost.stdout" 2>&1 &
    TABHOST_PID=$!
    PIDS+=("$TABHOST_PID")

    tabhost_logs() {
        echo "--- tabhost stdout/stderr (tail) ---" >&2
        tail -n 30 "$WORK/tabhost.stdout" >&2 2>/dev/null || true
        if [[ -f "$WORK/tabhost.log" ]]; then
            echo "--- tabhost.log (tail) ---" >&2
            tail -n 30 "$WORK/tabhost.log" >&2 || true
        fi
    }

    deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fsS --max-time 1 "http://$HOST:$TABHOST_PORT/readyz" >/dev/null 2>&1; do
        if ! proc_alive "$TABHOST_PID"; then
            tabhost_logs
            die "tabhost exited before /readyz answered"
        fi
        if ((SECONDS >= deadline)); then
            tabhost_logs
            die "tabhost /readyz did not succeed within ${READY_TIMEOUT}s"
        fi
        sleep 0.2
    done
    log "tabhost ready on $HOST:$TABHOST_PORT (pid $TABHOST_PID)"

    TABHOST_URL="http://$HOST:$TABHOST_PORT/t/bench/api/v1/hello"
    if ! curl -fsS --max-time 5 -D "$WORK/hello.headers" -o "$BODY_FILE" "$TABHOST_URL"; then
        tabhost_logs
        die "GET $TABHOST_URL failed"
    fi
    ct="$(awk 'tolower($0) ~ /^content-type:/ {sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); v=$0} END{print v}' "$WORK/hello.headers")"
    [[ -n "$ct" ]] && CONTENT_TYPE="$ct"
else
    printf '{"message":"hello","tenant":"bench"}' >"$BODY_FILE"
    log "BARE_ONLY=1: benchmarking the bare server alone"
fi
BODY_BYTES="$(wc -c <"$BODY_FILE" | tr -d ' ')"

# ----------------------------------------------------------------------------
# bare Poco server answering the same bytes

port_busy "$BARE_PORT" && die "port $BARE_PORT is already in use (set PORT_BASE)"
"$BARE_BIN" --port "$BARE_PORT" --body-file "$BODY_FILE" --content-type "$CONTENT_TYPE" \
    --threads "$SRV_THREADS" --max-queued "$SRV_MAX_QUEUED" \
    --keep-alive-timeout "$SRV_KA_TIMEOUT_S" --max-keep-alive-requests "$SRV_KA_MAX_REQUESTS" \
    --io-timeout "$SRV_IO_TIMEOUT_S" >"$WORK/bare.stdout" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")

deadline=$((SECONDS + 10))
until grep -q '^listening on ' "$WORK/bare.stdout" 2>/dev/null; do
    if ! proc_alive "$BARE_PID" || ((SECONDS >= deadline)); then
        cat "$WORK/bare.stdout" >&2 || true
        die "bare_poco_server did not start on $HOST:$BARE_PORT"
    fi
    sleep 0.1
done
BARE_URL="http://$HOST:$BARE_PORT/t/bench/api/v1/hello"
curl -fsS --max-time 5 -o "$WORK/bare.body" "$BARE_URL" || die "GET $BARE_URL failed"
cmp -s "$BODY_FILE" "$WORK/bare.body" || die "bare server body differs from the tabhost body"
log "bare server ready on $HOST:$BARE_PORT (pid $BARE_PID)"

# ----------------------------------------------------------------------------
# idle clients: IDLE sockets that never send a byte, re-opened every
# IDLE_REFRESH s (the server closes a silent connection after io_timeout_s).
# Pure bash (/dev/tcp); waits with the `read -t` builtin on a FIFO so no child
# process inherits the sockets, and killing the subshell closes them all.

start_idle() {
    local port="$1" countfile="$2"
    (
        set +e
        trap - EXIT
        exec {tick}<>"$WORK/idle.tick"
        fds=()
        while :; do
            for fd in "${fds[@]}"; do
                exec {fd}>&-
            done
            fds=()
            for ((i = 0; i < IDLE; i++)); do
                if exec {s}<>"/dev/tcp/$HOST/$port"; then
                    fds+=("$s")
                fi
            done
            echo "${#fds[@]}" >"$countfile"
            read -r -t "$IDLE_REFRESH" -u "$tick" _
        done
    ) 2>>"$WORK/idle.err" &
    IDLE_PID=$!
    # wait (bounded) until the first batch is open
    local deadline=$((SECONDS + 15))
    while [[ ! -s "$countfile" ]] && ((SECONDS < deadline)); do
        sleep 0.1
    done
    sleep 0.5
}

stop_idle() {
    stop_pid "$IDLE_PID"
    IDLE_PID=""
}

# ----------------------------------------------------------------------------
# wrk runs and parsing


RESULTS=() # "scenario server round req_s p99 errors"
ROUND=1

run_wrk() { # run_wrk OUTFILE URL DURATION_S WRK_ARGS... ; never fails the script
    local out="$1" url="$2" secs="$3"
    shift 3
    # In the background + `wait` so an INT/TERM trap runs at once (cleanup stops wrk).
    timeout --kill-after=5 $((secs + 30)) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" "$@" "$url" >"$out" 2>&1 &
    WRK_PID=$!
    local rc=0
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    ((rc == 0)) || log "wrk exited with status $rc (see $out)"
}

measure() { # measure SCENARIO SERVER URL
    local scenario="$1" server="$2" url="$3" out
    out="$WORK/wrk.$scenario.$server.$ROUND.txt"
    log "round $ROUND: $scenario / $server: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
    run_wrk "$out" "$url" "$DURATION_S" --latency
    local rps p99 bad sock
    read -r rps p99 bad sock < <(parse_wrk "$out")
    RESULTS+=("$scenario $server $ROUND $rps $p99 $((bad + sock))")
}

MAX_THREADS_tabhost=0
MAX_THREADS_bare=0
sample_threads() { # sample_threads SERVER PID
    local n
    n="$(awk '/^Threads:/ {print $2}' "/proc/$2/status" 2>/dev/null || echo 0)"
    local var="MAX_THREADS_$1"
    ((${n:-0} > ${!var})) && printf -v "$var" '%s' "$n"
    return 0
}

IDLE_SCENARIO="idle-$IDLE"
bench_server() { # bench_server SERVER PID URL PORT
    local server="$1" pid="$2" url="$3" port="$4"
    log "$server: warm-up ${WARMUP_S}s"
    run_wrk "$WORK/wrk.warmup.$server.txt" "$url" "$WARMUP_S"
    measure keep-alive "$server" "$url"
    sample_threads "$server" "$pid"
    if ((IDLE > 0)); then
        local countfile="$WORK/idle.$server.count"
        start_idle "$port" "$countfile"
        log "$server: $(cat "$countfile" 2>/dev/null || echo 0)/$IDLE idle connections open"
        sample_threads "$server" "$pid"
        measure "$IDLE_SCENARIO" "$server" "$url"
        sample_threads "$server" "$pid"
        stop_idle
    fi
    proc_alive "$pid" || die "$server server died during the benchmark"
}

# Rounds alternate the two servers so that drift on the shared cores (thermal,
# wrk's own share) hits both alike; the medians are what the report compares.
for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    if [[ "$BARE_ONLY" != 1 ]]; then
        bench_server tabhost "$TABHOST_PID" "$TABHOST_URL" "$TABHOST_PORT"
    fi
    bench_server bare "$BARE_PID" "$BARE_URL" "$BARE_PORT"
done

proc_field() { # proc_field PID FIELD -> value without the label
    awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print; found = 1 } END { if (!found) print "n/a" }' \
        "/proc/$1/status" 2>/dev/null || echo "n/a"
}

# ----------------------------------------------------------------------------
# report

echo
echo "HTTP pipeline benchmark: GET /t/bench/api/v1/hello ($BODY_BYTES-byte $CONTENT_TYPE body)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after ${WARMUP} warm-up), $ROUNDS alternating rounds; idle clients: $IDLE;" \
    "both servers: threads=$SRV_THREADS max_queued=$SRV_MAX_QUEUED keep_alive=${SRV_KA_TIMEOUT_S}s/$SRV_KA_MAX_REQUESTS io_timeout=${SRV_IO_TIMEOUT_S}s; $(nproc) CPUs shared with wrk"
echo
printf '%-12s | %-8s | %5s | %12s | %9s | %s\n' scenario server round "req/s" "p99 ms" "errors"
printf '%-12s-+-%-8s-+-%5s-+-%12s-+-%9s-+-%s\n' ------------ -------- ----- ------------ --------- ------
for r in "${RESULTS[@]}"; do
    read -r sc sv rd rps p99 err <<<"$r"
    printf '%-12s | %-8s | %5s | %12s | %9s | %s\n' "$sc" "$sv" "$rd" "$rps" "$p99" "$err"
done
echo

result_field() { # result_field SCENARIO SERVER INDEX -> median over the rounds
    local r values=()
    for r in "${RESULTS[@]}"; do
        read -r -a f <<<"$r"
        [[ "${f[0]}" == "$1" && "${f[1]}" == "$2" && "${f[$3]}" != "n/a" ]] && values+=("${f[$3]}")
    done
    if ((${#values[@]} == 0)); then
        echo "n/a"
        return
    fi
    printf '%s\n' "${values[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

echo "medians over $ROUNDS rounds:"
for sc in keep-alive "$IDLE_SCENARIO"; do
    [[ "$sc" == "$IDLE_SCENARIO" ]] && ((IDLE == 0)) && continue
    for sv in tabhost bare; do
        [[ "$sv" == tabhost && "$BARE_ONLY" == 1 ]] && continue
        printf '  %-12s %-8s req/s %10s   p99 ms %8s\n' "$sc" "$sv" "$(result_field "$sc" "$sv" 3)" "$(result_field "$sc" "$sv" 4)"
    done
done
echo

if [[ "$BARE_ONLY" != 1 ]]; then
    scenarios=(keep-alive)
    ((IDLE > 0)) && scenarios+=("$IDLE_SCENARIO")
    for sc in "${scenarios[@]}"; do
        t="$(result_field "$sc" tabhost 3)"
        b="$(result_field "$sc" bare 3)"
        awk -v sc="$sc" -v t="$t" -v b="$b" -v target="$TARGET_RATIO" 'BEGIN {
            if (t == "n/a" || b == "n/a" || b + 0 <= 0) { printf "ratio tabhost/bare req/s [%s]: n/a\n", sc; exit }
            r = t / b
            printf "ratio of medians tabhost/bare req/s [%s]: %.2f (%s)\n", sc, r, (r >= target ? "target met" : "below target")
        }'
    done
    echo "target: tabhost/bare req/s >= $TARGET_RATIO in every scenario (a measurement: the script exits 0 either way)"
    echo
    echo "tabhost process (pid $TABHOST_PID): peak RSS (VmHWM) $(proc_field "$TABHOST_PID" VmHWM)," \
        "threads now $(proc_field "$TABHOST_PID" Threads), max threads seen $MAX_THREADS_tabhost"
fi
echo "bare server    (pid $BARE_PID): peak RSS (VmHWM) $(proc_field "$BARE_PID" VmHWM)," \
    "threads now $(proc_field "$BARE_PID" Threads), max threads seen $MAX_THREADS_bare"
[[ "$KEEP_WORK" == 1 ]] && echo "raw wrk output and logs: $WORK"
exit 0
