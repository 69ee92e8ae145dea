#!/usr/bin/env bash
# Fault test: kill -9 the desk while 500 feedback events are being posted.
#  1. start the desk (SQLite, temporary data dir, free port), post the sample disputes through the API;
#  2. post 500 feedback events with distinct Idempotency-Keys from 16 concurrent clients and
#     kill -9 the desk once 250 responses have come back (kill_client.py send);
#  3. restart it on the same data dir, re-post every event whose response was lost or not 2xx (same key);
#  4. check (kill_client.py verify): every acknowledged event is in the log exactly once with the seq it
#     was acknowledged with, seq gapless, applied_seq == log_head; the log exported as JSONL;
#  5. `triage learn` replays the exported log onto the base model (Models/default): its
#     weights.safetensors SHA-256 must equal /v1/model's weights_sha256;
#  6. SIGTERM the desk (must exit 0), start it again: same model, same log.
# Exits non-zero on any failure. Usage: Desk/scripts/kill_test.sh  (KILL_STORE=postgres, KILL_SIGNAL=TERM, KILL_EVENTS, KILL_AFTER, KILL_CONCURRENCY,
# TRIAGE_BIN=… to use a given triage build; otherwise one is built from a copy of the sources in /tmp.)
set -uo pipefail
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
desk_find_bin || exit 1
desk_triage_bin debug || exit 1
echo "desk: $DESK_BIN"
echo "triage: $TRIAGE_BIN"
events="${KILL_EVENTS:-500}"
kill_after="${KILL_AFTER:-250}"
concurrency="${KILL_CONCURRENCY:-16}"
signal="${KILL_SIGNAL:-KILL}"  # TERM: the same test with a graceful stop under load (must exit 0, lose nothing)
desk_tmpdir
data="$DESK_TMP"
port="$(desk_free_port)"
base="http://127.0.0.1:$port"
fail=0

# KILL_STORE=postgres: the same test on a throw-away PostgreSQL cluster instead of SQLite.
store_args=()
if [[ "${KILL_STORE:-sqlite}" == postgres ]]; then
    desk_postgres_start || exit 1
    store_args=(--database "$DESK_PG_URL")
    echo "store: PostgreSQL $DESK_PG_URL"
else
    echo "store: SQLite in $data"
fi
desk_start "$data" "$port" "${store_args[@]}" || exit 1
first_pid=$DESK_PID
admin="$(head -n 1 "$data/admin.token")"
collector="$(desk_token "$data" collector "${store_args[@]}")" || exit 1
# The sample disputes through the API as one batch (idempotent on id: the seed already stored them).
python3 - "$DESK_SEED" >"$data/batch.json" <<'PY'
import json, sys
print(json.dumps([json.loads(l) for l in open(sys.argv[1]) if l.strip()]))
PY
code=$(curl -sS -o "$data/post.json" -w '%{http_code}' -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    --data-binary @"$data/batch.json" "$base/v1/disputes")
echo "POST /v1/disputes (sample, $(python3 -c "import json;print(len(json.load(open('$data/batch.json'))))") disputes) -> $code"
[[ $code == 200 ]] || { echo "FAIL  posting the sample disputes"; cat "$data/post.json"; exit 1; }

timeout 300 python3 "$DESK_SCRIPTS/kill_client.py" send --base "$base" --token "$collector" --events "$events" \
    --concurrency "$concurrency" --kill-pid "$first_pid" --kill-after "$kill_after" --signal "$signal" --state "$data/state.json" || exit 1
wait "$first_pid" 2>/dev/null
first_status=$?
echo "first desk exit status: $first_status (137 = SIGKILL)"
if [[ $signal == TERM ]]; then
    if [[ $first_status == 0 ]]; then echo "PASS  SIGTERM under load: the desk drained and exited 0"
    else echo "FAIL  SIGTERM under load: exit status $first_status"; fail=1; fi
fi
# Whether the restart starts from a published model version (then replays only the tail) or from the base.
echo "model versions published before the kill: $(grep -c 'published model version' "$data/desk.log")"

desk_start "$data" "$port" "${store_args[@]}" || { echo "FAIL  the desk did not restart after kill -9"; exit 1; }
echo "restarted (pid $DESK_PID)"
timeout 300 python3 "$DESK_SCRIPTS/kill_client.py" verify --base "$base" --token "$collector" --admin-token "$admin" \
    --state "$data/state.json" --log-out "$data/feedback.jsonl" --model-out "$data/model.json" || fail=1

# Replay with `triage learn` from the base model.
rm -rf "$data/replay"
if timeout 600 "$TRIAGE_BIN" learn --model "$DESK_ROOT/Models/default" --feedback "$data/feedback.jsonl" --out "$data/replay"; then
    replay_sha=$(sha256sum "$data/replay/weights.safetensors" | cut -d' ' -f1)
    desk_sha=$(python3 -c "import json;print(json.load(open('$data/model.json'))['weights_sha256'])")
    echo "desk weights_sha256:   $desk_sha"
    echo "triage learn replay:   $replay_sha"
    if [[ "$replay_sha" == "$desk_sha" ]]; then echo "PASS  the desk's model equals a triage learn replay of the exported log"
    else echo "FAIL  the desk's model differs from a triage learn replay of the exported log"; fail=1; fi
else
    echo "FAIL  triage learn could not replay the exported log"; fail=1
fi

# Graceful stop, then the same state after another start.
second_pid=$DESK_PID
kill -TERM "$second_pid"
status=124
for ((i = 0; i < 40; i++)); do
    if ! kill -0 "$second_pid" 2>/dev/null; then wait "$second_pid"; status=$?; break; fi
    sleep 0.5
done
if [[ $status == 0 ]]; then echo "PASS  SIGTERM: the desk exited 0"; else echo "FAIL  SIGTERM: exit status $status"; fail=1; fi
desk_start "$data" "$port" "${store_args[@]}" || { echo "FAIL  the desk did not start after SIGTERM"; exit 1; }
after=$(curl -sS -H "Authorization: Bearer $admin" "$base/v1/model")
echo "after SIGTERM and start: $after"
python3 - "$data/model.json" "$after" <<'PY' || fail=1
import json, sys
before, after = json.load(open(sys.argv[1])), json.loads(sys.argv[2])
same = all(before[k] == after[k] for k in ("weights_sha256", "applied_seq", "log_head"))
print(("PASS  " if same else "FAIL  ") + "same model and log after a graceful restart")
sys.exit(0 if same else 1)
PY
if grep -q "request failed" "$data/desk.log"; then
    echo "desk log 'request failed' lines:"; grep "request failed" "$data/desk.log" | head -5
fi
echo "kill test: $([[ $fail == 0 ]] && echo PASSED || echo FAILED)"
exit $fail
