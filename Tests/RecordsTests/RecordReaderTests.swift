import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import Records

@Suite("RecordReader")
struct RecordReaderTests {
    /// Reads every record, or records the error as an issue.
    static func readAll(_ path: String, format: RecordFormat? = nil, maxRecordBytes: Int = 1 << 20) throws -> [Record] {
        let reader = try RecordReader(path: path, format: format, maxRecordBytes: maxRecordBytes)
        var records: [Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The error thrown while reading the whole file.
    static func readError(
        _ name: String, _ bytes: [UInt8], maxRecordBytes: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (RecordError, path: String, recordsBefore: [Record]) {
        try TemporaryDirectory.withFile(name, bytes) { path in
            var before: [Record] = []
            do {
                let reader = try RecordReader(path: path, maxRecordBytes: maxRecordBytes)
                while let record = try reader.next() { before.append(record) }
            } catch let error as RecordError {
                #expect(error.file == path, sourceLocation: sourceLocation)
                return (error, path, before)
            }
            Issue.record("expected a RecordError, read \(before.count) records", sourceLocation: sourceLocation)
            return (RecordError(file: "", line: -1, reason: "none"), path, before)
        }
    }

    static func readError(
        _ name: String, _ text: String, maxRecordBytes: Int = 1 << 20, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (RecordError, path: String, recordsBefore: [Record]) {
        try readError(name, Array(text.utf8), maxRecordBytes: maxRecordBytes, sourceLocation: sourceLocation)
    }

    static func texts(_ records: [Record], _ field: String) -> [String?] {
        records.map { record in
            if case let .string(text)? = record[field] { return text }
            return nil
        }
    }

    // MARK: - Files that cannot be read

    @Test("a directory is refused when opened, whatever its name (fopen opens it, and its reads fail)")
    func directoryIsRefused() throws {
        try TemporaryDirectory.with { directory in
            for name in ["in.jsonl", "in.csv"] {
                let path = directory.appendingPathComponent(name).path
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                #expect(throws: RecordError(file: path, line: 0, reason: "cannot open (Is a directory)")) {
                    _ = try RecordReader(path: path)
                }
            }
        }
    }

    /// A read that fails used to look like the end of the file: no records, exit status 0.
    @Test(
        "a read error is an error at the line reached, also in batches",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem"), "needs Linux's /proc/self/mem"))
    func readErrorIsReported() throws {
        try TemporaryDirectory.with { directory in
            for name in ["mem.jsonl", "mem.csv"] {
                let path = directory.appendingPathComponent(name).path
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/proc/self/mem")
                let expected = RecordError(file: path, line: 1, reason: "cannot read (Input/output error)")
                #expect(throws: expected) { _ = try Self.readAll(path) }
                let batch = try RecordReader(path: path).nextBatch(count: 10)
                #expect(batch?.error == expected)
            }
        }
    }

    // MARK: - CSV

    @Test("CSV with a header: columns, string fields, file and line")
    func csvBasic() throws {
        try TemporaryDirectory.withFile("d.csv", "id,text,amount\n1,hello,12.5\n2,world,\n") { path in
            let reader = try RecordReader(path: path)
            #expect(reader.format == .csv)
            #expect(reader.columns == nil)
            let first = try #require(try reader.next())
            #expect(reader.columns == ["id", "text", "amount"])
            #expect(first.fields == ["id": .string("1"), "text": .string("hello"), "amount": .string("12.5")])
            #expect(first.line == 2)
            #expect(first.file == path)
            let second = try #require(try reader.next())
            #expect(second.fields == ["id": .string("2"), "text": .string("world"), "amount": .string("")])
            #expect(second.line == 3)
            #expect(try reader.next() == nil)
            #expect(try reader.next() == nil)  // stays at the end
        }
    }

    @Test("readAll returns every record")
    func readAllRecords() throws {
        try TemporaryDirectory.withFile("d.csv", "a\n1\n2\n3") { path in
            let records = try RecordReader.readAll(path: path)
            #expect(Self.texts(records, "a") == ["1", "2", "3"])
            #expect(records.map(\.line) == [2, 3, 4])
        }
    }

    @Test("quoted fields with commas, doubled quotes, empty quoted fields")
    func csvQuoting() throws {
        let csv = [
            #"id,text,note"#,
            #"1,"refund, please","she said ""no""""#,
            #"2,"",plain"#,
            #"3,"""""",",""#,
            #"4,a,"#,
        ].joined(separator: "\n")
        try TemporaryDirectory.withFile("q.csv", csv) { path in
            let records = try Self.readAll(path)
            #expect(Self.texts(records, "text") == ["refund, please", "", "\"\"", "a"])
            #expect(Self.texts(records, "note") == ["she said \"no\"", "plain", ",", ""])
            #expect(records.map(\.line) == [2, 3, 4, 5])
        }
    }

    @Test("a quote inside an unquoted field and a CR not before a LF are ordinary bytes")
    func csvOrdinaryQuoteAndCR() throws {
        let csv = "id,text,note\n1,say \"hi\" now,a\rb\n2,x\"\"y,\"q\"\r\n"
        try TemporaryDirectory.withFile("o.csv", csv) { path in
            let records = try Self.readAll(path)
            #expect(Self.texts(records, "text") == ["say \"hi\" now", "x\"\"y"])
            #expect(Self.texts(records, "note") == ["a\rb", "q"])
            #expect(records.map(\.line) == [2, 3])
        }
    }

    @Test("newlines inside quotes keep the following line numbers right")
    func csvMultilineQuotes() throws {
        let csv = "id,text\n1,\"line one\nline two\nline three\"\n2,next\n3,\"a\n\nb\"\n4,last\n"
        try TemporaryDirectory.withFile("m.csv", csv) { path in
            let records = try Self.readAll(path)
            #expect(Self.texts(records, "text") == ["line one\nline two\nline three", "next", "a\n\nb", "last"])
            #expect(records.map(\.line) == [2, 5, 6, 9])
        }
    }

    @Test("CRLF line ends, including inside quotes and after a closing quote")
    func csvCRLF() throws {
        let csv = "id,text\r\n1,hello\r\n2,\"multi\r\nline\"\r\n3,\"quoted\"\r\n4,x"
        try TemporaryDirectory.withFile("c.csv", csv) { path in
            let reader = try RecordReader(path: path)
            var records: [Record] = []
            while let record = try reader.next() { records.append(record) }
            #expect(reader.columns == ["id", "text"])
            #expect(Self.texts(records, "text") == ["hello", "multi\r\nline", "quoted", "x"])
            #expect(Self.texts(records, "id") == ["1", "2", "3", "4"])
            #expect(records.map(\.line) == [2, 3, 5, 6])
        }
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func csvBOM() throws {
        try TemporaryDirectory.withFile("b.csv", [0xEF, 0xBB, 0xBF] + Array("id,text\n1,é\n".utf8)) { path in
            let reader = try RecordReader(path: path)
            let record = try #require(try reader.next())
            #expect(reader.columns == ["id", "text"])
            #expect(record["id"] == .string("1"))
            #expect(record["text"] == .string("é"))
            #expect(record.line == 2)
        }
    }

    @Test(
        "a file starting with a non-BOM character whose UTF-8 begins with 0xEF is read",
    )
    func leadingEFCharacter() throws {
        try TemporaryDirectory.withFile("f.csv", "ｉｄ,text\n1,a\n") { path in
            let reader = try RecordReader(path: path)
            let record = try #require(try reader.next())
            #expect(reader.columns == ["ｉｄ", "text"])
            #expect(record["ｉｄ"] == .string("1"))
        }
    }

    @Test("a broken byte-order mark is an error on line 1")
    func brokenBOM() throws {
        let (error, _, _) = try Self.readError("b.csv", [0xEF, 0xBB, 0x41] + Array("a\n1\n".utf8))
        #expect(error.line == 1)
        #expect(error.reason.contains("invalid UTF-8"))
    }

    @Test("blank lines are skipped and do not shift line numbers")
    func csvBlankLines() throws {
        let csv = "id,text\n\n1,a\n\r\n\n2,b\n\n"
        try TemporaryDirectory.withFile("bl.csv", csv) { path in
            let records = try Self.readAll(path)
            #expect(Self.texts(records, "text") == ["a", "b"])
            #expect(records.map(\.line) == [3, 6])
        }
    }

    @Test("empty unquoted fields are kept")
    func csvEmptyFields() throws {
        try TemporaryDirectory.withFile("e.csv", "a,b,c\n,,\n1,,3\n") { path in
            let records = try Self.readAll(path)
            #expect(records.count == 2)
            #expect(records[0].fields == ["a": .string(""), "b": .string(""), "c": .string("")])
            #expect(records[1].fields == ["a": .string("1"), "b": .string(""), "c": .string("3")])
        }
    }

    @Test("a header-only file has no records but has columns")
    func csvHeaderOnly() throws {
        try TemporaryDirectory.withFile("h.csv", "id,text\n") { path in
            let reader = try RecordReader(path: path)
            #expect(try reader.next() == nil)
            #expect(reader.columns == ["id", "text"])
        }
    }

    @Test("wrong field count is an error on the right line", arguments: ["1,2,3", "1"])
    func csvWrongFieldCount(row: String) throws {
        let (error, _, before) = try Self.readError("w.csv", "a,b\n1,2\n\"x\ny\",2\n\(row)\n5,6\n")
        #expect(before.map(\.line) == [2, 3])
        #expect(error.line == 5)
        #expect(error.field == nil)
        #expect(error.reason.contains("expected 2 fields"))
        #expect(error.reason.contains("got \(row.split(separator: ",").count)"))
    }

    @Test("an unclosed quote names the line where the record starts")
    func csvUnclosedQuote() throws {
        let (error, _, before) = try Self.readError("u.csv", "id,text\n1,ok\n2,\"never closed\nmore\nand more\n")
        #expect(before.count == 1)
        #expect(error.line == 3)
        #expect(error.reason.contains("unclosed quote"))
    }

    @Test("a character after a closing quote is an error")
    func csvCharacterAfterQuote() throws {
        let (error, _, _) = try Self.readError("a.csv", "id,text\n1,\"ab\"c\n")
        #expect(error.line == 2)
        #expect(error.reason.contains("after a closing quote"))
    }

    @Test("invalid UTF-8 in a field names the line and the field")
    func csvInvalidUTF8() throws {
        let bytes =
            Array("id,text,amount\n1,ok,2\n2,\"multi\nline\",3\n3,".utf8) + [0x62, 0xFF, 0x61] + Array(",4\n".utf8)
        let (error, _, before) = try Self.readError("i.csv", bytes)
        #expect(before.count == 2)
        #expect(error.line == 5)
        #expect(error.field == "text")
        #expect(error.reason.contains("invalid UTF-8"))
        #expect(error.description.hasSuffix(":5: field 'text': invalid UTF-8"))
    }

    @Test("invalid UTF-8 in the last field of a file without a final newline, and in the header")
    func csvInvalidUTF8Edges() throws {
        let (last, _, _) = try Self.readError("l.csv", Array("a,b\n1,".utf8) + [0xC3])
        #expect(last.line == 2)
        #expect(last.field == "b")
        let (header, _, _) = try Self.readError("h.csv", Array("a,".utf8) + [0xC0, 0x80] + Array("\n1,2\n".utf8))
        #expect(header.line == 1)
        #expect(header.field == nil)
        #expect(header.reason.contains("invalid UTF-8"))
    }

    @Test("duplicate or empty header column")
    func csvBadHeader() throws {
        let (duplicate, _, _) = try Self.readError("d.csv", "id,text,id\n1,2,3\n")
        #expect(duplicate.line == 1)
        #expect(duplicate.field == "id")
        #expect(duplicate.reason.contains("duplicate column"))
        let (empty, _, _) = try Self.readError("e.csv", "id,,text\n1,2,3\n")
        #expect(empty.line == 1)
        #expect(empty.reason.contains("empty column name"))
    }

    @Test("an empty file (or only a BOM) is an error", arguments: [[UInt8](), [0xEF, 0xBB, 0xBF]])
    func csvEmptyFile(bytes: [UInt8]) throws {
        let (error, path, _) = try Self.readError("empty.csv", bytes)
        #expect(error.line == 0)
        #expect(error.reason.contains("empty file"))
        #expect(error.description == "\(path): empty file: a header row is required")
    }

    @Test("a record over maxRecordBytes is an error naming its line, also within a run of plain bytes, quoted or not")
    func csvRecordTooLong() throws {
        let runs = [String(repeating: "x", count: 100), "\"" + String(repeating: "z", count: 200) + "\""]
        for long in runs {
            let (error, _, before) = try Self.readError("l.csv", "a,b\n1,2\n3,\(long)\n4,5\n", maxRecordBytes: 64)
            #expect(before.count == 1)
            #expect(error.line == 3)
            #expect(error.reason.contains("64-byte limit"))
        }
    }

    @Test("quotes and CRLF straddling the 64 KiB read-buffer boundary")
    func csvBufferBoundary() throws {
        // The prefix "id,text\n1,\"" is 11 bytes; place the interesting pair at byte offsets around 65536.
        for pairStart in 65_532...65_538 {
            let filler = String(repeating: "x", count: pairStart - 11)
            let quoted = "id,text\n1,\"\(filler)\"\"y\"\n2,z\n"
            try TemporaryDirectory.withFile("q.csv", quoted) { path in
                let records = try Self.readAll(path)
                #expect(Self.texts(records, "text") == [filler + "\"y", "z"], "doubled quote at \(pairStart)")
                #expect(records.map(\.line) == [2, 3])
            }
            let crlfFiller = String(repeating: "x", count: pairStart - 11)  // "id,text\r\n1," is 11 bytes
            let crlf = "id,text\r\n1,\(crlfFiller)\r\n2,z\r\n"
            try TemporaryDirectory.withFile("c.csv", crlf) { path in
                let records = try Self.readAll(path)
                #expect(Self.texts(records, "text") == [crlfFiller, "z"], "CRLF at \(pairStart)")
                #expect(records.map(\.line) == [2, 3])
            }
        }
    }

    @Test("a large generated CSV streams with the right count and line numbers")
    func csvLarge() throws {
        let rows = 50_000
        var text = "id,text,amount\n"
        text.reserveCapacity(rows * 40)
        var nextLine = 2
        var expectedLastLine = 0
        for i in 0..<rows {
            expectedLastLine = nextLine
            if i % 1000 == 999 {
                text += "\(i),\"multi\nline, \"\"quoted\"\"\",\(i).5\n"
                nextLine += 2
            } else {
                text += "\(i),row number \(i),\(i).5\n"
                nextLine += 1
            }
        }
        #expect(expectedLastLine == 1 + rows + rows / 1000 - 1)
        try TemporaryDirectory.withFile("large.csv", text) { path in
            let reader = try RecordReader(path: path)
            var count = 0
            var lastLine = 0
            var previousLine = 0
            var lineOrderOK = true
            while let record = try reader.next() {
                if count == 12_345 {
                    #expect(record["text"] == .string("row number 12345"))
                    #expect(record["amount"] == .string("12345.5"))
                }
                if count == 999 { #expect(record["text"] == .string("multi\nline, \"quoted\"")) }
                if record.line <= previousLine { lineOrderOK = false }
                previousLine = record.line
                lastLine = record.line
                count += 1
            }
            #expect(count == rows)
            #expect(lineOrderOK)
            #expect(lastLine == expectedLastLine)
        }
    }

    // MARK: - JSONL

    @Test("JSONL values keep their JSON types")
    func jsonlTypes() throws {
        let line =
            #"{"s":"x","e":"","n":12.5,"i":3,"neg":-4e2,"t":true,"f":false,"z":null,"a":[1],"o":{"k":1},"u":"caf\u00e9 \ud83e\uddfe"}"#
        try TemporaryDirectory.withFile("t.jsonl", line + "\n") { path in
            let reader = try RecordReader(path: path)
            #expect(reader.format == .jsonl)
            let record = try #require(try reader.next())
            #expect(reader.columns == nil)
            #expect(
                record.fields == [
                    "s": .string("x"), "e": .string(""), "n": .number(12.5), "i": .number(3), "neg": .number(-400),
                    "t": .bool(true), "f": .bool(false), "z": .null, "a": .nested, "o": .nested, "u": .string("café 🧾"),
                ])
            #expect(record.line == 1)
            #expect(try reader.next() == nil)
        }
    }

    @Test("JSONL blank lines (empty, spaces, tabs, CRLF) are skipped and lines stay right")
    func jsonlBlankLines() throws {
        let text = "\n{\"a\":1}\n   \n\t\n\r\n{\"a\":2}\r\n\n{\"a\":3}"
        try TemporaryDirectory.withFile("b.ndjson", text) { path in
            let records = try Self.readAll(path)
            #expect(records.map { $0["a"] } == [.number(1), .number(2), .number(3)])
            #expect(records.map(\.line) == [2, 6, 8])
        }
    }

    @Test("JSONL with a BOM")
    func jsonlBOM() throws {
        try TemporaryDirectory.withFile("b.jsonl", [0xEF, 0xBB, 0xBF] + Array("{\"a\":\"b\"}\n".utf8)) { path in
            let records = try Self.readAll(path)
            #expect(records.map { $0["a"] } == [.string("b")])
        }
    }

    @Test(
        "a JSONL line that is not an object is an error on its line",
        arguments: [
            "[1,2]", "42", "\"text\"", "null", "true",
        ])
    func jsonlNonObject(line: String) throws {
        let (error, _, before) = try Self.readError("n.jsonl", "{\"a\":1}\n\n\(line)\n{\"a\":2}\n")
        #expect(before.count == 1)
        #expect(error.line == 3)
        #expect(error.field == nil)
        #expect(error.reason.contains("not a JSON object"))
    }

    @Test(
        "invalid JSON is an error on its line",
        arguments: [
            "{\"a\":", "{a:1}", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{'a':1}", "{\"a\":01x}",
        ])
    func jsonlInvalidJSON(line: String) throws {
        let (error, _, before) = try Self.readError("i.jsonl", "{\"a\":1}\n{\"a\":2}\n\(line)\n")
        #expect(before.count == 2)
        #expect(error.line == 3)
        #expect(error.reason.contains("not a JSON object"))
    }

    @Test(
        "a JSONL syntax error gives the reason and the byte column",
        arguments: [
            (#"{"a":1,}"#, "not a JSON object (trailing comma before '}' at column 8)"),
            (#"{"id":"1" "text":"x"}"#, "not a JSON object (expected ',' or '}' after a field value at column 11)"),
            (#"{"a":"\ud800"}"#, #"not a JSON object (unpaired surrogate \uD800 in a string at column 7)"#),
            (#"[{"a":1}]"#, "not a JSON object (expected a JSON object at column 1)"),
        ])
    func jsonlErrorColumn(line: String, reason: String) throws {
        let (error, _, _) = try Self.readError("c.jsonl", "{\"a\":1}\n\(line)\r\n")
        #expect(error.line == 2)
        #expect(error.field == nil)
        #expect(error.reason == reason)
    }

    @Test(
        "values JSONDecoder used to keep as nested (a malformed number or escape, a control character, a lone surrogate, a number out of range) are errors",
        arguments: [
            #"{"a":01}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":"\x"}"#, "{\"a\":\"\u{1}\"}", #"{"a":"\udc00"}"#,
            #"{"a":1e400}"#,
            #"{"a":1e-400}"#, #"{"a":[01]}"#,
        ])
    func jsonlCorruptValues(line: String) throws {
        let (error, _, before) = try Self.readError("v.jsonl", "{\"a\":1}\n\(line)\n")
        #expect(before.count == 1)
        #expect(error.line == 2)
        #expect(error.reason.hasPrefix("not a JSON object ("))
    }

    @Test("a duplicate JSONL field is an error naming the field")
    func jsonlDuplicateField() throws {
        let (error, path, before) = try Self.readError("d.jsonl", #"{"id":"1","text":"a","id":"2"}"# + "\n")
        #expect(before.isEmpty)
        #expect(error.field == "id")
        #expect(error.description == "\(path):1: field 'id': not a JSON object (duplicate field 'id' at column 22)")
    }

    @Test("invalid UTF-8 is reported even after a syntax error earlier on the line")
    func jsonlInvalidUTF8AfterSyntaxError() throws {
        let (error, _, _) = try Self.readError(
            "u.jsonl", Array("{\"a\":x,\"b\":\"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8))
        #expect(error.line == 1)
        #expect(error.reason == "invalid UTF-8")
    }

    @Test("invalid UTF-8 in JSONL is an error with its line")
    func jsonlInvalidUTF8() throws {
        let bytes = Array("{\"a\":1}\n{\"a\":\"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        let (error, path, before) = try Self.readError("u.jsonl", bytes)
        #expect(before.count == 1)
        #expect(error.line == 2)
        #expect(error.reason == "invalid UTF-8")
        #expect(error.description == "\(path):2: invalid UTF-8")
    }

    @Test("a JSONL line over maxRecordBytes is an error; a line at the limit is fine")
    func jsonlTooLong() throws {
        let atLimit = "{\"a\":\"" + String(repeating: "x", count: 32 - 8) + "\"}"
        #expect(atLimit.utf8.count == 32)
        try TemporaryDirectory.withFile("ok.jsonl", atLimit + "\n") { path in
            let records = try Self.readAll(path, maxRecordBytes: 32)
            #expect(records.count == 1)
        }
        let tooLong = "{\"a\":\"" + String(repeating: "x", count: 100) + "\"}"
        let (error, _, before) = try Self.readError("l.jsonl", "{}\n\n\(tooLong)\n", maxRecordBytes: 32)
        #expect(before.count == 1)
        #expect(before.first?.fields.isEmpty == true)
        #expect(error.line == 3)
        #expect(error.reason.contains("32-byte limit"))
    }

    @Test("JSONL LF and CRLF line ends straddling the 64 KiB read-buffer boundary")
    func jsonlBufferBoundary() throws {
        // `{"a":"` is 6 bytes and `"}` 2: the first line's end lands at byte offsets around 65536.
        for lineLength in 65_532...65_538 {
            let filler = String(repeating: "x", count: lineLength - 8)
            for newline in ["\n", "\r\n"] {
                let text = "{\"a\":\"\(filler)\"}\(newline){\"a\":\"é\"}\(newline)\(newline){\"a\":3}"
                try TemporaryDirectory.withFile("b.jsonl", text) { path in
                    let records = try Self.readAll(path)
                    #expect(
                        records.map { $0["a"] } == [.string(filler), .string("é"), .number(3)],
                        "line of \(lineLength) + \(newline.utf8.count)")
                    #expect(records.map(\.line) == [1, 2, 4])
                }
            }
        }
    }

    @Test("the JSONL length limit holds across read-buffer refills")
    func jsonlLimitAcrossRefills() throws {
        let limit = 100_000
        let atLimit = "{\"a\":\"" + String(repeating: "y", count: limit - 8) + "\"}"
        try TemporaryDirectory.withFile("ok.jsonl", "{}\n" + atLimit + "\n{}") { path in
            let records = try Self.readAll(path, maxRecordBytes: limit)
            #expect(records.map(\.line) == [1, 2, 3])
        }
        let (error, _, before) = try Self.readError("long.jsonl", "{}\n" + atLimit + "\r\n{}", maxRecordBytes: limit)
        #expect(before.count == 1)
        #expect(error.line == 2)
        #expect(error.reason.contains("\(limit)-byte limit"))
    }

    // MARK: - Opening

    @Test("an explicit format overrides the extension")
    func explicitFormat() throws {
        try TemporaryDirectory.withFile("data.txt", "a\n1\n") { path in
            #expect(throws: RecordError.self) { _ = try RecordReader(path: path) }
            let records = try Self.readAll(path, format: .csv)
            #expect(records.map { $0["a"] } == [.string("1")])
        }
        try TemporaryDirectory.withFile("data.csv", "{\"a\":1}\n") { path in
            let records = try Self.readAll(path, format: .jsonl)
            #expect(records.map { $0["a"] } == [.number(1)])
        }
    }

    @Test("a missing file is an error with line 0")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).csv")
            .path
        let error = try #require(throws: RecordError.self) { _ = try RecordReader(path: path) }
        #expect(error.file == path)
        #expect(error.line == 0)
        #expect(error.reason.contains("cannot open"))
        #expect(error.description.hasPrefix("\(path): cannot open"))
    }

    /// Python's json.dumps writes NaN and Infinity by default: the error names the field.
    @Test("JSONL NaN and Infinity name the field", arguments: ["NaN", "Infinity", "-Infinity"])
    func jsonlNonFiniteNamesTheField(literal: String) throws {
        let (error, _, before) = try Self.readError(
            "n.jsonl", "{\"text\":\"ok\",\"amount\":1}\n{\"text\":\"x\",\"amount\":\(literal),\"id\":\"b\"}\n")
        #expect(before.count == 1)
        #expect(error.line == 2)
        #expect(error.field == "amount")
        #expect(error.reason.contains("NaN and Infinity are not JSON numbers"))
        #expect(error.description.contains("field 'amount'"))
    }
}
