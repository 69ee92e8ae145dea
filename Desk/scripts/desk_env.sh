# Shared helpers for the desk's test scripts (sourced, not run): find the binary, start a desk on a
# temporary data directory and a free port, wait until it answers, stop it, and a Python venv
# outside the repository. Everything a script starts is stopped by `desk_cleanup` (set as EXIT trap).
#
# Environment:
#   DESK_BIN       triage-desk binary (default: Desk/.build/debug/triage-desk, else .build/release)
#   DESK_VENV      Python virtualenv for selenium/schemathesis/requests (default /tmp/desk-venv)
#   DESK_WRAP      command prefix for the desk process, e.g. "taskset -c 0"
#   DESK_KEEP_DATA set to 1 to keep the temporary data directories (for post-mortems)

DESK_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DESK_PKG="$(cd "$DESK_SCRIPTS/.." && pwd)"
DESK_ROOT="$(cd "$DESK_PKG/.." && pwd)"
DESK_SEED="${DESK_SEED:-$DESK_ROOT/TrainingData/sample_disputes.jsonl}"
DESK_RESULTS="${DESK_RESULTS:-$DESK_ROOT/Benchmarks/results/desk}"
DESK_VENV="${DESK_VENV:-/tmp/desk-venv}"
DESK_PIDS=()
DESK_TMPDIRS=()

desk_find_bin() {
    if [[ -n "${DESK_BIN:-}" ]]; then
        [[ -x "$DESK_BIN" ]] || { echo "DESK_BIN=$DESK_BIN is not executable" >&2; return 1; }
        return 0
    fi
    local candidate
    for candidate in "$DESK_PKG/.build/debug/triage-desk" "$DESK_PKG/.build/release/triage-desk"; do
        if [[ -x "$candidate" ]]; then DESK_BIN="$candidate"; return 0; fi
    done
    echo "no triage-desk binary: build it (cd Desk && swift build) or set DESK_BIN" >&2
    return 1
}

# desk_free_port : a port free on 127.0.0.1, drawn below the kernel's range for outgoing connections
# (a port the kernel hands out, as bind to port 0 does, can be taken by any client socket before the
# server binds it).
desk_free_port() {
    python3 -c '
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(100):
    port = random.randrange(10000, max(low, 10001))
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    raise SystemExit("no free port")
'
}

# desk_venv PACKAGE... : makes (once) the venv and installs what is missing; sets DESK_PY.
desk_venv() {
    if [[ ! -x "$DESK_VENV/bin/python" ]]; then
        python3 -m venv "$DESK_VENV" || return 1
        "$DESK_VENV/bin/pip" install -q --upgrade pip >/dev/null || return 1
    fi
    local missing=()
    local pkg
    for pkg in "$@"; do
        "$DESK_VENV/bin/pip" show -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        echo "installing into $DESK_VENV: ${missing[*]}" >&2
        "$DESK_VENV/bin/pip" install -q "${missing[@]}" >&2 || return 1
    fi
    DESK_PY="$DESK_VENV/bin/python"
}

# desk_tmpdir : a new temporary directory in DESK_TMP (not via $(…): the list of directories to
# remove must be updated in this shell).
desk_tmpdir() {
    DESK_TMP="$(mktemp -d /tmp/desk-test.XXXXXX)"
    DESK_TMPDIRS+=("$DESK_TMP")
}

# desk_start DATA_DIR PORT [extra serve args...] : starts `serve` in the background (log in
# DATA_DIR/desk.log, appended across restarts), sets DESK_PID, waits up to 90 s for /health/live.
desk_start() {
    local data="$1" port="$2"
    shift 2
    desk_find_bin || return 1
    # DESK_WRAP: a command prefix such as `taskset -c 0` (it must exec the desk, keeping the pid).
    ${DESK_WRAP:-} "$DESK_BIN" serve --data-dir "$data" --port "$port" --seed "$DESK_SEED" "$@" >>"$data/desk.log" 2>&1 &
    DESK_PID=$!
    DESK_PIDS+=("$DESK_PID")
    local i
    for ((i = 0; i < 180; i++)); do
        if ! kill -0 "$DESK_PID" 2>/dev/null; then
            echo "the desk exited during start; its log:" >&2
            tail -30 "$data/desk.log" >&2
            return 1
        fi
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/live" 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    echo "the desk did not answer on port $port within 90 s" >&2
    return 1
}

# desk_stop PID : SIGTERM, wait up to 15 s, then SIGKILL. Prints the exit status.
desk_stop() {
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 30; i++)); do
        desk_running "$pid" || break
        sleep 0.5
    done
    if desk_running "$pid"; then
        echo "desk $pid ignored SIGTERM for 15 s (state $(ps -o stat=,wchan= -p "$pid" | xargs)): SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
}

