# Benchmarks/peers/venv.sh: the Python virtualenv with the pinned peers (scikit-learn,
# fastText, Vowpal Wabbit). Shared by Benchmarks/peers/compare.sh (venv path in PEERS_VENV)
# and Benchmarks/race/race.sh (venv path in RACE_VENV); both default to
# $HOME/.cache/disputetriage-peers-venv, so by default they use one venv.
#
# Source it from bash (it only defines things; it runs nothing by itself):
#
#     . "$REPO/Benchmarks/peers/venv.sh"
#     peers_venv "$PEERS_VENV" PEERS_VENV     # sets VPY to the venv's python
#
# peers_venv DIR [NAME]
#   DIR   the virtualenv; it must be outside the repo (exit 2 otherwise). Created with
#         ${PYTHON:-python3} -m venv if it has no bin/python.
#   NAME  the environment variable that holds DIR, for messages (default PEERS_VENV).
#   Then warns if the venv's Python is not 3.11 (the pins were chosen for it), and runs
#   `pip install PEERS_PINS` when the pin list differs from the stamp file
#   DIR/.disputetriage-pins or when the peers do not import; after an install the stamp is
#   rewritten. So reruns are fast and need no network.
#   Sets VPY (the venv's python). Messages go to stderr through the caller's `log` function
#   if it has one, else with a "[venv.sh]" prefix. Fails (set -e) if venv or pip fail.
#
# PEERS_PINS: pinned, tested on CPython 3.11 / x86_64 (all binary wheels from PyPI).
# numpy stays < 2: fasttext-wheel 0.9.2's predict() uses np.array(copy=False), which
# numpy 2 rejects.
PEERS_PINS=(
  "numpy==1.26.4"
  "scipy==1.17.1"
  "scikit-learn==1.9.1"
  "joblib==1.6.0"
  "threadpoolctl==3.8.0"
  "fasttext-wheel==0.9.2"
  "pybind11==3.1.0"
  "vowpalwabbit==9.11.9"
)
PEERS_VENV_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_peers_venv_log() {
  if declare -F log >/dev/null; then log "$@"; else echo "[venv.sh] $*" >&2; fi
}

peers_venv() {
  local dir="$1" name="${2:-PEERS_VENV}" python="${PYTHON:-python3}"
  case "$dir" in
    "$PEERS_VENV_REPO"|"$PEERS_VENV_REPO"/*)
      _peers_venv_log "$name ($dir) must be outside the repo ($PEERS_VENV_REPO)"; exit 2 ;;
  esac
  if [ ! -x "$dir/bin/python" ]; then
    _peers_venv_log "creating virtualenv $dir with $python ($("$python" --version 2>&1))"
    mkdir -p "$(dirname "$dir")"
    "$python" -m venv "$dir"
  fi
  VPY="$dir/bin/python"
  local pyver
  pyver="$("$VPY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  [ "$pyver" = "3.11" ] || _peers_venv_log "warning: venv Python is $pyver; the pins were chosen for 3.11"

  local stamp="$dir/.disputetriage-pins" want
  want="$(printf '%s\n' "${PEERS_PINS[@]}")"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] ||
     ! "$VPY" -c 'import numpy, scipy, sklearn, joblib, threadpoolctl, fasttext, vowpalwabbit' 2>/dev/null; then
    _peers_venv_log "installing peers into $dir: ${PEERS_PINS[*]}"
    "$VPY" -m pip install --quiet --disable-pip-version-check "${PEERS_PINS[@]}"
    printf '%s\n' "$want" > "$stamp"
  fi
}
