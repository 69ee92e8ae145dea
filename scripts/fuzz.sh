#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ and runs each one for a fixed number of iterations.
#
#   scripts/fuzz.sh                          # 1,000,000 runs per harness
#   scripts/fuzz.sh 200000                   # fewer runs
#   scripts/fuzz.sh 200000 tokenizer csv-reader   # only some harnesses
#
# Harnesses: tokenizer, csv-reader, jsonl-reader, model-loader, mail-parser, html-text (see Fuzz/README.md).
# Each is built with `swiftc -sanitize=fuzzer,address -package-name DisputeTriage` (the sources use `package`
# access) from its Fuzz/*.swift file, Fuzz/FuzzSupport.swift
# (shared by all: entry point, invariant checks, scratch files), the further support files of its row
# in HARNESSES below and the SOURCES of the module it tests, into .build-fuzz/ (git-ignored). The seed
# corpus Fuzz/corpus/<harness>/ is copied to a temporary working corpus, so the repository is never
# modified. Inputs saved under Fuzz/crashes/<harness>/ are replayed first as regression tests.
#
# Prints, per harness, the iterations done, exec/s and whether it crashed; exits non-zero if any
# harness crashed (or failed to build). Crashing inputs are copied to .build-fuzz/crashes/<harness>/
# and full logs are kept in .build-fuzz/logs/<harness>.log.
#
# Environment: FUZZ_TIMEOUT (seconds per input before it counts as a hang, default 30),
# FUZZ_FLAGS (extra libFuzzer flags), FUZZ_KEEP_WORK=1 (keep the temporary working corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${1:-1000000}
shift || true
if ! [[ $RUNS =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [RUNS] [HARNESS...]   (RUNS defaults to 1000000)" >&2
  exit 2
fi

# name | harness file | module sources | dictionary | further support files (space-separated)
HARNESSES=(
  "tokenizer|Fuzz/TokenizerFuzz.swift|Sources/TextFeatures|Fuzz/dicts/tokenizer.dict|"
  "csv-reader|Fuzz/CSVReaderFuzz.swift|Sources/Records|Fuzz/dicts/csv.dict|Fuzz/RecordReaderFuzzSupport.swift"
  "jsonl-reader|Fuzz/JSONLReaderFuzz.swift|Sources/Records|Fuzz/dicts/json.dict|Fuzz/RecordReaderFuzzSupport.swift"
  "model-loader|Fuzz/ModelLoaderFuzz.swift|Sources/ModelFormat|Fuzz/dicts/model-loader.dict|"
  "mail-parser|Fuzz/MailParserFuzz.swift|Sources/Mail|Fuzz/dicts/mail.dict|"
  "html-text|Fuzz/HTMLTextFuzz.swift|Sources/Mail|Fuzz/dicts/html.dict|"
)
# Compiled into every harness.
COMMON_SUPPORT=Fuzz/FuzzSupport.swift
SELECTED=("$@")

OUT=$ROOT/.build-fuzz
mkdir -p "$OUT/logs" "$OUT/crashes"
SWIFTC=${SWIFTC:-swiftc}
TIMEOUT=${FUZZ_TIMEOUT:-30}

# The reader and loader harnesses write every input to a file: use memory-backed /dev/shm when
# there is one (on a disk file system they run ~15x slower).
if [ -d /dev/shm ] && [ -w /dev/shm ]; then FAST_TMP=/dev/shm; else FAST_TMP=${TMPDIR:-/tmp}; fi
WORK=$(mktemp -d "$FAST_TMP/disputetriage-fuzz.XXXXXX")
cleanup() { if [ "${FUZZ_KEEP_WORK:-0}" = 1 ]; then echo "working corpus kept in $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

# Leaks inside the toolchain's Foundation only (see the file); ASan would otherwise fail at exit.
export LSAN_OPTIONS="suppressions=$ROOT/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
unset OPENBLAS_CORETYPE
# Let libFuzzer and ASan report crashes: the Swift runtime backtracer would run first and trip ASan.
export SWIFT_BACKTRACE=enable=no

# The modules under test import SystemSupport (the C library and POSIX I/O): build it once as a
# module and an object file that every harness links.
SUPPORT_DIR=$OUT/SystemSupport
build_system_support() {
  local object=$SUPPORT_DIR/SystemSupport.o stale=0
  if [ ! -f "$object" ]; then stale=1; else
    for f in Sources/SystemSupport/*.swift; do if [ "$f" -nt "$object" ]; then stale=1; break; fi; done
  fi
  [ $stale = 0 ] && return 0
  mkdir -p "$SUPPORT_DIR"
  echo "building SystemSupport" >&2
  if ! "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name DisputeTriage \
      -wmo -module-name SystemSupport -emit-module -emit-module-path "$SUPPORT_DIR/SystemSupport.swiftmodule" \
      -c Sources/SystemSupport/*.swift -o "$object" > "$OUT/logs/SystemSupport.build.log" 2>&1; then
    cat "$OUT/logs/SystemSupport.build.log" >&2
    return 1
  fi
}

build() {  # name harness sources support -> binary path on stdout
  local name=$1 harness=$2 sources=$3 binary=$OUT/$1
  local support
  read -r -a support <<< "$COMMON_SUPPORT $4"
  local inputs=("$harness" "${support[@]}" "$sources"/*.swift)
  build_system_support || return 1
  local stale=0
  if [ ! -x "$binary" ] || [ "$SUPPORT_DIR/SystemSupport.o" -nt "$binary" ]; then stale=1; else
    for f in "${inputs[@]}"; do if [ "$f" -nt "$binary" ]; then stale=1; break; fi; done
  fi
  if [ $stale = 1 ]; then
    echo "building $name ($harness + ${support[*]} + $sources/*.swift)" >&2
    if ! "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -use-ld=lld -package-name DisputeTriage \
        -I "$SUPPORT_DIR" "$SUPPORT_DIR/SystemSupport.o" \
        -module-name "$(basename "$harness" .swift)" "${inputs[@]}" -o "$binary" > "$OUT/logs/$name.build.log" 2>&1; then
      cat "$OUT/logs/$name.build.log" >&2
      return 1
    fi
  fi
  echo "$binary"
}

stat_value() { grep -E "^stat::$1:" "$2" | tail -1 | awk '{print $2}'; }

declare -a ROWS=()
FAILED=0
echo "fuzzing with $RUNS runs per harness, -max_len=4096, working corpus in $WORK ($(date -u +%Y-%m-%dT%H:%MZ))"
for entry in "${HARNESSES[@]}"; do
  IFS='|' read -r name harness sources dict support <<< "$entry"
  if [ ${#SELECTED[@]} -gt 0 ] && [[ ! " ${SELECTED[*]} " == *" $name "* ]]; then continue; fi
  if ! binary=$(build "$name" "$harness" "$sources" "$support"); then
    ROWS+=("$name|-|-|-|BUILD FAILED"); FAILED=1; continue
  fi
  log=$OUT/logs/$name.log
  mkdir -p "$WORK/corpus/$name" "$WORK/artifacts/$name" "$WORK/tmp/$name"
  cp -R Fuzz/corpus/$name/. "$WORK/corpus/$name/" 2>/dev/null || true

  # Known crashing inputs first: each must now run cleanly.
  if [ -d "Fuzz/crashes/$name" ] && [ -n "$(ls -A "Fuzz/crashes/$name" 2>/dev/null | grep -v '\.md$' || true)" ]; then
    mapfile -t known < <(find "Fuzz/crashes/$name" -type f ! -name '*.md' | sort)
    if ! FUZZ_TMPDIR="$WORK/tmp/$name" "$binary" -runs=1 "${known[@]}" > "$OUT/logs/$name.regression.log" 2>&1; then
      echo "$name: a saved input in Fuzz/crashes/$name/ still crashes (see $OUT/logs/$name.regression.log)"
      ROWS+=("$name|-|-|-|KNOWN CRASH REPRODUCES"); FAILED=1; continue
    fi
    echo "$name: ${#known[@]} saved crash input(s) replayed cleanly"
  fi

  echo "== $name: $RUNS runs"
  start=$SECONDS
  set +e
  # shellcheck disable=SC2086
  FUZZ_TMPDIR="$WORK/tmp/$name" "$binary" -runs="$RUNS" -max_len=4096 -timeout="$TIMEOUT" -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$WORK/artifacts/$name/" ${FUZZ_FLAGS:-} "$WORK/corpus/$name" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$((SECONDS - start))
  runs=$(stat_value number_of_executed_units "$log"); runs=${runs:-?}
  speed=$(stat_value average_exec_per_sec "$log"); speed=${speed:-?}
  artifacts=$(find "$WORK/artifacts/$name" -type f | wc -l)
  if [ $rc -eq 0 ] && [ "$artifacts" -eq 0 ]; then
    result="no crash"
  else
    FAILED=1
    result="CRASH (exit $rc)"
    mkdir -p "$OUT/crashes/$name"
    cp "$WORK/artifacts/$name"/* "$OUT/crashes/$name/" 2>/dev/null || true
    echo "---- $name crashed; excerpt of $log:"
    grep -E "INVARIANT VIOLATED|ERROR|SUMMARY|Fatal error|^    #[0-9] |Test unit written" "$log" | head -25 || true
    echo "---- crashing input(s) copied to $OUT/crashes/$name/; reproduce with: $binary <file>"
  fi
  corpus=$(find "$WORK/corpus/$name" -type f | wc -l)
  printf '%s: %s runs in %ss, %s exec/s, corpus %s files, %s\n' "$name" "$runs" "$elapsed" "$speed" "$corpus" "$result"
  ROWS+=("$name|$runs|$speed|${elapsed}s|$result")
done

echo
echo "| harness | runs | exec/s | time | result |"
echo "|---|---:|---:|---:|---|"
for row in "${ROWS[@]}"; do IFS='|' read -r a b c d e <<< "$row"; echo "| $a | $b | $c | $d | $e |"; done
exit $FAILED
