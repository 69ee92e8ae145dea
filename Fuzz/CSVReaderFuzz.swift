// libFuzzer harness for the CSV side of Records.RecordReader.
//
// Built together with Sources/Records/*.swift into one module (see scripts/fuzz.sh).
//
// Each input is written to one temporary file per process (under $FUZZ_TMPDIR, else the system
// temporary directory), then read to the end with RecordReader(format: .csv, maxRecordBytes: 1024).
// A RecordError ends the read (expected for most inputs); anything else — a trap, an ASan report,
// another error type — is a bug. Invariants checked:
//   * records come in increasing line order, every line lies within the file's line count;
//   * every record has exactly the header's columns;
//   * a RecordError's line lies within the file's line count;
//   * the typed accessors (requiredText, optionalText, optionalNumber with and without a range,
//     optionalBool) on every field either return or throw RecordError — never trap — and a number
//     they return is finite and inside the requested range.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Traps like `precondition`, but prints the message first (an -O `precondition` drops it).
@inline(__always)
private func invariant(_ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line) {
    if !condition { invariantFailure(message(), line: line) }
}

@inline(never)
private func invariantFailure(_ message: String, line: UInt = #line) -> Never {
    var text = "INVARIANT VIOLATED at \(#fileID):\(line): \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

private let harnessFormat = RecordFormat.csv
private let maxRecordBytes = 1024

/// The scratch file reused for every input of this process.
private let scratchPath: String = {
    let base = ProcessInfo.processInfo.environment["FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
    let path = (base as NSString).appendingPathComponent("csv-reader-fuzz-\(getpid()).csv")
    atexit { unlink(scratchPath) }
    return path
}()

private func writeScratch(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let file = fopen(scratchPath, "wb") else { fatalError("cannot create \(scratchPath)") }
    if bytes.count > 0 { invariant(fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count, "short write") }
    fclose(file)
}

private func touchFields(_ record: Record) {
    for name in record.fields.keys {
        _ = try? record.requiredText(name)
        _ = try? record.optionalText(name)
        _ = try? record.optionalBool(name)
        do {
            if let number = try record.optionalNumber(name) { invariant(number.isFinite, "non-finite number \(number)") }
            if let number = try record.optionalNumber(name, in: 0...100) {
                invariant((0...100).contains(number), "number \(number) outside the requested range")
            }
        } catch let error as RecordError {
            invariant(error.field == name, "error names field \(error.field ?? "nil"), expected \(name)")
            _ = error.description
        } catch {
            invariantFailure("unexpected error type \(type(of: error)): \(error)")
        }
    }
    _ = try? record.requiredText("text")   // usually missing: exercises the "fields present" message
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    writeScratch(bytes)
    let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    do {
        let reader = try RecordReader(path: scratchPath, format: harnessFormat, maxRecordBytes: maxRecordBytes)
        var previousLine = 0
        while let record = try reader.next() {
            invariant(record.line > previousLine && record.line <= lineCount,
                         "record line \(record.line) after \(previousLine), file has \(lineCount) lines")
            previousLine = record.line
            if let columns = reader.columns {
                invariant(Set(record.fields.keys) == Set(columns) && record.fields.count == columns.count,
                             "record fields \(record.fields.keys.sorted()) differ from the header \(columns)")
            }
            touchFields(record)
        }
    } catch let error as RecordError {
        invariant(error.line >= 0 && error.line <= lineCount, "error line \(error.line), file has \(lineCount) lines")
        _ = error.description
    } catch {
        invariantFailure("unexpected error type \(type(of: error)): \(error)")
    }
    return 0
}
