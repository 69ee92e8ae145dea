// Code shared by every libFuzzer harness in Fuzz/. scripts/fuzz.sh compiles this file into each
// harness, together with the harness file and the sources of the module it tests.
//
// It provides libFuzzer's entry point, which hands each input to the harness's
// `fuzzOneInput(_:)` (every harness file defines exactly one), the `invariant` checks that print a
// message and abort (libFuzzer reports that as a crash), and the per-process scratch files the
// file-reading harnesses write their inputs to.

import Foundation
import SystemSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func libFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOneInput(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// Traps like `precondition`, but prints the message first (an -O `precondition` drops it), with
/// the file and line of the check.
@inline(__always)
func invariant(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition { invariantFailure(message(), file: file, line: line) }
}

@inline(never)
func invariantFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    var text = "INVARIANT VIOLATED at \(file):\(line): \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Scratch files and folders of this process, removed when it exits.
nonisolated(unsafe) private var scratchPaths: [String] = []

private let removeScratchPathsAtExit: Void = {
    atexit { for path in scratchPaths { try? FileManager.default.removeItem(atPath: path) } }
}()

/// `<base>/<name>-<pid><suffix>`, where base is $FUZZ_TMPDIR, else the system temporary directory;
/// whatever is at that path when the process exits (a file or a folder) is removed.
func scratchPath(_ name: String, suffix: String = "") -> String {
    let base = ProcessInfo.processInfo.environment["FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
    let path = (base as NSString).appendingPathComponent("\(name)-\(getpid())\(suffix)")
    _ = removeScratchPathsAtExit
    scratchPaths.append(path)
    return path
}

/// Creates or truncates the file at `path` and writes `bytes` to it.
func writeFile(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) {
    guard let file = fopen(path, "wb") else { fatalError("cannot create \(path)") }
    if bytes.count > 0 {
        invariant(fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count, "short write to \(path)")
    }
    fclose(file)
}

func writeFile(_ bytes: [UInt8], to path: String) {
    bytes.withUnsafeBufferPointer { writeFile($0, to: path) }
}
