import DeskCore
import DisputeTriage
import Foundation
import Testing

@testable import DeskEngine

@Suite("Engine")
struct EngineTests {
    static let texts = [
        "We were billed twice for invoice 4471, the same amount appears on two invoices. Please cancel the duplicate.",
        "The pallets arrived crushed and half of the bottles were broken. We will not pay for damaged goods.",
        "Our lawyer will file a claim if the overcharge on invoice 9921 is not credited this week. This is unacceptable.",
        "Small thing: the freight surcharge was not in the quote. Could you remove it?",
        "Nous avons déjà réglé la facture F-2291 par virement le 3 mars.",
    ]

    static func incoming(_ count: Int) throws -> [IncomingDispute] {
        try (0..<count).map { i in
            IncomingDispute(
                dispute: try Dispute(
                    id: "D\(i)", text: texts[i % texts.count],
                    facts: DisputeFacts(
                        amount: Double(100 * (i + 1)), customerValue: 50_000, creditScore: Double(20 + i * 7 % 80))),
                customerID: "C-\(i % 3)", invoices: ["INV-\(i)"])
        }
    }

    @Test func feedbackIsAppliedOnceAndRestartsReplayToTheSameModel() async throws {
        try await withTestDesk(snapshotEvery: 7) { t, directory in
            _ = try await t.desk.submit(try Self.incoming(10))
            var offline = defaultModel
            for i in 0..<20 {
                let id = "D\(i % 10)"
                let subject: Subject? = i % 4 == 0 ? .tax : nil
                let outcome = try await t.desk.feedback(
                    disputeID: id, urgent: i % 3 == 0, subject: subject, severity: nil,
                    idempotencyKey: "k\(i)", actor: "test")
                #expect(outcome.created && outcome.applied && outcome.event.seq == Int64(i + 1))
                // A retry with the same key makes no second event and changes nothing.
                let retry = try await t.desk.feedback(
                    disputeID: id, urgent: i % 3 == 0, subject: subject, severity: nil, idempotencyKey: "k\(i)",
                    actor: "test")
                #expect(!retry.created && retry.event.seq == Int64(i + 1))
                let stored = try #require(try await t.store.dispute(id: id))
                try offline.learn(Feedback(dispute: try stored.dispute, urgent: i % 3 == 0, subject: subject))
                try await t.desk.publishIfDue()
            }
            #expect(t.desk.modelState.appliedSeq == 20)
            let live = try t.desk.weightsSHA256()
            #expect(live == (try offline.weightsSHA256()))
            #expect(live != (try defaultModel.weightsSHA256()))

            // From the newest published version (seq 14) plus the tail.
            let restarted = try await Desk.start(
                store: t.store, baseModel: defaultModel, policy: ActionPolicy(),
                scratchDirectory: directory.appendingPathComponent("scratch2"))
            #expect(restarted.modelState.appliedSeq == 20)
            #expect(try restarted.weightsSHA256() == live)
            #expect(restarted.modelState.version == t.desk.modelState.version)
        }
    }

    @Test func urgentFeedbackRaisesADisputeAfterRescoring() async throws {
        try await withTestDesk { t, directory in
            _ = try await t.desk.submit(try Self.incoming(5))
            let before = try await t.store.worklist(
                WorklistFilter(), after: nil, limit: 100, now: Date().timeIntervalSince1970
            ).disputes
            let low = try #require(before.last)
            // The collector says the lowest row is urgent and the one above it is not.
            let above = before[before.count - 2]
            for i in 0..<2 {
                _ = try await t.desk.feedback(
                    disputeID: low.id, urgent: true, subject: nil, severity: nil, idempotencyKey: "u\(i)", actor: "t")
                _ = try await t.desk.feedback(
                    disputeID: above.id, urgent: false, subject: nil, severity: nil, idempotencyKey: "n\(i)", actor: "t"
                )
            }
            try await t.desk.rescoreIfNeeded()
            let after = try await t.store.worklist(
                WorklistFilter(), after: nil, limit: 100, now: Date().timeIntervalSince1970
            ).disputes
            let moved = try #require(after.first { $0.id == low.id })
            #expect(moved.score.priority > low.score.priority)
            // Closer to the top than before (the first AdaGrad steps raise similar disputes alike, so
            // the rank itself need not change after a few events).
            #expect(after[0].score.priority - moved.score.priority < before[0].score.priority - low.score.priority)
            // The original prediction id is kept; the model version is the new one.
            #expect(moved.score.predictionID == low.score.predictionID)
            #expect(moved.score.modelVersion.hasSuffix(".4"))
        }
    }

