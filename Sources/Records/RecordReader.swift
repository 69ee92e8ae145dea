import SystemSupport

/// Streams records from a CSV or JSONL file with constant memory, whatever the file size.
///
/// CSV: the first row is the header; RFC 4180 quoting, `""` inside quotes, newlines inside quoted
/// fields, CRLF or LF line ends, an optional UTF-8 byte-order mark. JSONL: one JSON object per line;
/// blank lines are skipped. Every problem — invalid UTF-8, an unclosed quote, a wrong field count,
/// a line that is not a JSON object, a record over ``maxRecordBytes`` — throws a ``RecordError``
/// with the file, line and field.
///
/// ```swift
/// let reader = try RecordReader(path: "disputes.jsonl")
/// while let record = try reader.next() {
///     print(record.line, try record.requiredText("text"))
/// }
/// ```
public final class RecordReader {
    /// The file name used in errors.
    public let file: String
    /// The format (from the extension unless given).
    public let format: RecordFormat
    /// Largest record accepted, in bytes. Default 1 MiB.
    public let maxRecordBytes: Int

    private let stream: ByteStream
    private var line = 1
    private var header: [String]? = nil
    /// Reused for every JSONL line (it keeps its scratch buffers).
    private var parser = JSONObjectParser()
    /// The bytes of the current JSONL line, kept between calls for their capacity.
    private var lineBuffer: [UInt8] = []
    /// Set once ``nextBatch(count:)`` reached the end of the file or a reading error.
    private var finished = false

    /// Opens `path`, or standard input for `-` (named "standard input" in errors), whose format is
    /// JSONL when its first byte is `{` and CSV otherwise, unless `format` says.

    /// - Throws: ``RecordError`` if it cannot be opened or has an unknown extension.
    public init(path: String, format: RecordFormat? = nil, maxRecordBytes: Int = 1 << 20) throws {
        let file = path == "-" ? "standard input" : path
        self.file = file
        let named = try format ?? (path == "-" ? nil : RecordFormat(path: path))
        self.maxRecordBytes = maxRecordBytes
        do {
            self.stream = try ByteStream(path: path)
        } catch {
            throw RecordError(file: file, line: 0, reason: "cannot open (\(SystemError.message(for: error.code)))")
        }
        stream.skipByteOrderMark()
        self.format = named ?? (stream.peek() == UInt8(ascii: "{") ? .jsonl : .csv)
    }

    /// The CSV header (after the first call to ``next()``), or `nil` for JSONL.
    public var columns: [String]? { header }

    /// The next record, or `nil` at the end of the file.
    public func next() throws -> Record? {
        switch format {
        case .csv: return try nextCSV()
        case .jsonl: return try nextJSONL()
        }
    }

