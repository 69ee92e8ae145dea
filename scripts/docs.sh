#!/usr/bin/env bash
# Builds the DocC documentation of the DisputeTriage product (catalog:
# Sources/DisputeTriage/DisputeTriage.docc) with swift-docc-plugin into .build/docs/, and fails
# on any DocC warning (a broken symbol link, a bad callout, …).
#
#   scripts/docs.sh                 # .build/docs/DisputeTriage.doccarchive
#   scripts/docs.sh --preview       # serve it locally instead (swift package preview-documentation)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--preview" ]; then
    exec swift package --disable-sandbox preview-documentation --target DisputeTriage
fi
mkdir -p .build/docs
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package --allow-writing-to-directory .build/docs generate-documentation --target DisputeTriage \
    --output-path .build/docs/DisputeTriage.doccarchive --warnings-as-errors 2>&1 | tee "$log"
if grep -E "warning:" "$log" >/dev/null; then
    echo "docs: DocC reported warnings" >&2
    exit 1
fi
echo "docs: .build/docs/DisputeTriage.doccarchive"
