import DisputeTriage
import Foundation
import Records
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// CSV output read back by the package's own RFC 4180 reader gives back every field: ids with
/// commas, quotes, CR/LF and non-ASCII text survive quoting.
@Suite struct CSVRoundTripTests {
    @Test("ResultFormatter CSV reads back through RecordReader", arguments: [true, false])
    func roundTrip(explain: Bool) throws {
        let ids = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "é,🧾", " padded ", "\"", ",", "trailing,"]
        let disputes = try ids.map {
            try Dispute(
                id: $0, text: "Invoice 12 charges freight we never agreed to, \"twice\".", facts: DisputeFacts())
        }
        let results = try TriageModel.loadDefault().score(disputes, explain: explain)
        var bytes = Array((ResultFormatter.csvHeader + "\n").utf8)
        for result in results {
            ResultFormatter.append(result, format: .csv, to: &bytes)
            bytes.append(0x0A)
        }
        try TemporaryDirectory.withFile("scores.csv", bytes) { path in
            let records = try RecordReader.readAll(path: path)
            #expect(records.count == results.count)
            for (record, result) in zip(records, results) {
                #expect(try record.optionalText("id") == (result.id.isEmpty ? nil : result.id))
                #expect(record["subject"]?.stringValue == result.classification.subject.label.rawValue)
                #expect(record["severity"]?.stringValue == result.classification.severity.label.rawValue)
                #expect(
                    try record.optionalNumber("priority").map { abs($0 - Double(result.priority)) <= 0.005 } == true)
                let explanation = try record.optionalText("explanation")
                #expect((explanation != nil) == explain)
                if let explanation {
                    #expect(explanation.hasPrefix("baseline ") && explanation.contains("; subject words: "))
                }
            }
        }
    }
}
