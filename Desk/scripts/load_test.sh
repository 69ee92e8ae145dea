#!/usr/bin/env bash
# Load test of POST /v1/disputes, compared in the same run with in-process scoring.
#  - the desk runs pinned to core 0 (taskset -c 0: "one core"), the load generators to core 1;
#  - in-process: `triage throughput` (scoring without explanations) and `triage score --stats`
#    (with explanations, as the desk scores) on core 0, batch 100, over the sample disputes repeated
#    to 4,000 documents;
#  - wrk (Debian; closed loop, N connections) with a generated Lua script: single disputes and
#    batches of 100, every dispute with a unique id; requests/s, disputes/s, p50/p99;
#  - an open-loop generator (load_gen.py openloop) at fixed rates of single disputes (300 req/s, the
#    target, and 100 req/s), latency measured from the scheduled send time.
# Writes the table to Benchmarks/results/desk/load.md (LOAD_OUT to change). Benchmark, not a test:
# exits non-zero only when a run fails (errors, non-2xx), not on missed targets.
# Usage: Desk/scripts/load_test.sh   (LOAD_DURATION seconds per run, default 20; DESK_BIN, TRIAGE_BIN)
set -uo pipefail
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
command -v taskset >/dev/null || { echo "taskset missing: apt-get install -y util-linux"; exit 1; }
desk_find_bin || exit 1
desk_triage_bin "${TRIAGE_CONFIG:-debug}" || exit 1
duration="${LOAD_DURATION:-20}"
out="${LOAD_OUT:-$DESK_RESULTS/load.md}"
tag="L$(date +%s)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
desk_tmpdir
data="$DESK_TMP"
port="$(desk_free_port)"
base="http://127.0.0.1:$port"
fail=0
mkdir -p "$(dirname "$out")"
rows=()

# In-process first, on the core the desk will use.
python3 - "$DESK_SEED" "$data/inproc.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "w") as f:
    for i in range(4000):
        d = dict(src[i % len(src)]); d["id"] = f"IP-{i}"
        f.write(json.dumps(d) + "\n")
PY
tp=$(taskset -c 0 "$TRIAGE_BIN" throughput --data "$data/inproc.jsonl" --batch-size 100 --passes 3 | tail -n 1)
echo "in-process throughput (no explanations): $tp"
sc=$(taskset -c 0 "$TRIAGE_BIN" score --data "$data/inproc.jsonl" --batch-size 100 --output /dev/null --stats 2>&1 >/dev/null | tail -n 1)
echo "in-process triage score --stats (with explanations): $sc"
inproc_noexp=$(python3 -c "import json,sys;print(json.loads(sys.argv[1])['docs_per_second'])" "$tp")
inproc_exp=$(python3 -c "import json,sys;print(json.loads(sys.argv[1])['docs_per_second'])" "$sc")
# CPU time per dispute of `triage score` (with explanations), less the fixed cost (model load) measured
# on one dispute: on a machine shared with other work, CPU time is steadier than wall time.
head -n 1 "$data/inproc.jsonl" >"$data/inproc1.jsonl"
child_cpu() {
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_utime + r.ru_stime)' "$@"
}
cpu1=$(child_cpu taskset -c 0 "$TRIAGE_BIN" score --data "$data/inproc1.jsonl" --batch-size 100 --output /dev/null)
cpu4000=$(child_cpu taskset -c 0 "$TRIAGE_BIN" score --data "$data/inproc.jsonl" --batch-size 100 --output /dev/null)
inproc_cpu_ms=$(python3 -c "import sys;print(f'{(float(sys.argv[2]) - float(sys.argv[1])) / 3999 * 1000:.2f}')" "$cpu1" "$cpu4000")
echo "in-process triage score CPU: $inproc_cpu_ms ms per dispute (1 dispute: ${cpu1}s, 4000: ${cpu4000}s)"

