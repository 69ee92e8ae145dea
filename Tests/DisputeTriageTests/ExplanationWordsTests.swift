import DisputeTriage
@_spi(Components) import Learners
import ModelFormat
import Testing
@_spi(Components) import TextFeatures

/// Explanation words are kept as feature numbers and read from the model's name table: they must
/// be the words the classifier's own top-feature search names, and the writers' bytes must be the
/// names' bytes.
@Suite struct ExplanationWordsTests {
    static let texts = [
        "Nous avons déjà payé la facture F-2291 le 3 mars", "You invoiced us twice for the same delivery",
        "Final notice: our lawyers will file suit next week", "zzz", "",
    ]

    @Test func wordsAreTheClassifiersTopFeatures() throws {
        let model = try Fixtures.defaultModel
        var workspace = ScoringWorkspace()
        for text in Self.texts {
            let c = model.classify(text, explain: true, workspace: &workspace)
            let subject = model.subjectClassifier.topFeatures(text, label: c.subject.label.rawValue, limit: 5)
            let severity = model.severityClassifier.topFeatures(text, label: c.severity.label.rawValue, limit: 5)
            #expect(Array(c.subjectWords) == subject.map(\.name), "\(text)")
            #expect(Array(c.severityWords) == severity.map(\.name), "\(text)")
            #expect(c.subjectWords.count <= TriageModel.explanationWords)
            // Without explanations, no words.
            #expect(model.classify(text, explain: false, workspace: &workspace).subjectWords.isEmpty)
        }
    }

    /// Function words, number classes and single letters weigh in scores but are never named, even
    /// in a text made mostly of them; a dispute with content words still gets a full list.
    @Test func wordsHoldContent() throws {
        let model = try Fixtures.defaultModel
        let texts =
            Self.texts + [
                "of the of the at the <num> to you", "Le prix de la facture est de 1 200 € au lieu de 980 €.",
                "We were billed $4,200 for 40 cases but the PO says $3,900. Could you send a corrected invoice?",
            ]
        for text in texts {
            let c = model.classify(text)
            for word in Array(c.subjectWords) + Array(c.severityWords) {
                #expect(FunctionWords.isExplainable(word), "\(word) in \(text)")
            }
        }
        let full = model.classify(texts.last!)
        #expect(full.subjectWords.count == TriageModel.explanationWords)
        #expect(full.severityWords.count == TriageModel.explanationWords)
    }

    @Test func writersSeeTheNamesBytes() throws {
        let model = try Fixtures.defaultModel
        let c = model.classify("You invoiced us twice for the same delivery, nous avons déjà payé")
        let words = c.subjectWords
        #expect(!words.isEmpty)
        let table = try #require(words.names)
        var expectedJSON: [UInt8] = []
        for (position, word) in words.enumerated() {
            if position > 0 { expectedJSON.append(UInt8(ascii: ",")) }
            JSONString.append(word, to: &expectedJSON)
            #expect(table.withUTF8(of: Int(words.features[position])) { Array($0) } == Array(word.utf8))
        }
        var json = [UInt8](repeating: 0, count: (table.longestJSONByteCount + 1) * words.count)
        let length = json.withUnsafeMutableBufferPointer {
            table.writeJSONList(of: words.features, count: words.count, to: $0.baseAddress!)
        }
        #expect(Array(json[..<length]) == expectedJSON)
        #expect(words.description == Array(words).description)
    }

    @Test func nameTableEscapesAndBoundsNames() {
        let names = ["deja paye", "", "say \"hi\"\n", "café \\ tab\t", "\u{1}"]
        let table = FeatureNameTable(names)
        #expect(table.count == names.count)
        for (index, name) in names.enumerated() {
            #expect(table.withUTF8(of: index) { Array($0) } == Array(name.utf8))
            #expect(table.withJSON(of: index) { String(decoding: $0, as: UTF8.self) } == JSONString.quoted(name))
            #expect(table.name(of: index) == name)
            #expect(table.longestJSONByteCount >= JSONString.quoted(name).utf8.count)
        }
        #expect(table.longestJSONByteCount == names.map { JSONString.quoted($0).utf8.count }.max())
        for outside in [-1, names.count] {
            #expect(table.withUTF8(of: outside) { $0.count } == 0)
            #expect(table.withJSON(of: outside) { String(decoding: $0, as: UTF8.self) } == "\"\"")
            #expect(table.name(of: outside) == "")
        }
        var features = SIMD8<Int32>()
        features[0] = 2
        features[1] = 0
        let words = ExplanationWords(names: table, features: features, count: 2)
        #expect(Array(words) == ["say \"hi\"\n", "deja paye"])
        #expect(words == ExplanationWords(names: FeatureNameTable(names), features: features, count: 2))
        #expect(words != ExplanationWords(names: table, features: features, count: 1))
        #expect(ExplanationWords().isEmpty && ExplanationWords() == ExplanationWords())
    }

    /// A word list's literals at once: what `withJSON(of:)` gives word by word, joined by commas,
    /// out-of-range numbers and a count past the storage included.
    @Test func nameTableWritesAWordListsLiterals() {
        let names = ["deja paye", "say \"hi\"", "paye"]
        let table = FeatureNameTable(names)
        var features = SIMD8<Int32>(repeating: 7)
        features[0] = 1
        features[1] = -3
        features[2] = 0
        for count in [0, 1, 3, 8, 12] {
            let expected = (0..<min(count, 8)).map { position in
                table.withJSON(of: Int(features[position])) { String(decoding: $0, as: UTF8.self) }
            }
            var written = [UInt8](repeating: 0, count: (table.longestJSONByteCount + 1) * 8)
            let length = written.withUnsafeMutableBufferPointer {
                table.writeJSONList(of: features, count: count, to: $0.baseAddress!)
            }
            #expect(String(decoding: written[..<length], as: UTF8.self) == expected.joined(separator: ","))
        }
        #expect(
            (0..<3).map { table.withJSON(of: Int(features[$0])) { String(decoding: $0, as: UTF8.self) } } == [
                JSONString.quoted(names[1]), "\"\"", JSONString.quoted(names[0]),
            ])
    }
}
