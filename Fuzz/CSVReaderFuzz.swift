// libFuzzer harness for the CSV side of Records.RecordReader.
//
// Built together with FuzzSupport.swift, RecordReaderFuzzSupport.swift and Sources/Records/*.swift
// into one module (see scripts/fuzz.sh).
//
// Each input is written to one temporary file per process (under $FUZZ_TMPDIR, else the system
// temporary directory), then read to the end with RecordReader(format: .csv, maxRecordBytes: 1024)
// by checkRecordReader (RecordReaderFuzzSupport.swift), which checks:
//   * records come in increasing line order, every line lies within the file's line count;
//   * every record has exactly the header's columns;
//   * a RecordError's line lies within the file's line count;
//   * the typed accessors (requiredText, optionalText, optionalNumber with and without a range,
//     optionalBool) on every field either return or throw RecordError — never trap — and a number
//     they return is finite and inside the requested range.

/// The scratch file reused for every input of this process.
private let csvScratchPath = scratchPath("csv-reader-fuzz", suffix: ".csv")

func fuzzOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    checkRecordReader(bytes, format: .csv, maxRecordBytes: 1024, scratchPath: csvScratchPath)
}
