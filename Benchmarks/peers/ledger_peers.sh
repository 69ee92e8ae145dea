#!/usr/bin/env bash
# Payer-risk peers (issue 13): scikit-learn against `triage risk` on the time-split test sets of
# ../shared/data/{ibm_ar,cassandra_ap}, on the same causal features (`triage risk features`), one
# thread each. Writes Benchmarks/results/ledger-peers.md (and the raw JSON beside it).
#
# Environment:
#   LEDGER_PEERS_VENV  virtualenv (default $HOME/.cache/disputetriage-ledger-peers-venv; outside the repo)
#   PYTHON             interpreter that creates it (default python3; pins chosen for CPython 3.11)
#   DATA_DIR           data folder (default <repo>/../shared/data)
#   TRIAGE             triage binary (default: built with swift build -c release)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${LEDGER_PEERS_VENV:-$HOME/.cache/disputetriage-ledger-peers-venv}"
DATA_DIR="${DATA_DIR:-$REPO/../shared/data}"
PINS=(numpy==1.26.4 scipy==1.17.1 scikit-learn==1.9.1 joblib==1.6.0 threadpoolctl==3.8.0)
log() { echo "[ledger_peers.sh] $*" >&2; }

case "$VENV" in "$REPO"|"$REPO"/*) log "LEDGER_PEERS_VENV must be outside the repo"; exit 2 ;; esac
if [ ! -x "$VENV/bin/python" ]; then log "creating $VENV"; "${PYTHON:-python3}" -m venv "$VENV"; fi
if ! "$VENV/bin/python" -c 'import numpy, scipy, sklearn, threadpoolctl' 2>/dev/null; then
  log "installing ${PINS[*]}"; "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
fi
if [ -z "${TRIAGE:-}" ]; then
  (cd "$REPO" && swift build -c release --product triage --static-swift-stdlib) >&2
  TRIAGE="$REPO/.build/release/triage"
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
ours="{"
for set in ibm_ar cassandra_ap; do
  train="$DATA_DIR/$set/train.csv"; test="$DATA_DIR/$set/test.csv"
  "$TRIAGE" risk features --ledger "$train" --output "$WORK/$set-train-features.csv"
  "$TRIAGE" risk features --ledger "$test" --history "$train" --output "$WORK/$set-test-features.csv"
  "$TRIAGE" risk train --ledger "$train" --out "$WORK/$set-model" 2> "$WORK/$set-train.json"
  online="$("$TRIAGE" risk evaluate --model "$WORK/$set-model" --history "$train" --data "$test" \
    --predictions "$WORK/$set-predictions.csv")"
  frozen="$("$TRIAGE" risk evaluate --model "$WORK/$set-model" --history "$train" --data "$test" --no-online)"
  train_seconds="$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["train_seconds"])' "$WORK/$set-train.json")"
  log "$set: online $online"
  ours+="\"$set\":{\"online\":$online,\"frozen\":$frozen,\"train_seconds\":$train_seconds},"
done
echo "${ours%,}}" > "$WORK/ours.json"
"$VENV/bin/python" "$HERE/ledger_peers.py" --features-dir "$WORK" > "$WORK/peers.json"
mkdir -p "$REPO/Benchmarks/results"
{
  echo "# Payer risk against scikit-learn (issue 13)"
  echo
  echo "Test splits of \`../shared/data/ibm_ar\` and \`cassandra_ap\` (split by time), every system on the same causal"
  echo "features from \`triage risk features\`, one thread. Produced by \`Benchmarks/peers/ledger_peers.sh\` on $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "(commit $(cd "$REPO" && git rev-parse --short HEAD)). DT = DisputeTriage's default \`triage risk train\`; \"online\" is"
  echo "\`triage risk evaluate\` as it runs in production (histories grow as test invoices settle, and the days-late"
  echo "intercept takes a step per settled invoice), \"frozen\" is \`--no-online\` (histories still grow, no weight moves)."
  echo "Defaults were chosen on time splits of the training files only (first ~78% against the rest, first ~56% against the"
  echo "next ~22%; the days-late trees checked on two more origins; \`Benchmarks/peers/ledger_validation.sh\`), not on test."
  echo "Command: \`LEDGER_PEERS_VENV=/path/to/venv bash Benchmarks/peers/ledger_peers.sh\` (\`TRIAGE=.build/release/triage\` to reuse a build)."
  echo
  "$VENV/bin/python" "$HERE/ledger_peers.py" report --peers "$WORK/peers.json" --ours "$WORK/ours.json"
  echo
  echo "The margin interval resamples the test rows (2,000 times, seed 0) and compares DT online with the best peer on the"
  echo "same resampled rows: an interval that holds 0 is a win within sampling noise, not a clear one."
  echo
  echo "Versions: $("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["versions"])' "$WORK/peers.json")"
} > "$REPO/Benchmarks/results/ledger-peers.md"
cp "$WORK/peers.json" "$REPO/Benchmarks/results/ledger-peers-sklearn.json"
cp "$WORK/ours.json" "$REPO/Benchmarks/results/ledger-peers-disputetriage.json"
cat "$REPO/Benchmarks/results/ledger-peers.md"