DESK_WRAP="taskset -c 0" desk_start "$data" "$port" || exit 1
token="$(desk_token "$data" scorer)" || exit 1

# CPU seconds (user + system, all threads) the desk has used so far.
desk_cpu() {
    python3 -c 'import os, sys
f = open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")", 1)[1].split()
print((int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))' "$DESK_PID"
}

# Waits (at most 30 s) until the desk has finished work left from the previous run (wrk stops
# with requests still queued): its CPU time grows by < 0.05 s in 1 s.
desk_idle() {
    local i a b
    for ((i = 0; i < 30; i++)); do
        a=$(desk_cpu); sleep 1; b=$(desk_cpu)
        python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) < 0.05 else 1)" "$a" "$b" && return 0
    done
}

# wrk NAME BATCH CONNECTIONS
run_wrk() {
    local name="$1" batch="$2" conns="$3" log="$data/wrk-$1.txt" cpu0 cpu1
    python3 "$DESK_SCRIPTS/load_gen.py" lua --seed "$DESK_SEED" --batch "$batch" --tag "$tag-$name" --token "$token" --out "$data/$name.lua"
    desk_idle
    cpu0=$(desk_cpu)
    taskset -c 1 wrk -t1 -c"$conns" -d"${duration}s" --timeout 10s --latency -s "$data/$name.lua" "$base/v1/disputes" >"$log" 2>&1
    desk_idle
    cpu1=$(desk_cpu)
    cat "$log"
    python3 - "$log" "$name" "$batch" "$conns" "$cpu0" "$cpu1" <<'PY'
import re, sys
text, name, batch, conns = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cpu = float(sys.argv[6]) - float(sys.argv[5])
# Requests in flight when wrk stopped (at most one per connection) were served too, after desk_idle.
requests = int(re.search(r"(\d+) requests in", text).group(1))
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = dict((p, ms(v)) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
bad = int(non2xx.group(1)) if non2xx else 0
print(f"ROW|wrk {name}|{batch}|closed loop, {conns} conn.|{rps:.1f}|{rps * batch:.0f}|{lat.get('50', float('nan')):.2f}|{lat.get('99', float('nan')):.2f}|{cpu / ((requests + conns) * batch) * 1000:.2f}|{bad}{' / ' + errors.group(1) if errors else ''}")
sys.exit(1 if bad or errors else 0)
PY
}

# openloop RATE BATCH
run_open() {
    local rate="$1" batch="$2" result cpu0 cpu1
    desk_idle
    cpu0=$(desk_cpu)
    result=$(taskset -c 1 "${DESK_PY:-python3}" "$DESK_SCRIPTS/load_gen.py" openloop --base "$base" --token "$token" --seed "$DESK_SEED" \
        --rate "$rate" --duration "$duration" --batch "$batch" --connections 48 --tag "$tag-open$rate-$batch")
    local status=$?
    cpu1=$(desk_cpu)
    echo "open loop $rate req/s, batch $batch: $result"
    python3 - "$result" "$cpu0" "$cpu1" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
cpu = float(sys.argv[3]) - float(sys.argv[2])
stalls = ", stalls > 250 ms at " + " ".join(r["stalls_over_250ms"]) if r["stalls_over_250ms"] else ""
print(f"ROW|open loop|{r['batch']}|fixed {r['offered_rate']:.0f} req/s|{r['achieved_rps']}|{r['achieved_rps'] * r['batch']:.0f}|{r['p50_ms']}|{r['p99_ms']}|{cpu / max(1, r['ok'] * r['batch']) * 1000:.2f}|{r['errors']} (of {r['requests']}; max {r['max_ms']} ms; client late p99 {r['client_late_p99_ms']} ms{stalls})")
PY
    return $status
}

# run COMMAND…: echoes its output, keeps its ROW| lines for the table, notes a failure.
run() {
    local output status line
    output=$("$@")
    status=$?
    while IFS= read -r line; do
        if [[ $line == ROW\|* ]]; then rows+=("${line#ROW|}"); else echo "$line"; fi
    done <<<"$output"
    if [[ $status != 0 ]]; then echo "FAILED (errors or non-2xx): $*"; fail=1; fi
}
run run_wrk single-c1 1 1
run run_wrk single-c8 1 8
run run_wrk batch100-c1 100 1
run run_wrk batch100-c4 100 4
run run_open 100 1
run run_open 300 1

count=$(curl -sS -H "Authorization: Bearer $(head -n 1 "$data/admin.token")" "$base/v1/worklist?limit=1&status=all" |
    python3 -c "import json,sys;print(json.load(sys.stdin)['summary']['count'])")
internal=$(grep -c "request failed" "$data/desk.log" || true)

{
    echo "# Desk load test"
    echo
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`Desk/scripts/load_test.sh\` (${duration} s per run) on $(nproc) cores shared with other work"
    echo "(load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)). Wall-clock figures move with that"
    echo "load; the desk's CPU time per dispute (user+system of the desk process over the run / disputes served) much less."
    echo "Desk: \`$DESK_BIN\` pinned to core 0 (\`taskset -c 0\`), SQLite store (WAL, fsync on commit);"
    echo "load generators pinned to core 1. In-process: \`$TRIAGE_BIN\` on core 0, batch 100, 4,000 disputes."
    echo "Builds: both binaries are the configuration named in their paths (debug unless it says release)."
    echo
    echo "| run | disputes/request | load | requests/s | disputes/s | p50 ms | p99 ms | desk CPU ms/dispute | errors |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|---|"
    for row in "${rows[@]}"; do echo "|$row|"; done
    echo "| in-process \`TriageModel.score\` (with explanations, \`triage score --stats\`) | 100 | 1 core | | $inproc_exp | | | $inproc_cpu_ms | |"
    echo "| in-process \`TriageModel.score\` (no explanations, \`triage throughput\`) | 100 | 1 core | | $inproc_noexp | | | | |"
    echo
    python3 - "$inproc_exp" "$inproc_cpu_ms" "${rows[@]}" <<'PY'
import sys
inproc, inproc_cpu = float(sys.argv[1]), float(sys.argv[2])
for row in sys.argv[3:]:
    cells = row.split("|")
    if cells[1] == "100":
        print(f"- {cells[0]}: {float(cells[4]):.0f} disputes/s = {100 * float(cells[4]) / inproc:.0f}% of in-process scoring with explanations "
              f"by wall time (target ≥ 70%); by CPU time {100 * inproc_cpu / float(cells[7]):.0f}% ({cells[7]} vs {inproc_cpu} ms per dispute).")
    if cells[0] == "open loop" and "300" in cells[2]:
        print(f"- single disputes at a fixed 300 req/s: achieved {cells[3]} req/s, p99 {cells[6]} ms (target ≤ 25 ms).")
    if cells[1] == "1" and cells[0].startswith("wrk"):
        print(f"- {cells[0]}: {cells[7]} ms desk CPU per single dispute; scoring in-process is {inproc_cpu} ms = {100 * inproc_cpu / float(cells[7]):.0f}% of it.")
PY
    echo "- disputes stored by the end: $count; 'request failed' (500) lines in the desk log: $internal."
    if [[ "$DESK_BIN" == */debug/* ]]; then
        echo "- Debug builds: the targets are for an optimised service. Measure them with \`swift build -c release\` in Desk/ and"
        echo "  \`DESK_BIN=Desk/.build/release/triage-desk TRIAGE_CONFIG=release Desk/scripts/load_test.sh\` (same-configuration in-process figure)."
    fi
    echo "- p50/p99 of wrk runs are closed-loop (each connection waits for its answer); the open-loop rows measure"
    echo "  from each request's scheduled send time, so a stalled server shows up in the latency."
} >"$out"
cat "$out"
[[ $internal == 0 ]] || fail=1
exit $fail
