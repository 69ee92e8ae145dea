import Foundation
@_spi(Components) import Learners
import Testing
@_spi(Components) import TriageTestSupport

@testable import Records

/// `RecordReader.nextBatch(count:)` + `RecordBatch.forEachRecord` (the multi-threaded path of
/// `triage score`) must read exactly what `RecordReader.next()` reads: the same records with the
/// same lines, and the same first error after the same records, whatever the batch size (in lines
/// and in bytes).
@Suite("RecordBatch")
struct RecordBatchTests {
    /// Records, then the error that ended the file (if any), read with `next()`.
    static func readOneByOne(_ path: String, maxRecordBytes: Int) throws -> ([Record], RecordError?) {
        let reader = try RecordReader(path: path, maxRecordBytes: maxRecordBytes)
        var records: [Record] = []
        do {
            while let record = try reader.next() { records.append(record) }
        } catch let error as RecordError {
            return (records, error)
        }
        return (records, nil)
    }

    /// The same through batches of `count`, each parsed with a parser of its own thread's kind
    /// (one reused parser, as a worker keeps one).
    static func readInBatches(_ path: String, count: Int, byteTarget: Int = .max, maxRecordBytes: Int) throws -> (
        [Record], RecordError?
    ) {
        let reader = try RecordReader(path: path, maxRecordBytes: maxRecordBytes)
        var parser = RecordBatch.Parser()
        var records: [Record] = []
        while let batch = reader.nextBatch(count: count, byteTarget: byteTarget) {
            #expect(batch.count <= count, "a batch holds at most the lines asked for")
            let before = records.count
            defer { #expect(records.count - before <= batch.count, "count bounds the batch's records") }
            do {
                try batch.forEachRecord(parser: &parser) { records.append($0) }
            } catch let error as RecordError {
                #expect(
                    reader.nextBatch(count: count, byteTarget: byteTarget) == nil || batch.error == nil,
                    "reading goes on after an error")
                return (records, error)
            }
        }
        return (records, nil)
    }

    static func expectSameReading(
        _ name: String, _ bytes: [UInt8], maxRecordBytes: Int = 1 << 20, counts: [Int] = [1, 2, 3, 7, 1024],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try TemporaryDirectory.withFile(name, bytes) { path in
            let (expected, expectedError) = try readOneByOne(path, maxRecordBytes: maxRecordBytes)
            for count in counts {
                for byteTarget in [1, 50, 1_000, .max] {
                    let (records, error) = try readInBatches(
                        path, count: count, byteTarget: byteTarget, maxRecordBytes: maxRecordBytes)
                    let label = "batches of \(count) lines, \(byteTarget) bytes"
                    #expect(records == expected, "\(label)", sourceLocation: sourceLocation)
                    #expect(error == expectedError, "\(label)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test(
        "JSONL: same records and lines as next()",
        arguments: [
            "",
            "\n",
            #"{"a":1}"#,
            #"{"a":1}\#n{"a":2}\#n"#,
            #"{"a":1}\#r\#n\#r\#n  \#t\#n{"a":"x"}\#r\#n"#,  // CRLF, a blank line and a white-space line
            "\u{FEFF}" + #"{"a":1}\#n{"a":2}"#,  // byte-order mark; the last line without LF
            #"{"a":1}\#n\#n\#n{"a":2}\#n\#n"#,
        ])
    func jsonlSameAsNext(text: String) throws {
        try Self.expectSameReading("in.jsonl", Array(text.utf8))
    }

    @Test(
        "JSONL: the first bad line is the error, after the same records",
        arguments: [
            #"{"a":1}\#n{"a":2}\#n{"a":\#n{"a":4}\#n{"b":}\#n"#,  // not an object on line 3 (and 5)
            #"{"a":1}\#n\#n{"a":1,"a":2}\#n"#,  // a duplicate field on line 3
            #"{"a":1}\#n[1]\#n"#,
            #"{"a":1}\#n{"a":2}\#n{"a":3}"#.replacingOccurrences(of: "3", with: "\u{1}"),  // control character
        ])
    func jsonlFirstErrorSameAsNext(text: String) throws {
        try Self.expectSameReading("in.jsonl", Array(text.utf8))
    }

    @Test("JSONL: invalid UTF-8 is reported on its line")
    func jsonlInvalidUTF8() throws {
        let bytes = Array(#"{"a":1}\#n{"a":"#.utf8) + [0x22, 0xFF, 0x22, 0x7D, 0x0A] + Array(#"{"a":3}\#n"#.utf8)
        try Self.expectSameReading("in.jsonl", bytes)
        try TemporaryDirectory.withFile("in.jsonl", bytes) { path in
            let (_, error) = try Self.readInBatches(path, count: 5, maxRecordBytes: 1 << 20)
            #expect(error?.line == 2 && error?.reason == "invalid UTF-8")
        }
    }

    @Test("JSONL: a line over the size limit ends the batch, wherever it falls")
    func jsonlOverlongLine() throws {
        let short = #"{"a":"xy"}"#
        let long = #"{"a":"\#(String(repeating: "z", count: 40))"}"#
        for position in 0..<4 {
            var lines = Array(repeating: short, count: 4)
            lines[position] = long
            let text = lines.joined(separator: "\n")
            try Self.expectSameReading("in.jsonl", Array((text + "\n").utf8), maxRecordBytes: 20)
            try Self.expectSameReading("in.jsonl", Array(text.utf8), maxRecordBytes: 20)  // no final LF
            try TemporaryDirectory.withFile("in.jsonl", text) { path in
                let (records, error) = try Self.readInBatches(path, count: 2, maxRecordBytes: 20)
                #expect(records.map(\.line) == Array(1..<position + 1))
                #expect(
                    error
                        == RecordError(file: path, line: position + 1, reason: "line is longer than the 20-byte limit"))
            }
        }
    }

    /// Lines of random lengths over several of the reader's 64 KiB buffers, so that lines (and a
    /// line over the limit) straddle buffer ends.
    @Test("JSONL: lines across buffer ends, with and without a line over the limit", arguments: [1 as UInt64, 2, 3])
    func jsonlAcrossBuffers(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var text = ""
        for i in 0..<3_000 {
            let length = Int.random(in: 0..<120, using: &random)
            text += #"{"id":\#(i),"text":"\#(String(repeating: "w", count: length))"}"#
            text += Bool.random(using: &random) ? "\n" : "\r\n"
            if i % 97 == 0 { text += "\n" }
        }
        try Self.expectSameReading("in.jsonl", Array(text.utf8), maxRecordBytes: 200, counts: [1, 100, 1024, 5_000])
        try Self.expectSameReading("in.jsonl", Array(text.utf8), maxRecordBytes: 120, counts: [1, 100, 1024, 5_000])
        var long = Array(text.utf8)
        long.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: 70_000), at: 100_000)  // within a line
        try Self.expectSameReading("in.jsonl", long, maxRecordBytes: 60_000, counts: [1, 100, 5_000])
    }

    @Test(
        "CSV: same records and first error as next()",
        arguments: [
            "id,text\n1,a\n2,\"b\nc\"\n\n3,d\n",
            "id,text\n1,a\n2,b,extra\n3,c\n",  // wrong field count on line 3
            "id,text\n1,\"unclosed\n2,b\n",
            "",  // no header
        ])
    func csvSameAsNext(text: String) throws {
        try Self.expectSameReading("in.csv", Array(text.utf8))
    }
}
