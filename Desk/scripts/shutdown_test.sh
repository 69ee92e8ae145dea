#!/usr/bin/env bash
# SIGTERM to a PostgreSQL-backed desk while PostgreSQL stops in the same second. Per round:
#  1. a desk on a throw-away PostgreSQL cluster, feedback on a few disputes (and, in the "load" round,
#     more feedback posts still in flight);
#  2. SIGTERM to the desk and `pg_ctl stop` at once;
#  3. the desk must exit 0 within 30 s (the learner's final publish gives up after 10 s, the service
#     group cancels what is left after 20 s) and log whether the final publish succeeded or failed;
#  4. PostgreSQL and the desk restart: every feedback event acknowledged with a 201 is in the log once,
#     and the model catches up with the log (applied_seq == log_head).
# Needs Debian's postgresql. Prints PASS/FAIL lines; exits 1 on a failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/desk_env.sh"
trap desk_cleanup EXIT
desk_find_bin || exit 1
desk_postgres_start || exit 1
pg_entry="${DESK_PG_DIRS[0]}" pg_bin="${pg_entry%%|*}" pg_dir="${pg_entry#*|}"
pg_port="$(sed -E 's#.*:([0-9]+)/.*#\1#' <<<"$DESK_PG_URL")"
failures=0
note() { echo "$1  $2"; [[ $1 == PASS ]] || failures=$((failures + 1)); }

desk_tmpdir
data="$DESK_TMP"
port="$(desk_free_port)"
base="http://127.0.0.1:$port"
acked="$data/acked.txt"
: >"$acked"

# post_feedback KEY DISPUTE : one feedback post; an acknowledged one goes to $acked.
post_feedback() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X POST -H "Authorization: Bearer $collector" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $1" -d '{"urgent":true}' "$base/v1/disputes/$2/feedback")
    [[ $code == 201 || $code == 200 ]] && echo "$1" >>"$acked"
}

for round in quiet load; do
    desk_start "$data" "$port" --database "$DESK_PG_URL" || exit 1
    pid=$DESK_PID
    admin="$(cat "$data/admin.token")"
    collector="$(desk_token "$data" collector --database "$DESK_PG_URL")"
    ids=($(curl -s -H "Authorization: Bearer $collector" "$base/v1/worklist?limit=8" \
        | python3 -c 'import json, sys; print(" ".join(d["id"] for d in json.load(sys.stdin)["disputes"]))'))
    for id in "${ids[@]}"; do post_feedback "$round-$id" "$id"; done
    posters=()
    if [[ $round == load ]]; then
        for id in "${ids[@]}"; do
            for k in 1 2 3; do post_feedback "$round-$id-$k" "$id" & posters+=($!); done
        done
        sleep 0.05
    fi
    start=$(date +%s.%N)
    kill -TERM "$pid"
    desk_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
    for ((i = 0; i < 60; i++)); do desk_running "$pid" || break; sleep 0.5; done
    if desk_running "$pid"; then
        note FAIL "$round: the desk still runs 30 s after SIGTERM with PostgreSQL stopped"
        kill -KILL "$pid"
    fi
    wait "$pid"
    rc=$?
    elapsed=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
    wait "${posters[@]}" 2>/dev/null
    [[ $rc == 0 ]] && note PASS "$round: exit 0 after ${elapsed} s" || note FAIL "$round: exit status $rc after ${elapsed} s"
    if grep -q "final model publish failed" "$data/desk.log"; then
        note PASS "$round: the log says the final publish failed and why: $(grep "final model publish failed" "$data/desk.log" | tail -1 | grep -o 'error=[^[]*' | cut -c1-120)"
    elif tail -5 "$data/desk.log" | grep -q "published model version"; then
        note PASS "$round: the final publish made it before PostgreSQL stopped"
    else
        note FAIL "$round: the log says nothing about the final publish"
    fi
    mv "$data/desk.log" "$data/desk-$round.log"

    # PostgreSQL and the desk again: every acknowledged event is in the log, once, and applied.
    desk_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null || { note FAIL "PostgreSQL did not restart"; break; }
    desk_start "$data" "$port" --database "$DESK_PG_URL" || { note FAIL "$round: the desk did not restart"; break; }
    check=$(curl -s -H "Authorization: Bearer $admin" "$base/v1/feedback?limit=1000" | python3 -c '
import collections, json, sys
events = json.load(sys.stdin)["events"]
keys = collections.Counter(e["idempotency_key"] for e in events)
acked = [k for k in open(sys.argv[1]).read().split()]
missing = [k for k in acked if keys[k] != 1]
print(f"{len(acked)} acknowledged, {len(events)} logged, missing or repeated: {missing}")
sys.exit(1 if missing else 0)' "$acked")
    [[ $? == 0 ]] && note PASS "$round: $check" || note FAIL "$round: $check"
    caught_up=""
    for ((i = 0; i < 60; i++)); do
        model=$(curl -s -H "Authorization: Bearer $collector" "$base/v1/model")
        caught_up=$(python3 -c 'import json, sys; m = json.loads(sys.argv[1]); print("yes" if m["applied_seq"] == m["log_head"] else "")' "$model" 2>/dev/null)
        [[ -n $caught_up ]] && break
        sleep 0.5
    done
    [[ -n $caught_up ]] && note PASS "$round: after the restart the model applied the whole log ($model)" \
        || note FAIL "$round: the model did not catch up with the log ($model)"
    kill -TERM "$DESK_PID"
    wait "$DESK_PID"
    rc=$?
    [[ $rc == 0 ]] && note PASS "$round: a plain SIGTERM exits 0" || note FAIL "$round: a plain SIGTERM exited $rc"
done

((failures == 0)) && echo "shutdown test: all checks passed" || echo "shutdown test: $failures check(s) failed"
((failures == 0))
