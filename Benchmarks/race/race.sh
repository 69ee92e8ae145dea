#!/usr/bin/env bash
# Throughput race: DisputeTriage against fastText, scikit-learn and Vowpal Wabbit, one
# thread each, on the same 100k short / 20k long documents. See README.md here.
#
# Environment:
#   RACE_VENV      virtualenv with the Python peers (default $HOME/.cache/disputetriage-peers-venv,
#                  the one Benchmarks/peers/compare.sh makes; created / completed with the same
#                  pins if needed by Benchmarks/peers/venv.sh)
#   PYTHON         interpreter used to create the venv (default python3; pins are for 3.11)
#   DATA_DIR       data folder (default <repo>/../shared/data)
#   TRIAGE         triage binary (default <repo>/.build/release/triage; built if missing)
#   RACE_BUILD     1 = always run `swift build -c release --product triage --static-swift-stdlib` first
#   RACE_RESULTS   Markdown report path (default Benchmarks/race/results.md; "" = none)
#   RACE_JSON      if set, every number is also written as JSON to this path
# Any arguments go to race.py, e.g. --runs 3 --max-load 1.0 --load-timeout 900 --workdir DIR
# --short-n 100000 --long-n 20000 --skip-peers --skip-triage-variants.
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

# ---- 1. Python peers (pins and venv setup shared with compare.sh: ../peers/venv.sh) ---
. "$REPO/Benchmarks/peers/venv.sh"
peers_venv "$RACE_VENV" RACE_VENV

# ---- 2. system tools: /usr/bin/time and the fastText CLI (Debian packages) --------
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

# ---- 3. triage binary ----------------------------------------------------------------
# (also rebuilt when it predates `triage throughput --all-stages`, which the stage breakdown uses, or
# loads the Swift runtime as a shared library: the race times the CLI as shipped, linked statically)
throughput_help="$("$TRIAGE" throughput --help 2>/dev/null || true)"
if [ "${RACE_BUILD:-0}" = "1" ] || [ ! -x "$TRIAGE" ] || [[ "$throughput_help" != *--all-stages* ]] \
  || ldd "$TRIAGE" 2>/dev/null | grep -q libswiftCore; then
  log "building triage: swift build -c release --product triage --static-swift-stdlib"
  (cd "$REPO" && swift build -c release --product triage --static-swift-stdlib) >&2
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
# race.py imports the shared peer definitions from Benchmarks/peers/peers.py.
export PYTHONPATH="$HERE/../peers${PYTHONPATH:+:$PYTHONPATH}"
exec "$VPY" "$HERE/race.py" run "${args[@]}" "$@"
