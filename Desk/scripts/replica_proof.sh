#!/usr/bin/env bash
# The replica proof: three desks on one PostgreSQL learn together and converge to the same model under faults.
#  1. a throw-away PostgreSQL cluster (Debian's postgresql: initdb + pg_ctl as `postgres`, free port);
#  2. three `triage-desk serve --database URL` replicas on loopback ports, started at the same moment
#     (migrations race under their lock); the sample disputes posted through the API;
#  3. replica_client.py stream: 5,000 feedback events spread over the replicas (every 10th posted again
#     after its 2xx, on another replica, with the same Idempotency-Key; a request that fails is retried
#     on another replica with the same key), scoring traffic (POST /v1/disputes batches of new disputes),
#     /v1/model and /health/ready sampled on every replica every ~200 ms;
#  4. during the stream, scheduled on the number of acknowledged events: kill -9 replica 2 and restart it,
#     SIGTERM replica 3 (must exit 0) and restart it, PostgreSQL stopped for 8 s and started again (every replica must stay
#     up and /health/ready must come back on all of them);
#  5. replica_client.py verify: the log holds exactly the acknowledged events, once each, gapless, each
#     with the seq it was acknowledged with; all replicas at the same applied_seq and weights_sha256;
#     convergence time after the last event; lag p50/p99 during the stream;
#  6. `triage learn` replays the exported log in one process: its weights SHA-256 must equal the replicas'.
# Exits non-zero on any failure. Bounded in time (< 10 min in all): the stream starts no new event after
# REPLICA_STREAM_SECONDS (then says how many of the events it sent: on a slow or busy machine fewer than
# REPLICA_EVENTS), and each fault happens at its share of the events or of that time, whichever comes first.
# Usage: Desk/scripts/replica_proof.sh   (REPLICA_EVENTS=5000, REPLICA_STREAM_SECONDS=330, REPLICA_CONCURRENCY=12,
#   REPLICA_SCORE_RATE=0.5 batches/s, REPLICA_SCORE_BATCH=10, REPLICA_LAG_SOURCE=metrics|model; DESK_BIN, TRIAGE_BIN,
#   DESK_KEEP_DATA=1)
set -uo pipefail
export PYTHONDONTWRITEBYTECODE=1
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
desk_find_bin || exit 1
desk_triage_bin debug || exit 1
# Every replica, including the restarted ones, must run the same build: run a copy (with its resource
# bundles), so a rebuild of Desk/.build during the run changes nothing.
desk_tmpdir
cp -a "$DESK_BIN" "$(dirname "$DESK_BIN")"/*.resources "$DESK_TMP"/ 2>/dev/null
echo "desk: $DESK_BIN (built $(date -u -r "$DESK_BIN" +%H:%M:%SZ); run from a copy in $DESK_TMP)"
DESK_BIN="$DESK_TMP/$(basename "$DESK_BIN")"
echo "triage: $TRIAGE_BIN"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
events="${REPLICA_EVENTS:-5000}"
stream_seconds="${REPLICA_STREAM_SECONDS:-330}"
concurrency="${REPLICA_CONCURRENCY:-12}"
fail=0
t0=$(date +%s)
elapsed() { echo "$(($(date +%s) - t0)) s"; }
note_fail() { echo "FAIL  $*"; fail=1; }

desk_postgres_start || exit 1
pg_entry="${DESK_PG_DIRS[-1]}"
pg_bin="${pg_entry%%|*}"
pg_dir="${pg_entry#*|}"
pg_port="$(sed -E 's#.*:([0-9]+)/.*#\1#' <<<"$DESK_PG_URL")"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'): $DESK_PG_URL"

# Three replicas: data dirs, ports, pids (replica i is index i-1).
dirs=() ports=() pids=() bases=()
for i in 1 2 3; do
    desk_tmpdir
    dirs+=("$DESK_TMP")
    ports+=("$(desk_free_port)")
done
# All three start at once (desk_start waits for each, so the launch is done here).
desk_find_bin
for i in 0 1 2; do
    "$DESK_BIN" serve --data-dir "${dirs[$i]}" --port "${ports[$i]}" --seed "$DESK_SEED" --database "$DESK_PG_URL" >>"${dirs[$i]}/desk.log" 2>&1 &
    pids+=($!)
    DESK_PIDS+=($!)
    bases+=("http://127.0.0.1:${ports[$i]}")
done
for i in 0 1 2; do
    for ((k = 0; k < 180; k++)); do
        kill -0 "${pids[$i]}" 2>/dev/null || { echo "replica $((i + 1)) exited during start:"; tail -20 "${dirs[$i]}/desk.log"; exit 1; }
        curl -fsS -o /dev/null "${bases[$i]}/health/live" 2>/dev/null && break
        sleep 0.5
    done
    curl -fsS -o /dev/null "${bases[$i]}/health/live" || { echo "replica $((i + 1)) did not answer within 90 s"; exit 1; }
done
echo "3 replicas started together and live after $(elapsed): ${bases[*]} (pids ${pids[*]})"
# The first start on the empty database wrote one admin token, in whichever replica's data dir.
admin_files=("${dirs[0]}/admin.token" "${dirs[1]}/admin.token" "${dirs[2]}/admin.token")
admin=""
n_admin=0
for f in "${admin_files[@]}"; do
    if [[ -f $f ]]; then admin="$(head -n 1 "$f")"; n_admin=$((n_admin + 1)); fi
done
[[ -n $admin ]] || { echo "FAIL  no replica wrote admin.token"; exit 1; }
echo "admin.token written by $n_admin replica(s) (one expected; more means the first-start check raced)"
collector="$(desk_token "${dirs[0]}" collector --database "$DESK_PG_URL")" || exit 1
scorer="$(desk_token "${dirs[1]}" scorer --database "$DESK_PG_URL")" || exit 1
# A token created through one replica's data dir works on every replica: tokens live in the database.
for i in 0 1 2; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $collector" "${bases[$i]}/v1/model")
    [[ $code == 200 ]] || note_fail "collector token on replica $((i + 1)): $code"
done
python3 - "$DESK_SEED" >"${dirs[0]}/batch.json" <<'PY'
import json, sys
print(json.dumps([json.loads(l) for l in open(sys.argv[1]) if l.strip()]))
PY
code=$(curl -sS -o "${dirs[0]}/post.json" -w '%{http_code}' -H "Authorization: Bearer $scorer" -H 'Content-Type: application/json' \
    --data-binary @"${dirs[0]}/batch.json" "${bases[0]}/v1/disputes")
echo "POST /v1/disputes (the sample disputes) -> $code"
[[ $code == 200 ]] || { echo "FAIL  posting the sample disputes"; cat "${dirs[0]}/post.json"; exit 1; }

# wait_ready INDEX... : seconds until /health/ready is 200 on all of them (max 90 s), or "timeout".
wait_ready() {
    local start=$SECONDS i all
    while ((SECONDS - start < 90)); do
        all=1
        for i in "$@"; do
            curl -fsS -o /dev/null --max-time 30 "${bases[$i]}/health/ready" 2>/dev/null || { all=0; break; }
        done
        ((all)) && { echo $((SECONDS - start)); return 0; }
        sleep 0.2
    done
    echo timeout
    return 1
}

# restart_replica INDEX : starts replica INDEX again on its data dir and port (desk_start waits for /health/live).
restart_replica() {
    local i=$1 s=$SECONDS
    desk_start "${dirs[$i]}" "${ports[$i]}" --database "$DESK_PG_URL" || { note_fail "replica $((i + 1)) did not restart"; return 1; }
    pids[$i]=$DESK_PID
    echo "[$(elapsed)] replica $((i + 1)) restarted (pid $DESK_PID), live after $((SECONDS - s)) s; ready after $(wait_ready "$i") more s"
}

data="${dirs[0]}"
progress="$data/progress"
echo 0 >"$progress"
bases_csv="$(IFS=,; echo "${bases[*]}")"
# The lag: from /v1/model (REPLICA_LAG_SOURCE=model, the issue's method) or from /metrics' applied seq and
# the database's log head (metrics, the default: /v1/model hashes the whole model after every change).
lag_source="${REPLICA_LAG_SOURCE:-metrics}"
head_command="$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d desk -Atc 'SELECT COALESCE(MAX(seq), 0) FROM feedback'"
timeout $((stream_seconds + 200)) python3 -u "$DESK_SCRIPTS/replica_client.py" stream --max-seconds "$stream_seconds" --converge-timeout 90 --lag-source "$lag_source" \
    --head-command "$head_command" --bases "$bases_csv" --token "$collector" \
    --scorer-token "$scorer" --seed "$DESK_SEED" --events "$events" --concurrency "$concurrency" \
    --score-rate "${REPLICA_SCORE_RATE:-0.5}" --score-batch "${REPLICA_SCORE_BATCH:-10}" \
    --state "$data/state.json" --progress "$progress" >"$data/stream.out" 2>&1 &
client=$!
stream_t0=$SECONDS
echo "[$(elapsed)] streaming $events feedback events for at most $stream_seconds s (client pid $client)"

# wait_progress SHARE_PERCENT : until that share of the events is acknowledged, or that share of the
# stream's time has passed (or the client ended).
wait_progress() {
    local n=$((events * $1 / 100)) t=$((stream_seconds * $1 / 100))
    while kill -0 "$client" 2>/dev/null && (($(cat "$progress" 2>/dev/null || echo 0) < n)) && ((SECONDS - stream_t0 < t)); do sleep 0.2; done
    echo "[$(elapsed)] $(cat "$progress") events acknowledged"
}

# Fault 1: kill -9 replica 2.
wait_progress 20
kill -KILL "${pids[1]}"
wait "${pids[1]}" 2>/dev/null
status=$?
echo "[$(elapsed)] kill -9 replica 2 (exit status $status; 137 = SIGKILL)"
sleep 2
restart_replica 1

# Fault 2: SIGTERM replica 3; it must drain and exit 0.
wait_progress 45
kill -TERM "${pids[2]}"
status=timeout
for ((k = 0; k < 60; k++)); do
    if ! kill -0 "${pids[2]}" 2>/dev/null; then wait "${pids[2]}"; status=$?; break; fi
    sleep 0.5
done
echo "[$(elapsed)] SIGTERM replica 3: exit status $status"
if [[ $status == 0 ]]; then echo "PASS  SIGTERM during the stream: replica 3 drained and exited 0"
else note_fail "SIGTERM during the stream: replica 3 exit status $status"; fi
sleep 1
restart_replica 2

# Fault 3: PostgreSQL goes down (fast: active sessions are terminated) and comes back.
wait_progress 70
# Probe /health/ready on every replica every ~0.2 s across the restart (503 expected while the database is down).
echo before >"$data/probing"
(while [[ -f "$data/probing" ]]; do
    for i in 0 1 2; do
        phase="$(cat "$data/probing" 2>/dev/null)"
        echo "$i $(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "${bases[$i]}/health/ready" 2>/dev/null) ${phase:-up}"
    done
    sleep 0.2
done >"$data/ready_probe.txt") &
prober=$!
sleep 1
head_at_restart=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d desk -Atc 'SELECT COALESCE(MAX(seq), 0) FROM feedback')
s=$SECONDS
# Stopped, then started after REPLICA_PG_DOWN_SECONDS (default 8): long enough for readiness to say so.
down_seconds="${REPLICA_PG_DOWN_SECONDS:-8}"
if desk_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null; then
    echo "[$(elapsed)] pg_ctl stop -m fast: done in $((SECONDS - s)) s; down for $down_seconds s"
    echo down >"$data/probing"
    sleep "$down_seconds"
    echo up >"$data/probing"
    desk_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on" -w start >/dev/null \
        || { note_fail "pg_ctl start failed"; tail -5 "$pg_dir/server.log"; }
    echo "[$(elapsed)] PostgreSQL started again"
else
    note_fail "pg_ctl stop failed"; tail -5 "$pg_dir/server.log"
fi
ready_after=$(wait_ready 0 1 2)
echo "[$(elapsed)] after the PostgreSQL restart /health/ready is 200 on all 3 replicas after $ready_after s"
sleep 2
rm -f "$data/probing"
wait "$prober"
for i in 0 1 2; do
    echo "      replica $((i + 1)) /health/ready while PostgreSQL was down: $(awk -v r=$i '$1 == r && $3 == "down" {print $2}' "$data/ready_probe.txt" | sort | uniq -c | xargs);" \
        "after: $(awk -v r=$i '$1 == r && $3 == "up" {print $2}' "$data/ready_probe.txt" | sort | uniq -c | xargs)"
    # Not ready (503, or no answer within the probe's 5 s) at some point while the database was down.
    if awk -v r=$i '$1 == r && $3 == "down" && $2 != 200 {found = 1} END {exit !found}' "$data/ready_probe.txt"; then
        echo "PASS  replica $((i + 1)) reported not ready while PostgreSQL was down"
    else
        note_fail "replica $((i + 1)) never reported not ready while PostgreSQL was down"
    fi
done
[[ $ready_after != timeout ]] || note_fail "readiness did not recover within 90 s after the PostgreSQL restart"
for i in 0 1 2; do
    desk_running "${pids[$i]}" || note_fail "replica $((i + 1)) died after the PostgreSQL restart (see ${dirs[$i]}/desk.log)"
done

wait "$client"
client_status=$?
echo "[$(elapsed)] stream finished (client exit status $client_status)"
cat "$data/stream.out"
[[ $client_status == 0 ]] || { note_fail "the stream client failed (status $client_status; 124 = timeout)"; exit 1; }

timeout 120 python3 -u "$DESK_SCRIPTS/replica_client.py" verify --bases "$bases_csv" --admin-token "$admin" --state "$data/state.json" \
    --log-out "$data/feedback.jsonl" --model-out "$data/model.json" || fail=1

# One process replays the exported log from the base model.
rm -rf "$data/replay"
s=$SECONDS
if timeout 300 "$TRIAGE_BIN" learn --model "$DESK_ROOT/Models/default" --feedback "$data/feedback.jsonl" --out "$data/replay" >/dev/null; then
    replay_sha=$(sha256sum "$data/replay/weights.safetensors" | cut -d' ' -f1)
    echo "triage learn replay of the exported log ($((SECONDS - s)) s): $replay_sha"
    python3 - "$data/model.json" "$replay_sha" <<'PY' || fail=1
import json, sys
models, replay = json.load(open(sys.argv[1]))["models"], sys.argv[2]
for i, m in enumerate(models):
    print(f"replica {i + 1}: applied_seq {m.get('applied_seq')}, weights_sha256 {m.get('weights_sha256')}")
ok = all(m.get("weights_sha256") == replay for m in models)
print(("PASS  " if ok else "FAIL  ") + f"every replica's weights equal the one-process triage learn replay of the exported log")
sys.exit(0 if ok else 1)
PY
else
    note_fail "triage learn could not replay the exported log"
fi

for i in 0 1 2; do
    desk_running "${pids[$i]}" || note_fail "replica $((i + 1)) is not running at the end"
    log="${dirs[$i]}/desk.log"
    echo "replica $((i + 1)) log: $(grep -c 'learner pass failed' "$log") 'learner pass failed'," \
        "$(grep 'request failed' "$log" | grep -vc '503 unavailable') requests answered 500, $(grep 'request failed' "$log" | grep -c '503 unavailable') answered 503," \
        "$(grep -c 'published model version' "$log") 'published model version', $(grep -ci 'checkpoint' "$log") checkpoint lines"
done
versions="$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d desk -Atc 'SELECT count(*), COALESCE(max(applied_seq), 0) FROM model_versions' 2>/dev/null)"
echo "model versions in the database: ${versions%%|*}, the newest at applied_seq ${versions##*|}; log head at the PostgreSQL restart: $head_at_restart"
# The publisher role and its loop survive the restart: a version is published after it (every 200 events).
final_head=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d desk -Atc 'SELECT COALESCE(MAX(seq), 0) FROM feedback')
if ((final_head - head_at_restart >= 400)); then
    if ((${versions##*|} > head_at_restart)); then echo "PASS  a model version was published after the PostgreSQL restart"
    else note_fail "no model version was published after the PostgreSQL restart ($((final_head - head_at_restart)) events after it)"; fi
fi
# Graceful shutdown still works after the faults: SIGTERM every replica, each must exit 0 within 30 s.
for i in 0 1 2; do kill -TERM "${pids[$i]}" 2>/dev/null; done
for i in 0 1 2; do
    for ((k = 0; k < 60; k++)); do desk_running "${pids[$i]}" || break; sleep 0.5; done
    if desk_running "${pids[$i]}"; then
        note_fail "replica $((i + 1)) did not exit within 30 s of SIGTERM (state $(ps -o stat=,wchan= -p "${pids[$i]}" | xargs))"
    else
        wait "${pids[$i]}"; status=$?
        [[ $status == 0 ]] && echo "PASS  replica $((i + 1)) exited 0 on SIGTERM" || note_fail "replica $((i + 1)) exited $status on SIGTERM"
    fi
done
echo "replica proof ($(elapsed)): $([[ $fail == 0 ]] && echo PASSED || echo FAILED)"
exit $fail
