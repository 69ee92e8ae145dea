#!/usr/bin/env bash
# Instruction count of e-mail parsing + cleaning (IntakeMessage) over the labelled dispute set,
# under valgrind's callgrind: unlike times, the count does not depend on what else the machine
# is running, so two versions of Sources/Mail can be compared on a shared machine.
#
#   Benchmarks/mail/callgrind.sh [ROOT]      # ROOT: a checkout whose Sources/Mail is measured (default: this one)
#
# Builds Sources/Mail (+ SystemSupport) with swiftc -O -wmo and a small driver into a temporary
# folder, then runs 3 passes x 8 copies of the 224 messages and prints callgrind's total, the
# driver's own median MB/s on thread CPU time, and the 25 most expensive functions (inclusive).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "${1:-$here/../..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_dispute_mail.py" "$work/set" > /dev/null
cat > "$work/main.swift" <<'SWIFT'
import Glibc

// Parses and cleans every message of the folder `passes` times (8 copies each), on thread CPU time.
let folder = CommandLine.arguments[1]
let passes = Int(CommandLine.arguments[2]) ?? 3
var messages: [RawMail] = []
_ = try MailSource(path: folder).forEachMessage { messages.append($0) }
let bytes = messages.reduce(0) { $0 + $1.bytes.count }
func cpu() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
var rates: [Double] = []
var sink = 0
for _ in 0..<passes {
    let start = cpu()
    for _ in 0..<8 { for raw in messages { sink &+= try IntakeMessage(raw).text.utf8.count } }
    rates.append(Double(bytes * 8) / (cpu() - start) / 1e6)
}
rates.sort()
print("\(messages.count) messages, \(bytes) bytes, x8 per pass; MB/s on thread CPU, median of \(passes): \(Int(rates[passes / 2])) (\(sink))")
SWIFT
cd "$work"
swiftc -O -wmo -package-name DisputeTriage -module-name SystemSupport -emit-module -parse-as-library \
    -emit-module-path SystemSupport.swiftmodule -c "$root"/Sources/SystemSupport/*.swift -o SystemSupport.o
swiftc -O -wmo -g -package-name DisputeTriage -module-name MailDriver -I . SystemSupport.o \
    "$root"/Sources/Mail/*.swift main.swift -o driver 2>&1 | grep -v "warning:" || true
./driver set 20
valgrind --tool=callgrind --callgrind-out-file=callgrind.out ./driver set 3 2>&1 | grep "refs:"
callgrind_annotate --inclusive=yes callgrind.out 2>/dev/null | swift demangle --simplified \
    | grep -E "^ *[0-9,]+ \( *[0-9.]+%\)" | sed -n 7,31p | cut -c1-150