    @Test func feedbackOnAnUnknownDisputeIsA404() async throws {
        try await withTestDesk { t, directory in
            await #expect(throws: DeskError.self) {
                _ = try await t.desk.feedback(
                    disputeID: "nope", urgent: true, subject: nil, severity: nil, idempotencyKey: "k", actor: "t")
            }
            let head = try await t.store.logHead()
            #expect(head == 0)
        }
    }

    @Test func policyDecidesEscalationAndWriteOffs() throws {
        let policy = ActionPolicy(
            handlingCost: 150, escalateMinSeverity: .critical, escalateMinAmount: 100_000,
            writeOffMaxAmount: 250, writeOffMaxShareOfOpenBalance: 0.02)
        #expect(policy.decide(severity: .critical, facts: try DisputeFacts(amount: 10)).action == .escalate)
        #expect(policy.decide(severity: .low, facts: try DisputeFacts(amount: 200_000)).action == .escalate)
        let small = policy.decide(severity: .low, facts: try DisputeFacts(amount: 40, openBalance: 10_000))
        #expect(small.action == .proposeWriteOff)
        #expect(small.rule.contains("handling cost"))
        // Within the amount limits but a large share of the balance: worked.
        #expect(policy.decide(severity: .low, facts: try DisputeFacts(amount: 40, openBalance: 100)).action == .work)
        #expect(
            policy.decide(severity: .medium, facts: try DisputeFacts(amount: 151, openBalance: 1_000_000)).action
                == .work)
        #expect(policy.decide(severity: .medium, facts: try DisputeFacts()).action == .work)
        // The tighter limit decides.
        let tight = ActionPolicy(handlingCost: 500, writeOffMaxAmount: 30)
        #expect(
            tight.decide(severity: .low, facts: try DisputeFacts(amount: 40, openBalance: 1_000_000)).rule.contains(
                "write-off tolerance 30"))
    }

    @Test func policyFilesAreValidatedWithTheField() throws {
        #expect(throws: DeskError.self) {
            try ActionPolicy.parse(try JSONValue.parse(Array(#"{"write_off": {"max_amount": -1}}"#.utf8)))
        }
        do {
            _ = try ActionPolicy.parse(try JSONValue.parse(Array(#"{"escalate": {"min_severity": "huge"}}"#.utf8)))
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "escalate.min_severity")
        }
        let policy = try ActionPolicy.parse(try JSONValue.parse(Array(#"{"handling_cost": 80}"#.utf8)))
        #expect(policy.handlingCost == 80 && policy.writeOffMaxAmount == 250)
    }

    @Test func aReplicaThatDiffersFromACheckpointReloadsThePublishedModel() async throws {
        try await withTestDesk { t, directory in
            _ = try await t.desk.submit(try Self.incoming(3))
            for i in 0..<4 {
                _ = try await t.desk.feedback(
                    disputeID: "D\(i % 3)", urgent: i % 2 == 0, subject: nil, severity: nil, idempotencyKey: "k\(i)",
                    actor: "t")
            }
            // A checkpoint at seq 6 whose model is not what replaying gives: the base model, with its own fingerprint.
            let files = try Desk.files(of: defaultModel, scratch: directory)
            let published = try defaultModel.weightsSHA256()
            try await t.store.saveModelVersion(
                ModelVersionRecord(version: "x.6", appliedSeq: 6, weightsSHA256: published, createdAt: 0, files: files))
            for i in 4..<8 {
                _ = try await t.desk.feedback(
                    disputeID: "D\(i % 3)", urgent: true, subject: nil, severity: nil, idempotencyKey: "k\(i)",
                    actor: "t")
            }
            // After seq 6 the desk continued from the published model: replaying 7 and 8 onto it gives the same weights.
            var expected = defaultModel
            for event in try await t.store.feedback(after: 6, limit: 10) { try expected.learn(try event.feedback()) }
            #expect(t.desk.modelState.appliedSeq == 8)
            #expect(try t.desk.weightsSHA256() == (try expected.weightsSHA256()))
        }
    }

    @Test func aFollowerLoadsPublishedVersionsInsteadOfLearning() async throws {
        try await withTestDesk(snapshotEvery: 1) { t, directory in
            _ = try await t.desk.submit(try Self.incoming(3))
            let follower = try await Desk.start(
                store: t.store, baseModel: defaultModel, policy: ActionPolicy(),
                scratchDirectory: directory.appendingPathComponent("follower"), mode: .follow, publisher: false)
            for i in 0..<3 {
                _ = try await t.desk.feedback(
                    disputeID: "D\(i)", urgent: true, subject: nil, severity: nil, idempotencyKey: "k\(i)", actor: "t")
            }
            try await t.desk.publishIfDue()
            try await follower.catchUp()
            #expect(follower.modelState.appliedSeq == 3)
            #expect(try follower.weightsSHA256() == (try t.desk.weightsSHA256()))
        }
    }

    @Test(arguments: [
        ("2026-12-01T09:30:00Z", true), ("2026-12-01T09:30:00.250Z", true), ("2026-12-01T09:30:00+02:00", true),
        ("2024-02-29T00:00:00Z", true), ("2024-01-01T12:99:00Z", false), ("2023-02-29T00:00:00Z", false),
        ("2026-13-01T00:00:00Z", false), ("2026-12-01 09:30:00Z", false), ("2026-12-01T09:30:00", false),
        ("yesterday", false),
    ])
    func timestampsFollowRFC3339(_ text: String, _ valid: Bool) {
        #expect((Timestamp.parse(text) != nil) == valid)
    }
}
