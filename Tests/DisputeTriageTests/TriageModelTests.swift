import DisputeTriage
import Foundation
import ModelFormat
import Records
import Testing

@Suite struct TriageModelTests {
    @Test func defaultModelClassifiesEnglishAndFrench() throws {
        let model = try Fixtures.defaultModel
        let cases: [(String, Subject)] = [
            ("You invoiced us twice for the same delivery: INV-20931 and INV-20977 are identical.", .duplicateBilling),
            ("Nous avons déjà réglé la facture F-2024-118 par virement le 3 mars, merci de vérifier.", .alreadyPaid),
            ("The VAT on this invoice should be reverse charged, we are an EU business with a valid VAT number.", .tax),
        ]
        for (text, subject) in cases {
            let c = model.classify(text)
            #expect(c.subject.label == subject, "\(text.prefix(40)) → \(c.subject.label)")
            #expect(abs(c.subjectProbabilities.sum() - 1) < 1e-3)
            #expect(!c.subjectWords.isEmpty)
        }
        let legal = model.classify(
            "Final notice: our lawyers will file suit next week unless the overcharge is refunded.")
        #expect(legal.severity.label >= .high)
    }

    @Test func batchScoresEqualSingleScores() throws {
        let model = try Fixtures.defaultModel
        let disputes = try [
            Fixtures.dispute("a", "Freight surcharge was not in our agreement", score: 20),
            Fixtures.dispute("b", "Short shipment: 40 cartons billed, 36 received", value: 2_000_000),
            Fixtures.dispute("c", "Nous contestons les frais de retard de 150 €", amount: 150, balance: -40),
        ]
        let batch = model.score(disputes)
        #expect(batch.map(\.id) == ["a", "b", "c"])
        for dispute in disputes {
            let single = model.score([dispute])[0]
            let inBatch = try #require(batch.first { $0.id == dispute.id })
            #expect(abs(single.priority - inBatch.priority) < 1e-3)
            #expect(single.classification == inBatch.classification)
            let e = try #require(inBatch.explanation)
            #expect(abs(e.baseline + e.contributions.values.reduce(0, +) - inBatch.priority) < 0.05)
        }
    }

    @Test func feedbackWithCorrectionsUpdatesTheClassifiers() throws {
        var model = try Fixtures.defaultModel
        let text = "Please look at the zorblax line on invoice 5521, we do not agree with it"
        let dispute = try Fixtures.dispute("z", text)
        let before = model.classify(text)
        for _ in 0..<15 {
            try model.learn(Feedback(dispute: dispute, urgent: true, subject: .freight, severity: .critical))
        }
        let after = model.classify(text)
        #expect(after.subject.label == .freight)
        #expect(after.severity.label == .critical)
        #expect(
            after.subjectProbabilities[Subject.allCases.firstIndex(of: .freight)!]
                > before.subjectProbabilities[Subject.allCases.firstIndex(of: .freight)!])
        // The scoring tables kept up to date during learning give what a model built afresh from the
        // learned classifiers gives, bit for bit.
        let rebuilt = try TriageModel(bundle: model.bundle)
        for probe in [text, "Freight was charged twice", "Nous contestons la facture 5521"] {
            #expect(model.classify(probe) == rebuilt.classify(probe))
        }
    }

    @Test func coldStartPriorityIsTheColdStartModelsPriority() throws {
        var learned = try Fixtures.defaultModel
        let disputes = try [
            Fixtures.dispute("a", "Freight surcharge was not in our agreement", score: 20),
            Fixtures.dispute("b", "Short shipment: 40 cartons billed, 36 received", value: 2_000_000),
        ]
        for dispute in disputes { try learned.learn(Feedback(dispute: dispute, urgent: true)) }
        var cold = learned
        cold.setPriorityModel(PriorityModel.coldStart(parameters: learned.priorityModel.parameters))
        let results = learned.score(disputes, explain: false)
        let coldResults = cold.score(disputes, explain: false)
        #expect(results.map(\.coldStartPriority) == coldResults.map(\.priority))
        #expect(results.map(\.priority) != coldResults.map(\.priority))  // the learned head moved
    }

    @Test func saveLoadAndReplayAreBitForBit() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var events: [Feedback] = []
        for i in 0..<12 {
            let dispute = try Fixtures.dispute(
                "f\(i)", "Invoice \(i): the unit price is wrong versus quote \(i * 7)", score: Double(i * 8))
            let subject: Subject? = i % 4 == 0 ? .pricing : nil
            let severity: Severity? = i % 5 == 0 ? .high : nil
            events.append(Feedback(dispute: dispute, urgent: i % 2 == 0, subject: subject, severity: severity))
        }
        // All at once.
        var straight = try Fixtures.defaultModel
        for event in events { try straight.learn(event) }
        try straight.save(to: directory.appendingPathComponent("straight"))
        // Half, save, load, the rest.
        var first = try Fixtures.defaultModel
        for event in events.prefix(6) { try first.learn(event) }
        try first.save(to: directory.appendingPathComponent("half"))
        var resumed = try TriageModel.load(from: directory.appendingPathComponent("half"))
        #expect(resumed == first)
        for event in events.dropFirst(6) { try resumed.learn(event) }
        try resumed.save(to: directory.appendingPathComponent("resumed"))
        // Replay from the feedback log onto the base model.
        let log = FeedbackLog(path: directory.appendingPathComponent("log.jsonl").path)
        try log.append(Array(events.prefix(6)))
        try log.append(Array(events.dropFirst(6)))
        var replayed = try Fixtures.defaultModel
        for record in try RecordReaderShim.read(log.path) { try replayed.learn(record) }
        try replayed.save(to: directory.appendingPathComponent("replayed"))
        let bytes = { (name: String) in
            FileManager.default.contents(
                atPath: directory.appendingPathComponent(name).appendingPathComponent("weights.safetensors").path)
        }
        #expect(bytes("straight") != nil)
        #expect(bytes("straight") == bytes("resumed"))
        #expect(bytes("straight") == bytes("replayed"))
    }

    @Test func damagedModelsAreRejectedWithTypedErrors() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("m")
        try Fixtures.defaultModel.save(to: url)
        let weights = url.appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: weights)
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: weights)
        #expect(throws: ModelFormatError.self) { _ = try TriageModel.load(from: url) }
        #expect(throws: ModelFormatError.self) {
            _ = try TriageModel.load(from: directory.appendingPathComponent("absent"))
        }
    }
}

/// Reads a feedback log back as `Feedback` values.
enum RecordReaderShim {
    static func read(_ path: String) throws -> [Feedback] {
        try RecordReader.readAll(path: path).map(Feedback.init(record:))
    }
}
