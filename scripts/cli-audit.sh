#!/usr/bin/env bash
# The bad-input audit of the `triage` CLI (Benchmarks/results/cli-audit.md): runs every case on
# fixtures made in a temporary directory and prints one Markdown table row per case: the command
# (paths shortened to $A/ for the fixtures), the exit status, the first error line of stderr, and
# what the audit looks for (CRASH on a signal or "Fatal error", RAW on an NSCocoaErrorDomain or
# Swift error dump, EXIT0? on status 0 with an empty stdout and no --output).
#
#   scripts/cli-audit.sh [TRIAGE]     # default .build/debug/triage (swift build --product triage)
#
# Cases that need ../shared/data/ibm_ar are skipped when it is absent. Takes about 2 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
T=${1:-.build/debug/triage}
T=$(cd "$(dirname "$T")" && pwd)/$(basename "$T")
[ -x "$T" ] || { echo "no executable at $T: swift build --product triage" >&2; exit 1; }
A=$(mktemp -d /tmp/cli-audit.XXXXXX)
trap 'rm -rf "$A"' EXIT
LEDGER=../shared/data/ibm_ar/train.csv

# Fixtures.
head -300 TrainingData/disputes.jsonl > "$A/small.jsonl"
head -2 TrainingData/disputes.jsonl > "$A/two.jsonl"
printf 'id,text,subject,severity\n' > "$A/small.csv"
for i in $(seq 1 40); do
    subject=$([ $((i % 2)) = 0 ] && echo pricing || echo freight)
    printf 'c%d,"Invoice %d: the %s charge, please check",%s,low\n' "$i" "$i" "$subject" "$subject" >> "$A/small.csv"
