#!/usr/bin/env bash
# Payer-risk defaults on validation splits of the TRAINING files only (never the test files): each of
# ../shared/data/{ibm_ar,cassandra_ap}/train.csv is sorted by invoice date and cut without
# splitting a day: A = first ~78% against the rest, B = first ~56% against the next ~22%, and two more
# origins to check a choice made on A and B: C = first ~34% against the next ~22%, D = first ~67%
# against the next ~22%. Every
# configuration below is `triage risk train` on the first part and `triage risk evaluate` (online, as
# in production) on the second. Prints a Markdown table of P(late) AUC, days-late MAE and P(disputed) AUC.
#
#   bash Benchmarks/peers/ledger_validation.sh            # builds triage (release) unless TRIAGE is set
#
# Environment: TRIAGE (triage binary), DATA_DIR (default <repo>/../shared/data), PYTHON (default python3).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATA_DIR="${DATA_DIR:-$REPO/../shared/data}"
PY="${PYTHON:-python3}"
if [ -z "${TRIAGE:-}" ]; then
  (cd "$REPO" && swift build -c release --product triage --static-swift-stdlib) >&2
  TRIAGE="$REPO/.build/release/triage"
fi
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

for set in ibm_ar cassandra_ap; do
  "$PY" - "$DATA_DIR/$set/train.csv" "$WORK/$set" <<'PYCODE'
import csv
import sys

source, prefix = sys.argv[1], sys.argv[2]
with open(source, newline="") as handle:
    rows = list(csv.reader(handle))
header, body = rows[0], rows[1:]
day = header.index("invoice_date")
body.sort(key=lambda r: (r[day], r[0]))


def cut(fraction):
    k = int(len(body) * fraction)
    while k < len(body) and body[k][day] == body[k - 1][day]:
        k += 1
    return k


a, b = cut(0.78), cut(0.56)
c, d, e = cut(0.34), cut(0.67), cut(0.89)
for name, part in (("fitA", body[:a]), ("valA", body[a:]), ("fitB", body[:b]), ("valB", body[b:a]),
                   ("fitC", body[:c]), ("valC", body[c:b]), ("fitD", body[:d]), ("valD", body[d:e])):
    with open(f"{prefix}-{name}.csv", "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(part)
PYCODE
done

configs=(
  "default|"
  "no terms indicators|--no-terms-levels"
  "no days-past-due blend|--no-past-due-blend"
  "days head as before (L2 60, half-life 365)|--days-l2 60 --recency-half-life 365"
  "half-life 180 days|--recency-half-life 180"
  "all of the above off|--no-terms-levels --no-past-due-blend --days-l2 60 --recency-half-life 365"
  "no days-late trees (linear days head)|--days-trees 0"
  "25 days-late stumps|--days-trees 25"
  "100 days-late stumps|--days-trees 100"
  "50 days-late trees of depth 2|--days-tree-depth 2"
  "50 days-late trees of depth 3|--days-tree-depth 3"
)
echo "| configuration | data set | split | P(late) AUC | days-late MAE | P(disputed) AUC |"
echo "|---|---|---|---:|---:|---:|"
for entry in "${configs[@]}"; do
  label="${entry%%|*}"; read -r -a options <<< "${entry#*|}"
  for set in ibm_ar cassandra_ap; do
    for split in A B C D; do
      "$TRIAGE" risk train --ledger "$WORK/$set-fit$split.csv" --out "$WORK/model" "${options[@]}" 2> /dev/null
      "$TRIAGE" risk evaluate --model "$WORK/model" --history "$WORK/$set-fit$split.csv" --data "$WORK/$set-val$split.csv" \
        | "$PY" -c '
import json, sys
r = json.load(sys.stdin)
d = r.get("disputed")
print("| %s | %s | %s | %.4f | %.3f | %s |" % (sys.argv[1], sys.argv[2], sys.argv[3], r["late"]["auc"], r["days_late"]["mae"],
      "%.4f" % d["auc"] if d else "–"))' "$label" "$set" "$split"
    done
  done
done
