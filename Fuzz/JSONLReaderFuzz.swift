// libFuzzer harness for the JSONL side of Records.RecordReader.
//
// Built together with Sources/Records/*.swift into one module (see scripts/fuzz.sh).
//
// Each input is written to one temporary file per process (under $FUZZ_TMPDIR, else the system
// temporary directory), then read to the end with RecordReader(format: .jsonl, maxRecordBytes: 1024).
// A RecordError ends the read (expected for most inputs); anything else — a trap, an ASan report,
// another error type — is a bug. Invariants checked:
//   * records come in increasing line order, every line lies within the file's line count;
//   * every record is a JSON object read from one line;
//   * a RecordError's line lies within the file's line count;
//   * the typed accessors (requiredText, optionalText, optionalNumber with and without a range,
//     optionalBool) on every field either return or throw RecordError — never trap — and a number
//     they return is finite and inside the requested range.
// Then a differential oracle on every line of the input (split at LF, one trailing CR removed, blank
// lines skipped, as the reader does), each copied into an allocation of exactly its size so that
// AddressSanitizer catches any over-read:
//   * JSONObjectParser accepts only valid UTF-8, and its error column lies within the line (+1);
//   * on valid UTF-8, JSONObjectParser and Foundation's JSONDecoder decoding [String: RecordValue]
//     accept the same lines with equal values (numbers compared bit for bit, NaN equal to NaN),
//     except the documented differences, where the parser rejects and JSONDecoder accepts: a
//     duplicate field, a trailing comma, and a line JSONDecoder reads in another encoding (a
//     leading UTF-8 byte-order mark, or a NUL among the first four bytes: UTF-16/UTF-32).

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

private let harnessFormat = RecordFormat.jsonl
private let maxRecordBytes = 1024

/// The scratch file reused for every input of this process.
private let scratchPath: String = {
    let base = ProcessInfo.processInfo.environment["FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
    let path = (base as NSString).appendingPathComponent("jsonl-reader-fuzz-\(getpid()).jsonl")
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

/// Equal field values, comparing numbers bit for bit (so -0 differs from 0) but NaN equal to NaN.
private func sameFields(_ a: [String: RecordValue], _ b: [String: RecordValue]) -> Bool {
    a.count == b.count && a.allSatisfy { name, value in
        switch (value, b[name]) {
        case let (.number(x), .number(y)?): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case let (_, other?): return value == other
        case (_, nil): return false
        }
    }
}

/// Whether JSONDecoder may accept `line` where JSONObjectParser deliberately rejects it (see its
/// doc comment): a duplicate field, a trailing comma, or a line JSONDecoder decodes as UTF-16/32 or
/// after a byte-order mark.
private func isDocumentedDifference(_ error: JSONObjectParser.SyntaxError, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
    error.field != nil || error.reason.hasPrefix("trailing comma")
        || line.starts(with: [0xEF, 0xBB, 0xBF]) || line.prefix(4).contains(0)
}

/// `line` for a message, escaped (invalid UTF-8 shows as U+FFFD).
private func show(_ line: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: line, as: UTF8.self).debugDescription
}

/// Parses `line` with JSONObjectParser and with JSONDecoder and checks that they agree.
private func checkParser(line: UnsafeBufferPointer<UInt8>) {
    let exact = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: line.count)
    defer { exact.deallocate() }
    _ = exact.initialize(from: line)
    var parser = JSONObjectParser()
    let parsed: Result<[String: RecordValue], JSONObjectParser.SyntaxError>
    do { parsed = .success(try parser.parse(UnsafeBufferPointer(exact))) } catch { parsed = .failure(error) }
    let isUTF8 = String(validating: line, as: UTF8.self) != nil
    switch parsed {
    case .success: invariant(isUTF8, "parser accepted invalid UTF-8: \(show(line))")
    case let .failure(error):
        invariant((1...line.count + 1).contains(error.column), "error column \(error.column) outside \(show(line))")
    }
    guard isUTF8 else { return }  // the reader reports invalid UTF-8 itself
    let reference = try? JSONDecoder().decode([String: RecordValue].self, from: Data(buffer: line))
    switch (parsed, reference) {
    case let (.success(fields), reference?):
        invariant(sameFields(fields, reference), "\(show(line)): parser \(fields), JSONDecoder \(reference)")
    case let (.success(fields), nil):
        invariantFailure("parser accepts a line JSONDecoder rejects: \(show(line)) -> \(fields)")
    case let (.failure(error), reference?):
        invariant(isDocumentedDifference(error, line), "parser rejects (\(error)) a line JSONDecoder accepts: \(show(line)) -> \(reference)")
    case (.failure, nil):
        break
    }
}

/// Runs ``checkParser(line:)`` on each line of `bytes`, split as the reader splits them.
private func checkParser(lines bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    while start <= bytes.count {
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        var line = UnsafeBufferPointer(rebasing: bytes[start ..< end])
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { checkParser(line: line) }
        start = end + 1
    }
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
    checkParser(lines: bytes)
    return 0
}
