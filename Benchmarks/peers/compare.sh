#!/usr/bin/env bash
# Peer comparison for DisputeTriage: scikit-learn, fastText and Vowpal Wabbit
# against the `triage` CLI on the shared labelled sets. See README.md here.
#
# Environment:
#   PEERS_VENV   virtualenv for the peers (default $HOME/.cache/disputetriage-peers-venv;
#                created if absent; always outside the repo)
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

# Pinned, tested on CPython 3.11 / x86_64 (all binary wheels from PyPI).
# numpy stays < 2: fasttext-wheel 0.9.2's predict() uses np.array(copy=False),
# which numpy 2 rejects.
PINS=(
  "numpy==1.26.4"
  "scipy==1.17.1"
  "scikit-learn==1.9.1"
  "joblib==1.6.0"
  "threadpoolctl==3.8.0"
  "fasttext-wheel==0.9.2"
  "pybind11==3.1.0"
  "vowpalwabbit==9.11.9"
)

log() { echo "[compare.sh] $*" >&2; }

case "$PEERS_VENV" in
  "$REPO"|"$REPO"/*) log "PEERS_VENV ($PEERS_VENV) must be outside the repo ($REPO)"; exit 2 ;;
esac

# ---- 1. Python virtualenv with the peers ---------------------------------
if [ ! -x "$PEERS_VENV/bin/python" ]; then
  log "creating virtualenv $PEERS_VENV with $PYTHON ($("$PYTHON" --version 2>&1))"
  mkdir -p "$(dirname "$PEERS_VENV")"
  "$PYTHON" -m venv "$PEERS_VENV"
fi
VPY="$PEERS_VENV/bin/python"
pyver="$("$VPY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
[ "$pyver" = "3.11" ] || log "warning: venv Python is $pyver; the pins were chosen for 3.11"

# Re-run pip only when the pin list changed (keeps reruns fast and offline-friendly).
stamp="$PEERS_VENV/.disputetriage-pins"
want="$(printf '%s\n' "${PINS[@]}")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "installing peers into $PEERS_VENV: ${PINS[*]}"
  "$VPY" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  printf '%s\n' "$want" > "$stamp"
fi

# ---- 2. Swift CLI ----------------------------------------------------------
args=()
if [ "${SKIP_TRIAGE:-0}" = "1" ]; then
  log "SKIP_TRIAGE=1: DisputeTriage columns will show n/a"
  args+=(--skip-triage)
else
  export TRIAGE="${TRIAGE:-$REPO/.build/release/triage}"
  log "building triage: swift build -c release --product triage"
  if (cd "$REPO" && swift build -c release --product triage) >&2; then
    log "built $TRIAGE"
  else
    log "swift build failed: DisputeTriage columns will show n/a"
    args+=(--skip-triage)
  fi
fi

# ---- 3. Comparison ---------------------------------------------------------
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "$VPY" "$HERE/compare.py" --data-dir "$DATA_DIR" ${args[@]+"${args[@]}"} "$@"
