#!/usr/bin/env bash
# Lint the whole tree (CI runs this after the build):
#   1. `swift format lint` (ships with the toolchain) with the rules in .swift-format, on every
#      Swift file: Sources, Tests, Fuzz, Models, the benchmarks and both manifests;
#   2. ruff (PyPI, pinned below) with ruff.toml, on the Python in Benchmarks/ and Fuzz/. It is
#      installed into a virtualenv outside the repository (LINT_VENV, default
#      ~/.cache/disputetriage/venv-lint), created on first use.
#
#   scripts/lint.sh            # exits non-zero and lists the findings if there are any
#
# What is enforced: swift-format's rules (ordered imports, no force-try without a reasoned
# `// swift-format-ignore: NeverUseForceTry`, valid doc-comment callouts, triple-slash doc comments,
# lowerCamelCase, …; see .swift-format; ReplaceForEachWithForLoop and OnlyOneTrailingClosureArgument
# are off because they misread MailSource.forEach(onError:_:), a method of our own) and its layout
# (indentation, line breaks, spacing, 120-column lines): format with
# `swift format format --configuration .swift-format -i FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."

RUFF_VERSION=0.17.6
status=0

swift_paths=(Sources Tests Fuzz Models Benchmarks/Benchmarks Package.swift Benchmarks/Package.swift Desk/Sources Desk/Tests Desk/Package.swift)
swift_output=$(swift format lint --configuration .swift-format --recursive --parallel "${swift_paths[@]}" 2>&1) || true
swift_findings=$(printf '%s\n' "$swift_output" | grep -E '(warning|error): ' || true)
if [ -n "$swift_findings" ]; then
    printf '%s\n' "$swift_findings" >&2
    echo "swift format lint: $(printf '%s\n' "$swift_findings" | wc -l) finding(s)" >&2
    status=1
else
    echo "swift format lint: no findings"
fi

venv=${LINT_VENV:-$HOME/.cache/disputetriage/venv-lint}
if [ ! -x "$venv/bin/ruff" ] || [ "$("$venv/bin/ruff" --version)" != "ruff $RUFF_VERSION" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "ruff==$RUFF_VERSION"
fi
if "$venv/bin/ruff" check --quiet Benchmarks Fuzz; then
    echo "ruff: no findings"
else
    status=1
fi
exit $status