done
sed 's/$/\r/' "$A/small.csv" > "$A/crlf.csv"
{ printf '\xef\xbb\xbf'; cat "$A/small.csv"; } > "$A/bom.csv"
{ printf '\xef\xbb\xbf'; cat "$A/two.jsonl"; } > "$A/bom.jsonl"
: > "$A/empty.jsonl"
printf 'id,text,subject,severity\n' > "$A/header.csv"
head -c 4096 /dev/urandom > "$A/garbage.jsonl"
printf '{"id":"a","text":"bad \xff\xfe bytes","subject":"pricing","severity":"low"}\n' > "$A/badutf8.jsonl"
{ printf '{"id":"x","text":"'; head -c 10000000 /dev/zero | tr '\0' a; printf '"}\n'; } > "$A/long.jsonl"
{ head -1 "$A/two.jsonl"; echo '[1,2]'; } > "$A/nonobject.jsonl"
echo '{"id":"a","text":12}' > "$A/textnumber.jsonl"
echo '{"id":"a","text":null}' > "$A/textnull.jsonl"
echo '{"id":"a","text":["x"]}' > "$A/textarray.jsonl"
echo '{"id":"a","text":"billed twice","amount":"lots"}' > "$A/amounttext.jsonl"
printf 'id,text,text\na,one,two\n' > "$A/duplicate.csv"
echo '{"id":"a","text":"one","text":"two"}' > "$A/duplicate.jsonl"
sed 's/"subject": "[a-z_]*", //' "$A/small.jsonl" > "$A/nolabel.jsonl"
sed 's/"subject": "[a-z_]*"/"subject": "pricing"/' "$A/small.jsonl" > "$A/oneclass.jsonl"
mkdir -p "$A/dir" "$A/dir.jsonl" "$A/emptydir"
echo "not a directory" > "$A/file"
head -20 TrainingData/sample_disputes.jsonl | sed 's/}$/, "urgent": true}/' > "$A/feedback.jsonl"
model() {  # model NAME [SED-EXPRESSION]: a copy of the shipped model, its manifest edited
    cp -r Models/default "$A/$1"
    if [ $# -gt 1 ]; then sed -i "$2" "$A/$1/manifest.json"; fi
}
model truncated && truncate -s 100000 "$A/truncated/weights.safetensors"
model nofeatures && rm "$A/nofeatures/features.0.json"
model nomanifest && rm "$A/nomanifest/manifest.json"
model version 's/"formatVersion" : 1/"formatVersion" : 99/'
model kind 's/"kind" : "dispute-triage"/"kind" : "payer-risk"/'
model bigweights && head -c 1000 /dev/urandom >> "$A/bigweights/weights.safetensors"
model ngrams 's/"wordNGrams" : 2/"wordNGrams" : 0/'
model temperature 's/"temperature" : [0-9.]*/"temperature" : 0/'
model labels 's/"critical",/"urgent",/'
model priority 's/"learningRate" : 0.25/"learningRate" : -1/'
model wrongtype 's/"temperature" : [0-9.]*/"temperature" : "hot"/'
model weightsdir && rm "$A/weightsdir/weights.safetensors" && mkdir "$A/weightsdir/weights.safetensors"
ln -s /proc/self/mem "$A/mem.jsonl"
model keep

echo "| command | exit | first line of stderr | flag |"
echo "|---|---:|---|---|"
c() {
    (cd "$A" && timeout 300 "$T" "$@" > "$A/.out" 2> "$A/.err" < /dev/null)
    local rc=$? first flag=""
    first=$(grep -m1 -E 'Error|error:|Fatal' "$A/.err" || grep -m1 -v '^\s*$' "$A/.err" || true)
    first=$(printf '%s' "$first" | cut -c1-160 | sed "s|$A/|\$A/|g; s/|/\\\\|/g")
    grep -qE 'Fatal error|Program crashed' "$A/.err" && flag="CRASH"
    [ $rc -ge 128 ] && flag="$flag signal $((rc - 128))"
    grep -qE 'NSCocoaErrorDomain|EncodingError|DecodingError\.' "$A/.err" && flag="$flag RAW"
    [ $rc = 0 ] && [ ! -s "$A/.out" ] && [[ " $* " != *" --output "* ]] && flag="$flag EXIT0?"
    local shown
    shown=$(for argument in "$@"; do [ -n "$argument" ] && printf '%s ' "$argument" || printf '"" '; done | sed "s|$A/|\$A/|g; s/|/\\\\|/g")
    printf '| `triage %s` | %s | %s | %s |\n' "${shown% }" "$rc" "$first" "$flag"
}
M=$A/keep
# score: input files
c score --data missing.jsonl
c score --data dir.jsonl
c score --data /proc/self/mem
c score --data empty.jsonl
c score --data header.csv
c score --data garbage.jsonl
c score --data badutf8.jsonl
c score --data crlf.csv --output crlf.out
c score --data bom.csv --output bom.out
c score --data bom.jsonl --output bom2.out
c score --data long.jsonl
c score --data nonobject.jsonl
c score --data textnumber.jsonl
c score --data textnull.jsonl
c score --data textarray.jsonl
c score --data amounttext.jsonl
c score --data duplicate.csv
c score --data duplicate.jsonl
c score --data -
c score --data mem.jsonl
c score --data emptydir
# score: models
for m in truncated nofeatures nomanifest version kind bigweights ngrams temperature labels priority wrongtype weightsdir; do
    c score --model "$m" --data two.jsonl
done
c score --model small.jsonl --data two.jsonl
# score: output and flags
c score --data two.jsonl --output nodir/out.jsonl
c score --data two.jsonl --output emptydir
c score --data two.jsonl --output ""
c score --data two.jsonl --output /dev/full
c score --data two.jsonl --threads 0
c score --data two.jsonl --threads=-1
c score --data two.jsonl --threads 99999999999999999999
c score --data two.jsonl --format xml
c score --data two.jsonl --senders missing.csv
# train
TR=(train --quiet --label subject --validation-fraction 0)
c "${TR[@]}" --data empty.jsonl --out t
c "${TR[@]}" --data header.csv --out t
c "${TR[@]}" --data garbage.jsonl --out t
c "${TR[@]}" --data crlf.csv --out t-crlf
c "${TR[@]}" --data bom.csv --out t-bom
c "${TR[@]}" --data nolabel.jsonl --out t
c train --quiet --label subject --data oneclass.jsonl --out keep
c "${TR[@]}" --data oneclass.jsonl --out t
c "${TR[@]}" --data small.jsonl --out small.jsonl
c "${TR[@]}" --data small.jsonl --out file/model
c "${TR[@]}" --data small.jsonl --out /proc/model
c "${TR[@]}" --data small.jsonl --out t --C 0
c "${TR[@]}" --data small.jsonl --out t --C nan
c "${TR[@]}" --data small.jsonl --out t --seed=-1
c "${TR[@]}" --data small.jsonl --out t --char-ngrams 5-3
c "${TR[@]}" --data small.jsonl --out t --space garbage
c "${TR[@]}" --data small.jsonl --out t --space hash:100
c "${TR[@]}" --data small.jsonl --out t --word-ngrams 9
c "${TR[@]}" --data small.jsonl --out t --smoothing nan
c "${TR[@]}" --data small.jsonl --out t --algorithm nb --l2 nan
c "${TR[@]}" --data small.jsonl --out t --created-at yesterday
c train --quiet --label subject --data small.jsonl --out t --selection-folds 1
# evaluate
c evaluate --model keep --label subject --data empty.jsonl
c evaluate --model keep --label subject --data header.csv
c evaluate --model keep --label nosuch --data small.jsonl
c evaluate --model kind --label subject --data small.jsonl
c evaluate --model keep --label subject --data small.jsonl --format html --output emptydir
# crossvalidate
c crossvalidate --quiet --label subject --data empty.jsonl
c crossvalidate --quiet --label subject --data oneclass.jsonl
c crossvalidate --quiet --label subject --data small.jsonl --folds 1
c crossvalidate --quiet --label subject --data small.jsonl --folds 1000
c crossvalidate --quiet --label subject --data small.jsonl --group-by nosuch
# features
c features --label subject --data small.jsonl --out file
c features --label subject --data small.jsonl --out /proc/features
c features --label subject --data small.jsonl --apply missing.jsonl --out f
# learn
c learn --model keep --feedback missing.jsonl
c learn --model keep --feedback dir.jsonl --out l
c learn --model keep --feedback feedback.jsonl --log feedback.jsonl
c learn --model keep --feedback feedback.jsonl --log emptydir
c learn --model keep --feedback feedback.jsonl --out small.jsonl
c learn --model kind --feedback feedback.jsonl --out l
# simulate
c simulate --quiet --data empty.jsonl --out s
c simulate --quiet --data small.jsonl --out file
c simulate --quiet --data small.jsonl --out s --events 100000000000
c simulate --quiet --data small.jsonl --out s --change-at=-5
c simulate --quiet --data small.jsonl --out s --learning-rate nan
c simulate --quiet --data small.jsonl --out s --recency 5
# explain, throughput, mail, extract
c explain --text ""
c explain --text "billed twice" --amount nan
c explain --text "billed twice" --credit-score 1000
c throughput --data empty.jsonl
c throughput --data small.jsonl --passes 0
c mail --data missing
c extract --data textnumber.jsonl
c extract --data small.jsonl --ledger header.csv
# risk
c risk train --ledger header.csv --out r
if [ -f "$LEDGER" ]; then
    L=$(cd "$(dirname "$LEDGER")" && pwd)/$(basename "$LEDGER")
    c risk train --ledger "$L" --out r --recency-half-life nan
    c risk train --ledger "$L" --out r --days-tree-rate inf
    c risk train --ledger "$L" --out /proc/risk
    c risk score --model keep --ledger "$L"
    c risk train --ledger "$L" --out r
    c risk score --model r --ledger "$L" --as-of 2013-02-30
fi
# SIGPIPE: the reader closes the pipe after one line
(cd "$A" && "$T" score --data small.jsonl 2> "$A/.err" | head -1 > /dev/null; echo "${PIPESTATUS[0]}" > "$A/.rc")
printf '| `triage score --data $A/small.jsonl \\| head -1` | %s | %s | %s |\n' "$(cat "$A/.rc")" \
    "$(head -1 "$A/.err")" "$(grep -q 'Fatal\|crashed' "$A/.err" && echo CRASH)"
