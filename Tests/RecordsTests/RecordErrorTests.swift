import Testing

@testable import Records

@Suite("RecordError")
struct RecordErrorTests {
    @Test("description is file:line: field 'x': reason")
    func descriptionWithField() {
        let error = RecordError(file: "disputes.csv", line: 14, field: "credit_score", reason: "140 is outside 0…100")
        #expect(error.description == "disputes.csv:14: field 'credit_score': 140 is outside 0…100")
        #expect("\(error)" == error.description)
    }

    @Test("description without a field, and without a line for whole-file problems")
    func descriptionVariants() {
        #expect(
            RecordError(file: "a.jsonl", line: 3, reason: "invalid UTF-8").description == "a.jsonl:3: invalid UTF-8")
        #expect(RecordError(file: "a.csv", line: 0, reason: "empty file").description == "a.csv: empty file")
        #expect(RecordError(file: "a.csv", line: 0, field: "x", reason: "r").description == "a.csv: field 'x': r")
    }

    @Test("equality compares every property")
    func equality() {
        let base = RecordError(file: "f", line: 1, field: "x", reason: "r")
        #expect(base == RecordError(file: "f", line: 1, field: "x", reason: "r"))
        #expect(base != RecordError(file: "g", line: 1, field: "x", reason: "r"))
        #expect(base != RecordError(file: "f", line: 2, field: "x", reason: "r"))
        #expect(base != RecordError(file: "f", line: 1, field: nil, reason: "r"))
        #expect(base != RecordError(file: "f", line: 1, field: "x", reason: "s"))
    }
}
