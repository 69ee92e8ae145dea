#!/usr/bin/env bash
# Runs the security and bad-input audit (security_audit.py, Desk/AUDIT.md) against a desk of its own:
# SQLite, a temporary data dir, a free port, the sample disputes, one token per role; then revokes a
# token with `triage-desk token revoke` while the desk runs (the "revoke" cases). Fails when any
# case is a bug (a 5xx, a missing role check, unescaped user text, a 2xx on bad input, …) or when the
# desk logged a 500. The table goes to $DESK_RESULTS/security-audit.md.
# Usage: Desk/scripts/security_audit.sh
set -uo pipefail
source "$(dirname "$0")/desk_env.sh"
trap desk_cleanup EXIT
desk_find_bin || exit 1
desk_tmpdir
data="$DESK_TMP"
port="$(desk_free_port)"
desk_start "$data" "$port" || exit 1
collector="$(desk_token "$data" collector)"
scorer="$(desk_token "$data" scorer)"
mkdir -p "$DESK_RESULTS"
python3 "$(dirname "$0")/security_audit.py" --base "http://127.0.0.1:$port" \
    --admin "$(head -n 1 "$data/admin.token")" --collector "$collector" --scorer "$scorer" \
    --desk-bin "$DESK_BIN" --store-args "--data-dir $(printf %q "$data")" \
    >"$DESK_RESULTS/security-audit.md"
audit=$?
internal=$(grep -c 'request failed' "$data/desk.log" || true)
echo "== security audit: $(grep -c '^| ' "$DESK_RESULTS/security-audit.md") table rows, exit $audit, 'request failed' (500) log lines: $internal"
if [[ $audit != 0 ]]; then grep -F '**bug**' "$DESK_RESULTS/security-audit.md" | head -20; fi
[[ $audit == 0 && $internal == 0 ]]
