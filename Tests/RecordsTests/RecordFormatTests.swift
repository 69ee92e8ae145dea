import Testing

@testable import Records

@Suite("RecordFormat")
struct RecordFormatTests {
    @Test(
        "format from the extension (any case)",
        arguments: [
            ("disputes.csv", RecordFormat.csv), ("DISPUTES.CSV", .csv), ("/a/b.jsonl/c.csv", .csv),
            ("d.jsonl", .jsonl), ("d.JSONL", .jsonl), ("d.ndjson", .jsonl), ("/x/y/D.NdJson", .jsonl),
        ])
    func known(path: String, expected: RecordFormat) throws {
        #expect(try RecordFormat(path: path) == expected)
    }

    @Test(
        "other extensions are errors naming the path",
        arguments: [
            "d.json", "d.txt", "d.tsv", "d.csv.gz", "csv", "jsonl", "", "d.csvx", "/dir.csv/file",
        ])
    func unknown(path: String) throws {
        let error = try #require(throws: RecordError.self) { _ = try RecordFormat(path: path) }
        #expect(error.file == path)
        #expect(error.line == 0)
        #expect(error.reason.contains(".csv, .jsonl or .ndjson"))
    }

    @Test("raw values")
    func rawValues() {
        #expect(RecordFormat.allCases == [.csv, .jsonl])
        #expect(RecordFormat(rawValue: "csv") == .csv)
        #expect(RecordFormat(rawValue: "ndjson") == nil)
    }
}
