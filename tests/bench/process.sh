# shellcheck shell=bash
# tests/bench/process.sh - stopping the processes a benchmark started.
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
