#!/usr/bin/env bash
# Scaling table for 1 → 3 desk replicas on one PostgreSQL: scoring requests/s and feedback events/s.
# For each n in 1 2 3: a fresh database in one throw-away PostgreSQL cluster, n replicas
# (`triage-desk serve --database URL`), then
#  - feedback: one wrk per replica (closed loop; REPLICA_SCALE_CONNS connections in all, split over the
#    replicas) POSTing /v1/disputes/{id}/feedback with a unique Idempotency-Key per request; events/s =
#    events in the log / duration; then the time until every replica has applied the whole log;
#  - scoring: one wrk per replica POSTing /v1/disputes batches of REPLICA_SCALE_BATCH new disputes;
#  - CPU seconds used meanwhile by the replicas and by PostgreSQL (the postmaster's children), to say
#    where the time goes.
# Writes the table to Benchmarks/results/desk/replicas.md (REPLICA_SCALE_OUT to change). A benchmark:
# exits non-zero only when a run fails (non-2xx, socket errors, replicas that do not converge).
# Usage: Desk/scripts/replica_scale.sh  (REPLICA_SCALE_DURATION=15 s per run, REPLICA_SCALE_CONNS=6,
#   REPLICA_SCALE_BATCH=10, DESK_BIN)
set -uo pipefail
export PYTHONDONTWRITEBYTECODE=1
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
desk_find_bin || exit 1
desk_tmpdir
cp -a "$DESK_BIN" "$(dirname "$DESK_BIN")"/*.resources "$DESK_TMP"/ 2>/dev/null
echo "desk: $DESK_BIN (built $(date -u -r "$DESK_BIN" +%H:%M:%SZ); run from a copy)"
DESK_BIN="$DESK_TMP/$(basename "$DESK_BIN")"
duration="${REPLICA_SCALE_DURATION:-15}"
conns="${REPLICA_SCALE_CONNS:-6}"
batch="${REPLICA_SCALE_BATCH:-10}"
out="${REPLICA_SCALE_OUT:-$DESK_RESULTS/replicas.md}"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
fail=0
rows=()
mkdir -p "$(dirname "$out")"

desk_postgres_start || exit 1
pg_entry="${DESK_PG_DIRS[-1]}"
pg_bin="${pg_entry%%|*}"
pg_dir="${pg_entry#*|}"
pg_port="$(sed -E 's#.*:([0-9]+)/.*#\1#' <<<"$DESK_PG_URL")"
psql_run() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -Atq "$@"; }

# cpu_of PID... : CPU seconds (user + system) of the processes, summed; gone processes count 0.
cpu_of() {
    python3 - "$@" <<'PY'
import os, sys
total = 0.0
for pid in sys.argv[1:]:
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        pass
print(f"{total:.2f}")
PY
}
# PostgreSQL's processes: the postmaster and its children (backends, walwriter, checkpointer…).
pg_pids() {
    local pm
    pm="$(head -n 1 "$pg_dir/data/postmaster.pid")"
    echo "$pm" $(ps -o pid= --ppid "$pm")
}

# feedback_lua FILE TAG TOKEN : a wrk script POSTing feedback on the sample disputes, a unique key per request.
feedback_lua() {
    python3 - "$DESK_SEED" "$1" "$2" "$3" <<'PY'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1]) if l.strip()]
out, tag, token = sys.argv[2:5]
open(out, "w").write(f"""-- POST /v1/disputes/{{id}}/feedback, a unique Idempotency-Key per request
local ids = {{ {", ".join('"' + i + '"' for i in ids)} }}
local counter = 0
local next_thread = 0
thread_id = 0
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end
function request()
  counter = counter + 1
  local body = (counter % 3 == 0) and '{{"urgent":false}}' or '{{"urgent":true}}'
  return wrk.format("POST", "/v1/disputes/" .. ids[(counter * 7) % #ids + 1] .. "/feedback",
    {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}",
     ["Idempotency-Key"] = "{tag}-" .. thread_id .. "-" .. counter}}, body)
end
""")
PY
}

# wrk_sum LOG... : requests/s summed over the wrk logs, and the number of bad responses / socket errors.
wrk_sum() {
    python3 - "$@" <<'PY'
import re, sys
rps, bad, p50s, p99s = 0.0, 0, [], []
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
for path in sys.argv[1:]:
    text = open(path).read()
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    rps += float(m.group(1)) if m else 0
    n = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    bad += int(n.group(1)) if n else 0
    s = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    bad += sum(int(x) for x in s.groups()) if s else 0
    lat = dict((p, ms(v)) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    p50s.append(lat.get("50", float("nan"))); p99s.append(lat.get("99", float("nan")))
print(f"{rps:.1f} {bad} {max(p50s):.0f} {max(p99s):.0f}")
PY
}

for n in 1 2 3; do
    echo "=== $n replica(s)"
    db="scale_$n"
    psql_run -d postgres -c "CREATE DATABASE $db" || exit 1
    url="postgres://postgres@127.0.0.1:$pg_port/$db?sslmode=disable"
    dirs=() bases=() pids=()
    for ((i = 0; i < n; i++)); do
        desk_tmpdir
        port="$(desk_free_port)"
        desk_start "$DESK_TMP" "$port" --database "$url" || exit 1
        dirs+=("$DESK_TMP"); bases+=("http://127.0.0.1:$port"); pids+=("$DESK_PID")
    done
    collector="$(desk_token "${dirs[0]}" collector --database "$url" 2>/dev/null)" || exit 1
    scorer="$(desk_token "${dirs[0]}" scorer --database "$url" 2>/dev/null)" || exit 1
    tag="F$n-$(date +%s)"

    # Feedback.
    logs=() wrks=()
    cpu_desk0=$(cpu_of "${pids[@]}"); cpu_pg0=$(cpu_of $(pg_pids))
    for ((i = 0; i < n; i++)); do
        c=$(((conns + n - 1 - i) / n))
        feedback_lua "${dirs[$i]}/feedback.lua" "$tag-r$i" "$collector"
        wrk -t1 -c"$c" -d"${duration}s" --timeout 30s --latency -s "${dirs[$i]}/feedback.lua" "${bases[$i]}" >"${dirs[$i]}/wrk-feedback.txt" 2>&1 &
        wrks+=($!)
        logs+=("${dirs[$i]}/wrk-feedback.txt")
    done
    wait "${wrks[@]}"
    sleep 1
    cpu_desk1=$(cpu_of "${pids[@]}"); cpu_pg1=$(cpu_of $(pg_pids))
    events=$(psql_run -d "$db" -c "SELECT count(*) FROM feedback")
    read -r fb_rps fb_bad fb_p50 fb_p99 <<<"$(wrk_sum "${logs[@]}")"
    # Convergence: every replica has applied the whole log (GET /v1/model, polled every 0.2 s).
    s=$(date +%s.%N)
    converged=""
    for ((k = 0; k < 600; k++)); do
        all=1
        for b in "${bases[@]}"; do
            m=$(curl -sS --max-time 60 -H "Authorization: Bearer $collector" "$b/v1/model") || { all=0; break; }
            python3 -c "import json,sys; m=json.loads(sys.argv[1]); sys.exit(0 if m['applied_seq']==m['log_head']==int(sys.argv[2]) else 1)" "$m" "$events" || { all=0; break; }
        done
        ((all)) && { converged=$(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$s"); break; }
        sleep 0.2
    done
    [[ -n $converged ]] || { echo "replicas did not converge on $events events"; converged="no"; fail=1; }
    shas=$(for b in "${bases[@]}"; do curl -sS -H "Authorization: Bearer $collector" "$b/v1/model" | python3 -c "import json,sys;print(json.load(sys.stdin)['weights_sha256'])"; done | sort -u | wc -l)
    [[ $shas == 1 ]] || { echo "replicas differ: $shas weights"; fail=1; }
    ev_s=$(python3 -c "print(f'{int(\"$events\") / $duration:.1f}')")
    fb_desk_cpu=$(python3 -c "print(f'{($cpu_desk1 - $cpu_desk0) * 1000 / max(1, int(\"$events\")):.1f}')")
    fb_pg_cpu=$(python3 -c "print(f'{($cpu_pg1 - $cpu_pg0) * 1000 / max(1, int(\"$events\")):.1f}')")
    echo "feedback: $events events in ${duration}s = $ev_s events/s (wrk: $fb_rps req/s, p50 $fb_p50 ms, p99 $fb_p99 ms, bad $fb_bad); converged ${converged}s after; CPU ms/event desk $fb_desk_cpu, PostgreSQL $fb_pg_cpu"
    ((fb_bad == 0)) || fail=1

    # Scoring (after the replicas have converged and rescored the 40 sample disputes).
    sleep 3
    logs=() wrks=()
    cpu_desk0=$(cpu_of "${pids[@]}"); cpu_pg0=$(cpu_of $(pg_pids))
    for ((i = 0; i < n; i++)); do
        c=$(((conns + n - 1 - i) / n))
        python3 "$DESK_SCRIPTS/load_gen.py" lua --seed "$DESK_SEED" --batch "$batch" --tag "S$n-$(date +%s)-r$i" --token "$scorer" --out "${dirs[$i]}/score.lua"
        wrk -t1 -c"$c" -d"${duration}s" --timeout 30s --latency -s "${dirs[$i]}/score.lua" "${bases[$i]}/v1/disputes" >"${dirs[$i]}/wrk-score.txt" 2>&1 &
        wrks+=($!)
        logs+=("${dirs[$i]}/wrk-score.txt")
    done
    wait "${wrks[@]}"
    sleep 1
    cpu_desk1=$(cpu_of "${pids[@]}"); cpu_pg1=$(cpu_of $(pg_pids))
    read -r sc_rps sc_bad sc_p50 sc_p99 <<<"$(wrk_sum "${logs[@]}")"
    scored=$(python3 -c "print(f'{$sc_rps * $batch:.0f}')")
    sc_desk_cpu=$(python3 -c "print(f'{($cpu_desk1 - $cpu_desk0) * 1000 / max(1.0, $sc_rps * $duration * $batch):.2f}')")
    sc_pg_cpu=$(python3 -c "print(f'{($cpu_pg1 - $cpu_pg0) * 1000 / max(1.0, $sc_rps * $duration * $batch):.2f}')")
    echo "scoring: $sc_rps req/s x $batch = $scored disputes/s (p50 $sc_p50 ms, p99 $sc_p99 ms, bad $sc_bad); CPU ms/dispute desk $sc_desk_cpu, PostgreSQL $sc_pg_cpu"
    ((sc_bad == 0)) || fail=1
    rows+=("| $n | $sc_rps | $scored | $sc_p50 / $sc_p99 | $sc_desk_cpu / $sc_pg_cpu | $ev_s | $fb_p50 / $fb_p99 | $fb_desk_cpu / $fb_pg_cpu | $converged |")

    for pid in "${pids[@]}"; do desk_stop "$pid"; done
done

{
    echo "# Desk replicas: 1 → 3 on one PostgreSQL"
    echo
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`Desk/scripts/replica_scale.sh\` (${duration} s per run). **$(nproc) cores, shared** by the"
    echo "replicas, PostgreSQL, the load generators (wrk) and other work on the machine (load average at the start: $load_start,"
    echo "at the end: $(cut -d' ' -f1-3 /proc/loadavg)): more replicas add no CPU here, so this table shows what replication"
    echo "costs, not what it gains on more machines. Desk: \`$(basename "$DESK_BIN")\` (debug build unless a release one was given),"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') (fsync on, one database per row)."
    echo "Closed loop: $conns wrk connections in all, split over the replicas; scoring requests carry $batch new disputes each."
    echo
    echo "| replicas | scoring requests/s | disputes/s | scoring p50 / p99 ms | CPU ms per dispute: desks / PostgreSQL | feedback events/s | feedback p50 / p99 ms | CPU ms per event: desks / PostgreSQL | all replicas applied the log after (s) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for row in "${rows[@]}"; do echo "$row"; done
    echo
    echo "Where the time goes: a feedback event is one transaction that takes the log's advisory lock"
    echo "(\`pg_advisory_xact_lock\`), reads the head and inserts head + 1, so appends are serial across all replicas;"
    echo "then *every* replica applies every event (one learning step each, CPU), so the learning work grows with the"
    echo "number of replicas while the append rate cannot; scoring is CPU in the replica that got the request plus one"
    echo "insert per batch. The CPU columns split the cost between the desk processes and PostgreSQL's."
} >"$out"
cat "$out"
exit $fail