    /// Reads every record (for small files and tests; use ``next()`` to stream).
    public static func readAll(path: String, format: RecordFormat? = nil) throws -> [Record] {
        let reader = try RecordReader(path: path, format: format)
        var records: [Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    // MARK: - JSONL

    private func nextJSONL() throws -> Record? {
        // Reuse the previous line's buffer, so that reading a line does not allocate once it is warm.
        var bytes: [UInt8] = []
        swap(&bytes, &lineBuffer)
        defer { swap(&bytes, &lineBuffer) }
        while true {
            let startLine = line
            let more = stream.readLine(into: &bytes, maxBytes: maxRecordBytes + 1)
            if let failure = readFailure() { throw failure }
            guard more else { return nil }
            if bytes.count > maxRecordBytes { throw overlongLine(startLine) }
            line += 1
            let record = try bytes.withUnsafeBufferPointer { bytes in
                try parser.record(line: bytes[...], file: file, number: startLine)
            }
            if let record { return record }
        }
    }

    /// The read error that ended the file early (reported at the line reached), if any.
    private func readFailure() -> RecordError? {
        stream.readError.map {
            RecordError(file: file, line: line, reason: "cannot read (\(SystemError.message(for: $0.code)))")
        }
    }

    private func overlongLine(_ number: Int) -> RecordError {
        RecordError(file: file, line: number, reason: "line is longer than the \(maxRecordBytes)-byte limit")
    }

    // MARK: - Batches

    /// The next `count` lines of a JSONL file as raw bytes, or fewer when they reach `byteTarget`
    /// bytes, or the next `count` records of a CSV file, for ``RecordBatch/forEachRecord(parser:_:)``
    /// to parse on another thread; `nil` at the end of the file. A reading error ends the batch
    /// before it (see ``RecordBatch/error``) and is the reader's last word: the calls after it
    /// return `nil`.
    package func nextBatch(count: Int, byteTarget: Int = .max) -> RecordBatch? {
        guard !finished else { return nil }
        switch format {
        case .jsonl:
            var bytes: [UInt8] = []
            let expected = min(count, 1 << 16) * 128  // lines of short texts
            bytes.reserveCapacity(byteTarget < expected ? byteTarget + 4096 : expected)
            let firstLine = line
            let (lines, overlong) = stream.appendLines(
                to: &bytes, count: count, byteTarget: byteTarget, maxLineBytes: maxRecordBytes)
            line += lines
            let failure = overlong ? overlongLine(line) : readFailure()
            finished = failure != nil || lines == 0
            guard lines > 0 || failure != nil else { return nil }
            return RecordBatch(
                file: file, content: .lines(bytes, firstLine: firstLine, count: lines), error: failure)
        case .csv:
            var records: [Record] = []
            var error: RecordError?
            do {
                while records.count < count, let record = try nextCSV() { records.append(record) }
            } catch let failure {
                error = failure
            }
            finished = error != nil || records.count < count
            guard !records.isEmpty || error != nil else { return nil }
            return RecordBatch(file: file, content: .records(records), error: error)
        }
    }

    // MARK: - CSV

    private func nextCSV() throws(RecordError) -> Record? {
        if header == nil {
            guard let (names, headerLine) = try readCSVRow() else {
                throw RecordError(file: file, line: 0, reason: "empty file: a header row is required")
            }
            var seen = Set<String>()
            for name in names {
                guard !name.isEmpty else {
                    throw RecordError(file: file, line: headerLine, reason: "empty column name in the header")
                }
                guard seen.insert(name).inserted else {
                    throw RecordError(
                        file: file, line: headerLine, field: name, reason: "duplicate column in the header")
                }
            }
            header = names
        }
        let columns = header!
        while true {
            guard let (values, startLine) = try readCSVRow() else { return nil }
            if values.count == 1 && values[0].isEmpty { continue }  // blank line
            guard values.count == columns.count else {
                throw RecordError(
                    file: file, line: startLine,
                    reason: "expected \(columns.count) fields (\(columns.joined(separator: ","))), got \(values.count)")
            }
            return Record(
                file: file, line: startLine,
                orderedFields: zip(columns, values).map { Record.Field(name: $0, value: .string($1)) })
        }
    }

    /// Reads one CSV row; returns its fields and the line it starts on, or `nil` at end of file.
    private func readCSVRow() throws(RecordError) -> ([String], Int)? {
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterClosingQuote = false
        var recordBytes = 0
        var sawAnything = false

        func finishField() throws(RecordError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                let name = header.flatMap { fields.count < $0.count ? $0[fields.count] : nil }
                throw RecordError(file: file, line: startLine, field: name, reason: "invalid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            afterClosingQuote = false
        }

        func checkRecordLength() throws(RecordError) {
            if recordBytes > maxRecordBytes {
                throw RecordError(
                    file: file, line: startLine, reason: "record is longer than the \(maxRecordBytes)-byte limit")
            }
        }

        while let byte = stream.next() {
            sawAnything = true
            recordBytes += 1
            try checkRecordLength()
            if inQuotes {
                if byte == 0x22 {
                    if stream.peek() == 0x22 {
                        _ = stream.next()
                        field.append(0x22)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                    // The rest of the quoted run at once, up to a quote or a line feed.
                    recordBytes += stream.appendRun(to: &field) { $0 == 0x22 || $0 == 0x0A }
                    try checkRecordLength()
                }
                continue
            }
            switch byte {
            case 0x2C:
                try finishField()
            case 0x0A:
                line += 1
                try finishField()
                return (fields, startLine)
            case 0x0D where stream.peek() == 0x0A:
                continue
            case 0x22 where field.isEmpty && !afterClosingQuote:
                inQuotes = true
            default:
                if afterClosingQuote {
                    throw RecordError(
                        file: file, line: startLine,
                        reason:
                            "unexpected character after a closing quote (quote the whole field and double inner quotes)"
                    )
                }
                field.append(byte)
                // The rest of the field at once, up to a comma or a line end (a quote inside an
                // unquoted field is an ordinary byte).
                recordBytes += stream.appendRun(to: &field) { $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }
                try checkRecordLength()
            }
        }
        if let failure = readFailure() { throw failure }
        if inQuotes {
            throw RecordError(
                file: file, line: startLine,
                reason: "unclosed quote: the file ends inside a quoted field that starts on this line")
        }
        guard sawAnything else { return nil }
        try finishField()
        return (fields, startLine)
    }
}
