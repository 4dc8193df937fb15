# shellcheck shell=bash
# tests/bench/host.sh - the tabhost a benchmark runs: its throw-away
# configuration, waiting for it to be ready, and stopping what was started.
# Sourced by the bench scripts; each defines log() before calling stop_pid.

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
