# shellcheck shell=bash
# tests/bench/host.sh - the tabhost a benchmark runs: its throw-away
# configuration, waiting for it to be ready, and stopping what was started.
# Sourced by the bench scripts; each defines log() and die() before calling these.

proc_alive() { # true while the process exists and is not a zombie
    local pid="$1" stat
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [[ "${stat%% *}" != Z ]]
}

stop_pid() { # TERM, wait up to ~5 s, then KILL; reaps our child
    local pid="$1" i
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        proc_alive "$pid" || break
        sleep 0.1
    done
    if proc_alive "$pid"; then
        log "pid $pid ignored SIGTERM, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

bench_config() { # DIR LISTEN TENANT PLUGIN.so...: tabhost.yaml (SQLite under DIR/data), one tenant, these plugins
    local dir="$1" listen="$2" tenant="$3"
    shift 3
    mkdir -p "$dir/plugins" "$dir/tenants"
    cp "$@" "$dir/plugins/"
    cat >"$dir/tabhost.yaml" <<YAML
server: {listen: "$listen", threads: 128}
storage: {driver: sqlite, path: data}
plugins: {dir: plugins}
tenants_dir: tenants
state_dir: state
logging: {file: tabhost.log}
YAML
    printf 'id: %s\nname: Bench\n' "$tenant" >"$dir/tenants/$tenant.yaml"
}

wait_ready() { # BASE_URL PID SECONDS: until /readyz answers; fails when PID is gone or time runs out
    local url="$1" pid="$2" deadline=$((SECONDS + $3))
    until curl -fsS --max-time 1 "$url/readyz" >/dev/null 2>&1; do
        proc_alive "$pid" && ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

require_whole_numbers() { # VAR...: each variable holds a non-negative integer
    local v
    for v in "$@"; do
        [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a non-negative integer (got '${!v}')"
    done
}

require_commands() { # CMD...: each is on PATH
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found in PATH"
    done
}

parse_wrk() { # FILE -> "req_s p99_ms non2xx socket_errors" ("n/a" where wrk printed nothing)
    awk '
        function to_ms(v,   n, u) {
            n = v; sub(/[a-z]+$/, "", n)
            u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n / 1000
            if (u == "ms") return n + 0
            if (u == "s")  return n * 1000
            if (u == "m")  return n * 60000
            if (u == "h")  return n * 3600000
            return "n/a"
        }
        /^Requests\/sec:/ { rps = $2 }
        /^[ \t]*99(\.0+)?%/ { p99 = to_ms($2) }
        /Socket errors:/ { for (i = 3; i <= NF; i += 2) { x = $(i + 1); gsub(/,/, "", x); sock += x } }
        /Non-2xx or 3xx responses:/ { bad += $NF }
        END { printf "%s %s %d %d\n", (rps == "" ? "n/a" : rps), (p99 == "" ? "n/a" : sprintf("%.2f", p99)), bad, sock }
    ' "$1"
}
