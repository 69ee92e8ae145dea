#!/usr/bin/env bash
# Throughput race: DisputeTriage against fastText, scikit-learn and Vowpal Wabbit, one
# thread each, on the same 100k short / 20k long documents. See README.md here.
#
# Environment:
#   RACE_VENV      virtualenv with the Python peers (default $HOME/.cache/disputetriage-peers-venv,
#                  the one Benchmarks/peers/compare.sh makes; created with the same pins if absent)
#   PYTHON         interpreter used to create the venv (default python3; pins are for 3.11)
#   DATA_DIR       data folder (default <repo>/../shared/data)
#   TRIAGE         triage binary (default <repo>/.build/release/triage; built if missing)
#   RACE_BUILD     1 = always run `swift build -c release --product triage` first
#   RACE_RESULTS   Markdown report path (default Benchmarks/race/results.md; "" = none)
#   RACE_JSON      if set, every number is also written as JSON to this path
# Any arguments go to race.py, e.g. --runs 3 --max-load 1.0 --load-timeout 900 --workdir DIR
# --short-n 100000 --long-n 20000 --skip-peers.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RACE_VENV="${RACE_VENV:-$HOME/.cache/disputetriage-peers-venv}"
PYTHON="${PYTHON:-python3}"
DATA_DIR="${DATA_DIR:-$REPO/../shared/data}"
[ -d "$DATA_DIR" ] || { echo "[race.sh] data dir not found: $DATA_DIR (set DATA_DIR)" >&2; exit 2; }
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
TRIAGE="${TRIAGE:-$REPO/.build/release/triage}"
RACE_RESULTS="${RACE_RESULTS-$HERE/results.md}"

log() { echo "[race.sh] $*" >&2; }

# Same pins as Benchmarks/peers/compare.sh (CPython 3.11 / x86_64, binary wheels from PyPI).
# numpy stays < 2: fasttext-wheel 0.9.2's predict() uses np.array(copy=False).
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

case "$RACE_VENV" in
  "$REPO"|"$REPO"/*) log "RACE_VENV ($RACE_VENV) must be outside the repo ($REPO)"; exit 2 ;;
esac

# ---- 1. system tools: /usr/bin/time and the fastText CLI (Debian packages) --------
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v fasttext >/dev/null 2>&1 || need+=(fasttext)
if [ ${#need[@]} -gt 0 ]; then
  log "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
FASTTEXT_CLI="$(command -v fasttext)"

# ---- 2. Python peers ---------------------------------------------------------------
if [ ! -x "$RACE_VENV/bin/python" ]; then
  log "creating virtualenv $RACE_VENV with $PYTHON ($("$PYTHON" --version 2>&1))"
  mkdir -p "$(dirname "$RACE_VENV")"
  "$PYTHON" -m venv "$RACE_VENV"
fi
VPY="$RACE_VENV/bin/python"
if ! "$VPY" -c 'import numpy, sklearn, joblib, threadpoolctl, fasttext, vowpalwabbit' 2>/dev/null; then
  log "installing peers into $RACE_VENV: ${PINS[*]}"
  "$VPY" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  printf '%s\n' "${PINS[@]}" > "$RACE_VENV/.disputetriage-pins"
fi

# ---- 3. triage binary ----------------------------------------------------------------
if [ "${RACE_BUILD:-0}" = "1" ] || [ ! -x "$TRIAGE" ] || ! "$TRIAGE" throughput --help >/dev/null 2>&1; then
  log "building triage: swift build -c release --product triage"
  (cd "$REPO" && swift build -c release --product triage) >&2
fi
[ -x "$TRIAGE" ] || { log "triage binary not found: $TRIAGE"; exit 2; }

# ---- 4. the race -----------------------------------------------------------------------
# One thread for every BLAS / OpenMP user (triage links OpenBLAS too). OPENBLAS_CORETYPE is
# never set here; race.py drops it (with OPENBLAS_L2_SIZE), if set, from the Python peers'
# measuring commands only.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
args=(--data-dir "$DATA_DIR" --triage "$TRIAGE" --fasttext-cli "$FASTTEXT_CLI"
      --command "bash Benchmarks/race/race.sh${*:+ $*}")
[ -n "$RACE_RESULTS" ] && args+=(--results "$RACE_RESULTS")
[ -n "${RACE_JSON:-}" ] && args+=(--json "$RACE_JSON")
exec "$VPY" "$HERE/race.py" run "${args[@]}" "$@"
