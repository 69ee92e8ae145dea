// libFuzzer harness for the JSONL side of Records.RecordReader.
//
// Built together with FuzzSupport.swift, RecordReaderFuzzSupport.swift and Sources/Records/*.swift
// into one module (see scripts/fuzz.sh).
//
// Each input is written to one temporary file per process (under $FUZZ_TMPDIR, else the system
// temporary directory), then read to the end with RecordReader(format: .jsonl, maxRecordBytes: 1024)
// by checkRecordReader (RecordReaderFuzzSupport.swift), which checks:
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

import Foundation

/// The scratch file reused for every input of this process.
private let jsonlScratchPath = scratchPath("jsonl-reader-fuzz", suffix: ".jsonl")

/// Equal field values, comparing numbers bit for bit (so -0 differs from 0) but NaN equal to NaN.
private func sameFields(_ a: [String: RecordValue], _ b: [String: RecordValue]) -> Bool {
    a.count == b.count
        && a.allSatisfy { name, value in
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
        invariant(
            isDocumentedDifference(error, line),
            "parser rejects (\(error)) a line JSONDecoder accepts: \(show(line)) -> \(reference)")
    case (.failure, nil):
        break
    }
}

/// Runs ``checkParser(line:)`` on each line of `bytes`, split as the reader splits them.
private func checkParser(lines bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    while start <= bytes.count {
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        var line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { checkParser(line: line) }
        start = end + 1
    }
}

func fuzzOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    checkRecordReader(bytes, format: .jsonl, maxRecordBytes: 1024, scratchPath: jsonlScratchPath)
    checkParser(lines: bytes)
}
