#!/usr/bin/env bash
# Runs the test suite under the sanitizers:
#   1. ThreadSanitizer: the concurrent score-while-learning test (LiveTriageModelTests);
#   2. AddressSanitizer (+ LeakSanitizer): the whole suite.
#
#   scripts/sanitizers.sh             # both (takes several minutes: each builds from scratch once)
#   scripts/sanitizers.sh thread      # only TSan
#   scripts/sanitizers.sh address     # only ASan
#
# Builds go to .build-tsan/ and .build-asan/ (git-ignored) so they do not disturb .build/.
# SANITIZE_SKIP_REAL_DATA=1 skips RealDataTests (trains on ../shared/data, slow under ASan).
# SANITIZE_FILTER=ModelFormatTests runs only the matching tests under ASan (swift test --filter),
# e.g. for a quick leak check of one module; the default is the whole suite.
# Prints a summary and exits non-zero if a run fails or a sanitizer reports anything.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# OpenBLAS must pick its kernels itself: a forced core type is never wanted here.
unset OPENBLAS_CORETYPE
bash scripts/install-deps.sh || { echo "scripts/install-deps.sh failed" >&2; exit 1; }

# Toolchain-side LeakSanitizer reports only (see the file for each entry and why it stays).
export LSAN_OPTIONS="suppressions=$ROOT/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Report every race (not only the first) and fail the process when any was seen.
export TSAN_OPTIONS="halt_on_error=0:exitcode=66${TSAN_OPTIONS:+:$TSAN_OPTIONS}"

LOGS=$ROOT/.build-sanitizers-logs
mkdir -p "$LOGS"
WHICH=${1:-all}
declare -a SUMMARY=()
FAILED=0

run() {  # name log-file command...
  local name=$1 log=$2; shift 2
  echo "== $name: $*"
  local start=$SECONDS
  "$@" > "$log" 2>&1
  local rc=$?
  local elapsed=$((SECONDS - start))
  # Sanitizer reports are failures even if a runner were to swallow the exit code.
  local reports
  reports=$(grep -cE "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:" "$log")
  # Closing lines of XCTest and Swift Testing.
  local closing
  closing=$(grep -E "Test run with [0-9]+ test|Executed [0-9]+ tests?, with" "$log" | sed 's/^[^A-Za-z]*//' | tr '\n' ';' | sed 's/;$//')
  local result
  if [ $rc -eq 0 ] && [ "$reports" -eq 0 ]; then result="PASS"; else result="FAIL (exit $rc, $reports sanitizer report(s))"; FAILED=1; fi
  echo "   $result in ${elapsed}s — $closing"
  if [ "$result" != PASS ]; then
    grep -E "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer|SUMMARY:|error:|✘|failed" "$log" | head -30
    echo "   full log: $log"
  fi
  SUMMARY+=("$name|$result|${elapsed}s|$closing")
}

if [ "$WHICH" = all ] || [ "$WHICH" = thread ]; then
  run "tsan LiveTriageModelTests" "$LOGS/tsan.log" \
    swift test --sanitize=thread --scratch-path .build-tsan --filter LiveTriageModelTests
fi
if [ "$WHICH" = all ] || [ "$WHICH" = address ]; then
  skip=()
  if [ "${SANITIZE_SKIP_REAL_DATA:-0}" = 1 ]; then skip=(--skip RealDataTests); fi
  if [ -n "${SANITIZE_FILTER:-}" ]; then
    run "asan $SANITIZE_FILTER" "$LOGS/asan.log" \
      swift test --sanitize=address --scratch-path .build-asan --filter "$SANITIZE_FILTER" "${skip[@]}"
  else
    run "asan whole suite" "$LOGS/asan.log" \
      swift test --sanitize=address --scratch-path .build-asan "${skip[@]}"
  fi
fi

echo
echo "| run | result | time | test runner summary |"
echo "|---|---|---:|---|"
for row in "${SUMMARY[@]}"; do IFS='|' read -r a b c d <<< "$row"; echo "| $a | $b | $c | $d |"; done
exit $FAILED
