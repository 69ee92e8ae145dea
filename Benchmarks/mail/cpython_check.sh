#!/usr/bin/env bash
# Builds triage (release) and runs the CPython email test-suite comparison (see cpython_check.py).
#   Benchmarks/mail/cpython_check.sh [--data DIR] [--json OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product triage --static-swift-stdlib >/dev/null
exec python3 Benchmarks/mail/cpython_check.py --triage .build/release/triage "$@"
