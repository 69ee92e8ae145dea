// Code shared by the csv-reader and jsonl-reader harnesses: scripts/fuzz.sh compiles this file
// into both, together with FuzzSupport.swift and Sources/Records/*.swift.
//
// checkRecordReader writes the input to the harness's scratch file and reads it to the end with
// RecordReader. A RecordError ends the read (expected for most inputs); anything else — a trap, an
// ASan report, another error type — is a bug. Invariants checked:
//   * records come in increasing line order, every line lies within the file's line count;
//   * when the reader has a header (CSV), every record has exactly the header's columns;
//   * a RecordError's line lies within the file's line count;
//   * the typed accessors (requiredText, optionalText, optionalNumber with and without a range,
//     optionalBool) on every field either return or throw RecordError naming that field — never
//     trap — and a number they return is finite and inside the requested range.

/// Writes `bytes` to `path`, then reads that file to the end as `format` and checks the invariants
/// above on every record and on the error that ends the read, if any.
func checkRecordReader(
    _ bytes: UnsafeBufferPointer<UInt8>, format: RecordFormat, maxRecordBytes: Int, scratchPath path: String
) {
    writeFile(bytes, to: path)
    let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    do {
        let reader = try RecordReader(path: path, format: format, maxRecordBytes: maxRecordBytes)
        var previousLine = 0
        while let record = try reader.next() {
            invariant(
                record.line > previousLine && record.line <= lineCount,
                "record line \(record.line) after \(previousLine), file has \(lineCount) lines")
            previousLine = record.line
            if let columns = reader.columns {
                invariant(
                    Set(record.fields.keys) == Set(columns) && record.fields.count == columns.count,
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
}

/// Calls every typed accessor on every field of `record`.
private func touchFields(_ record: Record) {
    for name in record.fields.keys {
        _ = try? record.requiredText(name)
        _ = try? record.optionalText(name)
        _ = try? record.optionalBool(name)
        do {
            if let number = try record.optionalNumber(name) {
                invariant(number.isFinite, "non-finite number \(number)")
            }
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
    _ = try? record.requiredText("text")  // usually missing: exercises the "fields present" message
}
