#!/usr/bin/env bash
# Renders the HTML evaluation reports in headless Chromium (Debian's `chromium`) and fails if a
# page logs anything to the console, asks for any resource, or does not show its three charts.
#
#   scripts/check-report.sh                      # evaluate + crossvalidate pages, checked
#   scripts/check-report.sh --screenshot FILE    # also a PNG of the evaluate page
#
# The pages come from the debug `triage` (built if needed): `triage evaluate` of the shipped model's
# subject classifier on TrainingData/evaluation.jsonl, and a quick `triage crossvalidate` (naive
# Bayes, 2 folds) of the severity on the same file, grouped by language.
set -euo pipefail
cd "$(dirname "$0")/.."
SCREENSHOT=
if [ "${1:-}" = "--screenshot" ]; then SCREENSHOT=$(realpath -m "${2:?usage: --screenshot FILE}"); fi

if ! command -v chromium >/dev/null; then
    echo "chromium not found: installing Debian's chromium" >&2
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
swift build --product triage >/dev/null
TRIAGE=$(swift build --product triage --show-bin-path)/triage
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$TRIAGE" evaluate --model Models/default --data TrainingData/evaluation.jsonl --label subject \
    --format html --output "$WORK/evaluate.html"
"$TRIAGE" crossvalidate --data TrainingData/evaluation.jsonl --label severity --folds 2 --algorithm nb \
    --calibration-folds 0 --group-by language --format html --output "$WORK/crossvalidate.html" 2>/dev/null

CHROMIUM=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
    --disable-background-networking --enable-logging=stderr --v=0)
failed=0
for page in evaluate crossvalidate; do
    file="$WORK/$page.html"
    # Self-contained: no script, no stylesheet or image link, no URL but the SVG namespace.
    if grep -Eq '<script|<link|<img|<iframe|src=|href=|url\(|@import' "$file" ||
        [ "$(grep -o 'http[s]*://[^"]*' "$file" | grep -vc '^http://www.w3.org/2000/svg$')" != 0 ]; then
        echo "$page.html: refers to something outside the page" >&2
        failed=1
    fi
    "${CHROMIUM[@]}" --dump-dom "file://$file" > "$WORK/$page.dom" 2> "$WORK/$page.log" || true
    if grep -E ':CONSOLE' "$WORK/$page.log"; then
        echo "$page.html: console messages while rendering" >&2
        failed=1
    fi
    charts=$(grep -o '<svg ' "$WORK/$page.dom" | wc -l)
    if [ "$charts" != 3 ] || ! grep -q '</html>' "$WORK/$page.dom"; then
        echo "$page.html: rendered DOM has $charts charts (expected 3)" >&2
        failed=1
    else
        echo "$page.html: rendered, 3 charts, no console messages, nothing loaded"
    fi
done
if [ -n "$SCREENSHOT" ]; then
    "${CHROMIUM[@]}" --window-size=1200,3400 --screenshot="$SCREENSHOT" "file://$WORK/evaluate.html" 2>/dev/null
    echo "screenshot: $SCREENSHOT"
fi
exit $failed
