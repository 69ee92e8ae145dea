#!/usr/bin/env bash
# Counts the public (and open) declarations in Sources/, per module and in total.
#
#   scripts/public-api-count.sh          # table per module, then the total
#   scripts/public-api-count.sh --list   # every counted declaration, file:line
#
# A declaration counts when its line, outside comments, carries the access keyword `public` or
# `open` (`public private(set) var`, `@inlinable public func`, `public extension` …). `public import`
# lines are imports, not declarations, and are not counted. Declarations marked
# `@_spi(...)` are counted separately: they are visible only to clients that opt in.
set -euo pipefail
cd "$(dirname "$0")/.."

matches() {
    grep -rnE --include='*.swift' '^[^/"]*(\bpublic\b|\bopen\s+(class|func|var|let|subscript|static|override|final|init)\b)' Sources \
        | grep -vE '^[^:]+:[0-9]+:\s*(///|//|\*)' \
        | grep -vE '\b(public|open)\s+import\b' || true
}

if [ "${1:-}" = "--list" ]; then
    matches
    exit 0
fi

all=$(matches)
printf '%-16s %6s %6s\n' module public spi
total=0
spi_total=0
for dir in Sources/*/; do
    module=$(basename "$dir")
    n=$(printf '%s\n' "$all" | grep -c "^Sources/$module/" || true)
    s=$(printf '%s\n' "$all" | grep "^Sources/$module/" | grep -c '@_spi' || true)
    [ "$n" -eq 0 ] && continue
    printf '%-16s %6d %6d\n' "$module" "$((n - s))" "$s"
    total=$((total + n - s))
    spi_total=$((spi_total + s))
done
printf '%-16s %6d %6d\n' total "$total" "$spi_total"
