#!/usr/bin/env bash
# Counts the public (and open) declarations in Sources/, per module and in total.
#
#   scripts/public-api-count.sh          # table per module, then the total
#   scripts/public-api-count.sh --list   # every counted declaration, file:line
#
# A declaration counts when its line, outside comments, carries the access keyword `public` (or
# `open` before a declaration keyword): `public private(set) var`, `@inlinable public func`,
# `public extension` … `public import` lines are imports, not declarations, and are not counted.
# Declarations marked `@_spi(…)` are not API (a client sees them only through `@_spi(…) import`:
# the component modules' declarations the separate Benchmarks package needs); they are counted on
# a line of their own.
set -euo pipefail
cd "$(dirname "$0")/.."

matches() {
    grep -rnE --include='*.swift' '^[^/"]*(\bpublic\b|\bopen\s+(class|func|var|let|subscript|static|override|final|init)\b)' Sources \
        | grep -vE '^[^:]+:[0-9]+:\s*(///|//|\*)' \
        | grep -vE '\b(public|open)\s+import\b' || true
}

if [ "${1:-}" = "--list" ]; then
    matches | grep -v '@_spi(' || true
    exit 0
fi

all=$(matches | grep -v '@_spi(' || true)
spi=$(matches | grep -c '@_spi(' || true)
total=0
for dir in Sources/*/; do
    module=$(basename "$dir")
    n=$(printf '%s\n' "$all" | grep -c "^Sources/$module/" || true)
    [ "$n" -eq 0 ] && continue
    printf '%-16s %5d\n' "$module" "$n"
    total=$((total + n))
done
printf '%-16s %5d\n' total "$total"
printf '%-16s %5d   (not counted: visible only through @_spi imports)\n' "@_spi" "$spi"
