extension JSONObjectParser {
    /// The record on one JSONL line (`line` without its LF; a trailing CR is dropped), or `nil` for
    /// a blank line: what ``RecordReader/next()`` and ``RecordBatch`` read a line as.
    /// - Throws: ``RecordError`` at `file`:`number` for invalid UTF-8 or a line that is not a JSON object.
    mutating func record(line: Slice<UnsafeBufferPointer<UInt8>>, file: String, number: Int) throws(RecordError)
        -> Record?
    {
        var line = line
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        let bytes = UnsafeBufferPointer(rebasing: line)
        do {
            return Record(file: file, line: number, orderedFields: try parseFields(bytes))
        } catch {
            // A line that parses is valid UTF-8 (the parser validates every string), so the
            // whole-line check is needed only here; it keeps "invalid UTF-8" the reported problem
            // wherever the bad byte is on the line, as it always was.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw RecordError(file: file, line: number, reason: "invalid UTF-8")
            }
            throw RecordError(file: file, line: number, field: error.field, reason: "not a JSON object (\(error))")
        }
    }
}
