#!/usr/bin/env bash
# Runs schemathesis (PyPI) against the desk's served /openapi.json with an admin token.
# Starts its own desk (SQLite, temporary data dir, free port, sample disputes, a policy file so the
# policy reload route can answer 200) and stops it afterwards.
#
# Two passes:
#   strict   checks not_a_server_error, response_schema_conformance, status_code_conformance,
#            content_type_conformance, response_headers_conformance: any failure fails this script.
#   advisory every check (`--checks all`: also negative_data_rejection, positive_data_acceptance,
#            ignored_auth, use_after_free, …): reported, fails the script only with SCHEMATHESIS_STRICT_ALL=1.
# Console logs go to $DESK_RESULTS/schemathesis-{strict,all}.log; JUnit and HAR reports (large) to
# $SCHEMATHESIS_REPORTS/{strict,all}/ (default /tmp/desk-schemathesis-reports, outside the repository).
# Usage: Desk/scripts/schemathesis.sh   (SCHEMATHESIS_EXAMPLES=N per operation, default 60; SCHEMATHESIS_SEED)
set -uo pipefail
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
desk_find_bin || exit 1
desk_venv schemathesis || exit 1
examples="${SCHEMATHESIS_EXAMPLES:-60}"
seed="${SCHEMATHESIS_SEED:-20261206}"
desk_tmpdir
data="$DESK_TMP"
port="$(desk_free_port)"
cat >"$data/policy.json" <<'JSON'
{"handling_cost": 150, "escalate": {"min_severity": "critical", "min_amount": 100000},
 "write_off": {"max_amount": 250, "max_share_of_open_balance": 0.02}}
JSON
desk_start "$data" "$port" --policy "$data/policy.json" || exit 1
admin="$(head -n 1 "$data/admin.token")"
base="http://127.0.0.1:$port"
mkdir -p "$DESK_RESULTS"

run_pass() {  # NAME CHECKS
    local name="$1" checks="$2" dir="${SCHEMATHESIS_REPORTS:-/tmp/desk-schemathesis-reports}/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "== schemathesis $name pass: checks=$checks, $examples examples per operation, seed $seed"
    timeout 900 "$DESK_VENV/bin/schemathesis" run "$base/openapi.json" \
        -H "Authorization: Bearer $admin" --checks "$checks" --max-examples "$examples" --seed "$seed" \
        --workers 1 --request-timeout 30 --continue-on-failure --output-sanitize true \
        --report junit,har --report-dir "$dir" 2>&1 | tee "$DESK_RESULTS/schemathesis-$name.log"
    return "${PIPESTATUS[0]}"
}

mkdir -p "$DESK_RESULTS"
run_pass strict "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance"
strict=$?
run_pass all all
all=$?

# The desk must still be alive and must not have logged a 500 or a crash.
alive=0
kill -0 "$DESK_PID" 2>/dev/null && curl -fsS -o /dev/null "$base/health/live" || alive=1
internal=$(grep -c '"request failed"\|request failed' "$data/desk.log" || true)
{
    echo "== summary: strict pass exit $strict, all-checks pass exit $all, desk alive: $([[ $alive == 0 ]] && echo yes || echo NO), 'request failed' (500) log lines: $internal"
    if [[ $internal != 0 ]]; then
        # Grouped by message (timestamps and request ids removed).
        grep 'request failed' "$data/desk.log" | sed -E 's/^[0-9T:+-]+ //; s/hb\.request\.id=[0-9a-f]+ ?//' | sort | uniq -c | sort -rn | head -20
    fi
    echo "== failures found (schemathesis 'Reproduce with' lines, bodies cut at 300 characters):"
    grep -h "curl -X" "$DESK_RESULTS/schemathesis-strict.log" "$DESK_RESULTS/schemathesis-all.log" | cut -c1-300 | sed 's/^ *//' | sort -u
    grep -h -E "❌ ST|generated, " "$DESK_RESULTS/schemathesis-strict.log" "$DESK_RESULTS/schemathesis-all.log"
} | tee "$DESK_RESULTS/schemathesis-summary.txt"
if [[ $strict != 0 || $alive != 0 || $internal != 0 ]]; then exit 1; fi
if [[ "${SCHEMATHESIS_STRICT_ALL:-0}" == 1 && $all != 0 ]]; then exit 1; fi
exit 0