# desk_running PID : the process exists and has not exited (a child that exited stays a zombie until
# waited for, and `kill -0` still succeeds on it).
desk_running() {
    local state
    state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
    [[ -n $state && $state != Z* ]]
}

desk_cleanup() {
    local pid dir
    for pid in "${DESK_PIDS[@]}"; do desk_stop "$pid"; done
    # Defined further down (the PostgreSQL helpers); the desks are stopped before their database.
    declare -F desk_postgres_stop_all >/dev/null && desk_postgres_stop_all
    if [[ "${DESK_KEEP_DATA:-0}" != 1 ]]; then
        for dir in "${DESK_TMPDIRS[@]}"; do rm -rf "$dir"; done
    else
        echo "kept: ${DESK_TMPDIRS[*]}" >&2
    fi
}

# desk_token DATA_DIR ROLE [--database URL] : a new token (last line of `token create`).
desk_token() {
    local data="$1" role="$2"
    shift 2
    desk_find_bin || return 1
    "$DESK_BIN" token create --role "$role" --data-dir "$data" "$@" | tail -n 1
}

# desk_triage_bin [debug|release] : sets TRIAGE_BIN to the root package's `triage` CLI: $TRIAGE_BIN if
# set, else a build in the repository's .build*/ directories, else a build of a copy of the root
# package's sources in /tmp (so nothing is written into the repository; the copy keeps the build
# matching the sources the desk was built from at that moment).
desk_triage_bin() {
    local config="${1:-debug}"
    if [[ -n "${TRIAGE_BIN:-}" ]]; then
        [[ -x "$TRIAGE_BIN" ]] && return 0
        echo "TRIAGE_BIN=$TRIAGE_BIN is not executable" >&2; return 1
    fi
    local candidate
    for candidate in "$DESK_ROOT"/.build*/*/"$config"/triage "$DESK_ROOT"/.build*/"$config"/triage; do
        if [[ -x "$candidate" ]]; then TRIAGE_BIN="$candidate"; return 0; fi
    done
    local src="${TRIAGE_SRC_COPY:-/tmp/desk-triage-src}" scratch="${TRIAGE_SCRATCH:-/tmp/desk-triage-build}"
    echo "building triage ($config) from a copy of $DESK_ROOT in $src (scratch $scratch)…" >&2
    mkdir -p "$src"
    # What the manifest names: Package.swift, Sources, the bundled model, Tests (targets must exist).
    rm -rf "$src/Sources" "$src/Models" "$src/Tests"
    cp -a "$DESK_ROOT/Package.swift" "$DESK_ROOT/Sources" "$DESK_ROOT/Models" "$DESK_ROOT/Tests" "$src"/ || return 1
    swift build -c "$config" --package-path "$src" --scratch-path "$scratch" --product triage >"$scratch.log" 2>&1 \
        || { tail -20 "$scratch.log" >&2; return 1; }
    TRIAGE_BIN="$scratch/$config/triage"
}

# desk_as_postgres COMMAND... : runs COMMAND as the `postgres` user from `/` (the caller's directory
# may be one that user cannot enter).
desk_as_postgres() {
    (cd / && runuser -u postgres -- "$@")
}

# desk_postgres_start : a throw-away PostgreSQL cluster (Debian's postgresql; initdb + pg_ctl as the
# `postgres` user, trust auth, 127.0.0.1 on a free port, fsync on) with a database `desk`; sets
# DESK_PG_URL. Stopped and removed by desk_cleanup.
DESK_PG_DIRS=()
desk_postgres_start() {
    local bin port dir
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -x "$bin/initdb" ]] || { echo "PostgreSQL missing: apt-get install -y postgresql" >&2; return 1; }
    dir="$(mktemp -d /tmp/desk-pg.XXXXXX)"
    DESK_PG_DIRS+=("$bin|$dir")
    chown postgres:postgres "$dir"
    desk_as_postgres "$bin/initdb" -D "$dir/data" --auth=trust --username=postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { tail -5 "$dir/initdb.log" >&2; return 1; }
    # Another server (another test's) may bind the port between the draw and the start: draw again.
    local attempt
    for ((attempt = 1; ; attempt++)); do
        port="$(desk_free_port)" || return 1
        rm -f "$dir/server.log"
        desk_as_postgres "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null && break
        if ((attempt >= 10)) || ! grep -q "could not bind" "$dir/server.log"; then
            tail -5 "$dir/server.log" >&2
            return 1
        fi
    done
    desk_as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -c "CREATE DATABASE desk" || return 1
    DESK_PG_URL="postgres://postgres@127.0.0.1:$port/desk?sslmode=disable"
}

desk_postgres_stop_all() {
    local entry bin dir
    for entry in "${DESK_PG_DIRS[@]}"; do
        bin="${entry%%|*}"; dir="${entry#*|}"
        desk_as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
        [[ "${DESK_KEEP_DATA:-0}" == 1 ]] || rm -rf "$dir"
    done
}
