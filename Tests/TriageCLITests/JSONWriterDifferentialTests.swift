import DisputeTriage
import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// The hand-written JSONL writer (`ResultFormatter`) checked against `JSONEncoder` on the same
/// results: both outputs parse to the same JSON value, for ordinary disputes and for ids and texts
/// full of characters that need escaping.
@Suite struct JSONWriterDifferentialTests {
    /// The documented output schema as an `Encodable` value, with the writer's rounding.
    struct EncodedResult: Encodable {
        struct Label: Encodable {
            var label: String
            var probability: Float
        }
        struct Explanation: Encodable {
            var baseline: Float
            var factors: [String: Float]
            var subjectWords: [String]
            var severityWords: [String]

            enum CodingKeys: String, CodingKey {
                case baseline, factors
                case subjectWords = "subject_words"
                case severityWords = "severity_words"
            }
        }
        var id: String
        var priority: Float
        var subject: Label
        var severity: Label
        var explanation: Explanation?

        init(_ result: TriageResult) {
            let c = result.classification
            id = result.id
            priority = Self.rounded(result.priority, 2)
            subject = Label(label: c.subject.label.rawValue, probability: Self.rounded(c.subject.probability, 4))
            severity = Label(label: c.severity.label.rawValue, probability: Self.rounded(c.severity.probability, 4))
            explanation = result.explanation.map { e in
                Explanation(
                    baseline: Self.rounded(e.baseline, 2),
                    factors: Dictionary(
                        uniqueKeysWithValues: e.factors.map {
                            ($0.rawValue, Self.rounded(e.contributions[$0] ?? 0, 2))
                        }),
                    subjectWords: Array(c.subjectWords), severityWords: Array(c.severityWords))
            }
        }

        static func rounded(_ value: Float, _ digits: Int) -> Float {
            var scale: Float = 1
            for _ in 0..<digits { scale *= 10 }
            return (value * scale).rounded() / scale
        }
    }

    static let awkwardIDs = [
        "plain", "with \"quotes\"", "back\\slash", "tab\there", "new\nline", "cr\rlf", "nul\u{0}byte", "bell\u{7}",
        "slash/es", "é accent", "emoji 🧾", "zero-width\u{200B}", "\u{1F}unit", "line\u{2028}separator", "",
    ]

    static func results(explain: Bool) throws -> [TriageResult] {
        let texts = [
            "Invoice 4471 charges $12/unit, the PO says $10.",
            "Nous avons déjà réglé la facture F-2291 par virement le 3 mars.",
            "Legal action: \"chargeback\" filed\ttoday\n\\ 🧾 with customs duties on the freight.",
        ]
        let disputes = try awkwardIDs.enumerated().map { index, id in
            try Dispute(id: id, text: texts[index % texts.count], facts: DisputeFacts(amount: Double(index) * 37.5))
        }
        return try TriageModel.loadDefault().score(disputes, explain: explain)
    }

    static func parsed(_ bytes: some Sequence<UInt8>) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSDictionary)
    }

    @Test func factorKeysAreTheFactorsRawValuesAsJSONKeys() {
        for (position, factor) in PriorityFactor.allCases.enumerated() {
            #expect(PriorityFactor(position: position) == factor)
            #expect(ResultFormatter.factorKey(factor).description == "\"\(factor.rawValue)\":")
        }
        #expect(PriorityFactor(position: PriorityFactor.allCases.count) == nil)
        #expect(PriorityFactor(position: -1) == nil)
    }

    /// `triage score`'s way: words scored without their table and named from the model's tables
    /// write the same lines, JSONL and CSV, as words that carry their table.
    @Test("words without their table, named from the model's tables, write the same lines")
    func wordsNamedFromTheModelsTables() throws {
        let model = try TriageModel.loadDefault()
        let disputes = try Self.results(explain: false).map { result in
            try Dispute(id: result.id, text: "Invoice \(result.id.utf8.count) charged twice", facts: DisputeFacts())
        }
        var unnamed = ScoringWorkspace()
        unnamed.wordsCarryNames = false
        let plain = model.score(disputes, explain: true)
        let bare = model.score(disputes, explain: true, workspace: &unnamed)
        #expect(bare.contains { !$0.classification.subjectWords.isEmpty })
        #expect(bare.allSatisfy { $0.classification.subjectWords.names == nil })
        let names = model.wordNames
        for (named, withoutNames) in zip(plain, bare) {
            for format in ResultFormatter.Format.allCases {
                var expected: [UInt8] = [], written: [UInt8] = []
                ResultFormatter.append(named, format: format, to: &expected)
                ResultFormatter.append(
                    withoutNames, format: format, wordNames: (names.subject, names.severity), to: &written)
                #expect(written == expected, "\(format) \(named.id.debugDescription)")
            }
        }
    }

    @Test("ResultFormatter JSON parses to what JSONEncoder writes", arguments: [true, false])
    func writerMatchesEncoder(explain: Bool) throws {
        let encoder = JSONEncoder()
        for result in try Self.results(explain: explain) {
            var line: [UInt8] = []
            ResultFormatter.append(result, format: .jsonl, to: &line)
            #expect(!line.contains(0x0A), "one line per result")
            let written = try Self.parsed(line)
            let encoded = try Self.parsed(try encoder.encode(EncodedResult(result)))
            #expect(written == encoded, "id \(result.id.debugDescription)")
        }
    }
}
