#!/usr/bin/env bash
# Builds the release `triage` as shipped (the Swift runtime and Foundation linked in) and checks that
# it scores the sample disputes to the golden bytes on 1, 2 and 3 threads, in batches small enough
# that every thread gets several. Release builds optimise differently from the debug build the tests
# use: one initializer that ran fine in debug crashed under -O (Swift 6.3), so the shipped
# configuration gets its own check.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product triage --static-swift-stdlib 2>&1 | tee /tmp/ci-release-build.log
# (The toolchain's static Foundation archive warns about its own use of mktemp at link time: not ours.)
if grep -E "warning: " /tmp/ci-release-build.log | grep -v "^warning: 'main'" | grep -v "/usr/lib/swift_static/"; then
    echo "release build produced warnings" >&2
    exit 1
fi
if ldd .build/release/triage | grep -q libswiftCore; then
    echo "release triage loads the Swift runtime as a shared library: not the shipped, static build" >&2
    exit 1
fi
for format in jsonl csv; do
    golden=Tests/TriageCLITests/Golden/sample_disputes.scores.$format
    for threads in 1 2 3; do
        for batch in 1000 4; do
            if ! .build/release/triage score --data TrainingData/sample_disputes.jsonl --format "$format" \
                --threads "$threads" --batch-size "$batch" | cmp -s - "$golden"; then
                echo "release triage score ($format, $threads threads, batches of $batch) differs from $golden" >&2
                exit 1
            fi
        done
    done
done
echo "release triage: sample scores equal the golden files on 1-3 threads"
