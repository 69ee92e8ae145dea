#!/usr/bin/env bash
# Peer comparison for DisputeTriage: scikit-learn, fastText and Vowpal Wabbit
# against the `triage` CLI on the shared labelled sets. See README.md here.
#
# Environment:
#   PEERS_VENV   virtualenv for the peers (default $HOME/.cache/disputetriage-peers-venv;
#                created if absent; always outside the repo; set up by venv.sh here)
#   PYTHON       interpreter used to create the venv (default python3; pins are for 3.11)
#   DATA_DIR     data folder (default <repo>/../shared/data)
#   SKIP_TRIAGE  1 = do not build or run the Swift CLI (its columns show n/a)
#   TRIAGE       path of the triage binary (default <repo>/.build/release/triage)
#   RESULTS_JSON if set, compare.py writes all results as JSON to this path
# Any arguments are passed to compare.py, e.g. --tasks banking77,cfpb --skip-peers.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEERS_VENV="${PEERS_VENV:-$HOME/.cache/disputetriage-peers-venv}"
PYTHON="${PYTHON:-python3}"
export DATA_DIR="${DATA_DIR:-$REPO/../shared/data}"
[ -d "$DATA_DIR" ] || { echo "[compare.sh] data dir not found: $DATA_DIR (set DATA_DIR)" >&2; exit 2; }
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

log() { echo "[compare.sh] $*" >&2; }

# ---- 1. Python virtualenv with the peers (pins and setup: venv.sh here) ---------
. "$HERE/venv.sh"
peers_venv "$PEERS_VENV" PEERS_VENV

# ---- 2. Swift CLI ----------------------------------------------------------
args=()
if [ "${SKIP_TRIAGE:-0}" = "1" ]; then
  log "SKIP_TRIAGE=1: DisputeTriage columns will show n/a"
  args+=(--skip-triage)
else
  export TRIAGE="${TRIAGE:-$REPO/.build/release/triage}"
  log "building triage: swift build -c release --product triage --static-swift-stdlib"
  if (cd "$REPO" && swift build -c release --product triage --static-swift-stdlib) >&2; then
    log "built $TRIAGE"
  else
    log "swift build failed: DisputeTriage columns will show n/a"
    args+=(--skip-triage)
  fi
fi

# ---- 3. Comparison ---------------------------------------------------------
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "$VPY" "$HERE/compare.py" --data-dir "$DATA_DIR" ${args[@]+"${args[@]}"} "$@"
