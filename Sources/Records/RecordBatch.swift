import SystemSupport

/// Consecutive records of one file, cut by ``RecordReader/nextBatch(count:)`` on the thread that
/// reads the file and parsed by ``forEachRecord(parser:_:)`` on any thread: the reading thread only
/// copies JSONL lines, so parsing them scales with the threads that score them.
///
/// ```swift
/// let reader = try RecordReader(path: "disputes.jsonl")
/// var parser = RecordBatch.Parser()
/// while let batch = reader.nextBatch(count: 1024) {   // on another thread, in practice
///     try batch.forEachRecord(parser: &parser) { record in print(record.line) }
/// }
/// ```
package struct RecordBatch: Sendable {
    /// The records, raw or parsed.
    package enum Content: Sendable {
        /// `count` whole JSONL lines, each with its LF (the file's last line may have none); the
        /// first one is line `firstLine` of the file.
        case lines([UInt8], firstLine: Int, count: Int)
        /// Records parsed already (CSV, whose quoted fields may span lines).
        case records([Record])
    }

    /// A JSONL line parser and its scratch buffers: keep one per thread and reuse it. It may move
    /// between threads (`@unchecked`: its only pointer is set and cleared within one parse call).
    package struct Parser: @unchecked Sendable {
        var json = JSONObjectParser()
        package init() {}
    }

    /// The file name used in errors.
    package let file: String
    package let content: Content
    /// Lines (JSONL) or records (CSV) in the batch: at least as many as its records.
    package var count: Int {
        switch content {
        case let .lines(_, _, count): count
        case let .records(records): records.count
        }
    }

    /// The reading error that ended the batch (a line over the size limit, a CSV syntax error): it
    /// comes after every record of the batch, so ``forEachRecord(parser:_:)`` throws it last.
    package let error: RecordError?

    /// Calls `body` with each record in file order (skipping blank lines, as ``RecordReader/next()``
    /// does), then throws ``error`` if there is one.
    /// - Throws: the first ``RecordError`` of a line that is not a JSON object, the first error of
    ///   `body`, or ``error``, whichever comes first in the file.
    package func forEachRecord(parser: inout Parser, _ body: (Record) throws -> Void) throws {
        switch content {
        case let .records(records):
            for record in records { try body(record) }
        case let .lines(bytes, firstLine, _):
            try bytes.withUnsafeBufferPointer { bytes in
                var start = 0
                var number = firstLine
                while start < bytes.count {
                    let end =
                        memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
                        .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) } ?? bytes.count
                    if let record = try parser.json.record(line: bytes[start..<end], file: file, number: number) {
                        try body(record)
                    }
                    number += 1
                    start = end + 1
                }
            }
        }
        if let error { throw error }
    }
}
