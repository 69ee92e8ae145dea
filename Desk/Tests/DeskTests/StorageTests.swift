import DeskCore
import DisputeTriage
import Foundation
import Testing

/// One storage suite, run against SQLite and PostgreSQL.
@Suite("Storage")
struct StorageTests {
    static func dispute(
        _ id: String, priority: Double, subject: Subject = .pricing, severity: Severity = .medium,
        amount: Double? = 100, customer: String? = "C-1", action: DisputeAction = .work
    ) throws -> StoredDispute {
        StoredDispute(
            id: id, customerID: customer, invoices: ["INV-\(id)"], text: "text of \(id)",
            facts: try DisputeFacts(amount: amount),
            receivedAt: 1_700_000_000,
            score: ScoreRecord(
                predictionID: "p-\(id)", modelVersion: "base.0", priority: priority, subject: subject,
                severity: severity,
                action: action, resultJSON: #"{"id":"\#(id)"}"#))
    }

    static func event(_ key: String, dispute: String = "D1") -> NewFeedbackEvent {
        NewFeedbackEvent(
            idempotencyKey: key, disputeID: dispute, predictionID: "p-\(dispute)",
            payload: #"{"id":"\#(dispute)","text":"t","urgent":true}"#, actor: "token:test", createdAt: 1_700_000_000)
    }

    @Test(arguments: StoreKind.allCases)
    func migrationsAreIdempotent(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.logHead() == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func insertingIsIdempotentOnTheDisputeID(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let first = try Self.dispute("D1", priority: 40)
            _ = try await store.insertDisputes([first])
            var again = try Self.dispute("D1", priority: 99)
            again.text = "another text"
            let stored = try await store.insertDisputes([again, try Self.dispute("D2", priority: 10)])
            #expect(stored[0] == first)
            #expect(try await store.dispute(id: "D1") == first)
            #expect(try await store.dispute(id: "D2")?.score.priority == 10)
            #expect(try await store.dispute(id: "nope") == nil)
            // A key from a URL may hold U+0000; PostgreSQL would refuse it, so it names nothing.
            #expect(try await store.dispute(id: "D1\u{0}") == nil)
            #expect(
                try await store.updateStatus(
                    id: "D1\u{0}", change: .assign(assignee: "li"), actor: "t", at: 1_700_000_000) == nil)
            #expect(try await store.modelVersion("v\u{0}") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentInsertsOfOneIdAllAnswerWhatIsStored(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            // Each post scores the dispute under its own prediction id; one insert wins, and every
            // post must answer with the winner's row (on PostgreSQL the losers used to answer their
            // own). A race: many ids, many posts each, to meet it.
            for n in 0..<20 {
                let id = "R\(n)"
                let answers = try await withThrowingTaskGroup(of: StoredDispute.self) { group in
                    for i in 0..<8 {
                        var d = try Self.dispute(id, priority: Double(i))
                        d.score.predictionID = "p-\(id)-\(i)"
                        let row = d
                        group.addTask { try await store.insertDisputes([row])[0] }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let stored = try #require(try await store.dispute(id: id))
                #expect(answers.count == 8 && answers.allSatisfy { $0 == stored }, "\(id)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aResolvedDisputeIsNotSnoozed(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.insertDisputes([try Self.dispute("D1", priority: 40)])
            let resolved = try await store.updateStatus(
                id: "D1", change: .resolve(code: .rejected, creditedAmount: nil, note: nil), actor: "token:c",
                at: 1_700_000_000)
            #expect(resolved?.status == .resolved)
            await #expect(throws: DeskError.self) {
                try await store.updateStatus(
                    id: "D1", change: .snooze(until: 1_800_000_000), actor: "token:c", at: 1_700_000_001)
            }
            let after = try await store.dispute(id: "D1")
            #expect(after?.status == .resolved && after?.snoozedUntil == nil)
            // The refused snooze is not in the history either (one transaction).
            #expect(
                try await store.statusChanges(disputeID: "D1", limit: 10).map(\.change) == [
                    .resolve(code: .rejected, creditedAmount: nil, note: nil)
                ])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func worklistPagesCoverEveryOpenDisputeOnceInPriorityOrder(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            // Ties on priority exercise the id tie-break of the cursor.
            let disputes = try (0..<37).map {
                try Self.dispute(String(format: "D%02d", $0), priority: Double($0 % 7) * 10.5)
            }
            _ = try await store.insertDisputes(disputes)
            var seen: [StoredDispute] = []
            var cursor: WorklistCursor? = nil
            repeat {
                let page = try await store.worklist(WorklistFilter(), after: cursor, limit: 5, now: 1_800_000_000)
                seen += page.disputes
                cursor = page.next
            } while cursor != nil
            let expected = disputes.sorted { ($0.score.priority, $1.id) > ($1.score.priority, $0.id) }.map(\.id)
            #expect(seen.map(\.id) == expected)
            #expect(try await store.summary(WorklistFilter(), now: 1_800_000_000).count == 37)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filtersSelectTheRightDisputes(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.insertDisputes([
                try Self.dispute(
                    "A", priority: 90, subject: .tax, severity: .critical, amount: 5_000, customer: "C-1",
                    action: .escalate),
                try Self.dispute(
                    "B", priority: 50, subject: .tax, severity: .low, amount: 20, customer: "C-2",
                    action: .proposeWriteOff),
                try Self.dispute("C", priority: 70, subject: .freight, severity: .high, amount: nil, customer: "C-1"),
            ])
            func ids(_ configure: (inout WorklistFilter) -> Void) async throws -> [String] {
                var filter = WorklistFilter()
                configure(&filter)
                return try await store.worklist(filter, after: nil, limit: 100, now: 1_800_000_000).disputes.map(\.id)
            }
            #expect(try await ids { $0.subject = .tax } == ["A", "B"])
            #expect(try await ids { $0.minSeverity = .high } == ["A", "C"])
            #expect(try await ids { $0.customerID = "C-1" } == ["A", "C"])
            #expect(
                try await ids {
                    $0.minAmount = 10; $0.maxAmount = 100
                } == ["B"])
            #expect(try await ids { $0.action = .proposeWriteOff } == ["B"])
            let summary = try await store.summary(WorklistFilter(), now: 1_800_000_000)
            #expect(summary == WorklistSummary(count: 3, totalAmount: 5_020, escalations: 1, proposedWriteOffs: 1))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func statusChangesMoveDisputesBetweenLists(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await store.insertDisputes([
                try Self.dispute("A", priority: 90), try Self.dispute("B", priority: 50),
            ])
            let assigned = try await store.updateStatus(
                id: "A", change: .assign(assignee: "maria"), actor: "token:c", at: 1)
            #expect(assigned?.assignee == "maria")
            _ = try await store.updateStatus(id: "B", change: .snooze(until: 2_000), actor: "token:c", at: 1)
            var open = WorklistFilter()
            #expect(try await store.worklist(open, after: nil, limit: 10, now: 1_000).disputes.map(\.id) == ["A"])
            // The snooze ends: B is open again.
            #expect(try await store.worklist(open, after: nil, limit: 10, now: 3_000).disputes.map(\.id) == ["A", "B"])
            let resolved = try await store.updateStatus(
                id: "A", change: .resolve(code: .creditIssued, creditedAmount: 40, note: "ok"), actor: "token:c", at: 2)
            #expect(
                resolved?.status == .resolved && resolved?.creditedAmount == 40 && resolved?.resolution == .creditIssued
            )
            #expect(try await store.worklist(open, after: nil, limit: 10, now: 3_000).disputes.map(\.id) == ["B"])
            open.status = .resolved
            #expect(try await store.worklist(open, after: nil, limit: 10, now: 3_000).disputes.map(\.id) == ["A"])
            #expect(
                try await store.updateStatus(id: "missing", change: .assign(assignee: nil), actor: "token:c", at: 1)
                    == nil)
            // Each change is in its dispute's history, newest first, with who made it; "missing" has none.
            let history = try await store.statusChanges(disputeID: "A", limit: 10)
            #expect(
                history == [
                    StatusChangeRecord(
                        disputeID: "A", change: .resolve(code: .creditIssued, creditedAmount: 40, note: "ok"),
                        actor: "token:c", at: 2),
                    StatusChangeRecord(disputeID: "A", change: .assign(assignee: "maria"), actor: "token:c", at: 1),
                ])
            #expect(try await store.statusChanges(disputeID: "A", limit: 1).count == 1)
            #expect(
                try await store.statusChanges(disputeID: "B", limit: 10).map(\.change) == [.snooze(until: 2_000)])
            #expect(try await store.statusChanges(disputeID: "missing", limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentAppendsGetGaplessSequenceNumbersAndKeysDeduplicate(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let results = try await withThrowingTaskGroup(of: (FeedbackEvent, Bool).self) { group in
                for i in 0..<40 {
                    // Every key is posted twice, concurrently: one event each.
                    for _ in 0..<2 { group.addTask { try await store.appendFeedback(Self.event("key-\(i)")) } }
                }
                var all: [(FeedbackEvent, Bool)] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(results.filter(\.1).count == 40)
            let log = try await store.feedback(after: 0, limit: 1_000)
            #expect(log.map(\.seq) == Array(1...40))
            #expect(Set(log.map(\.event.idempotencyKey)).count == 40)
            #expect(try await store.logHead() == 40)
            for (event, _) in results {
                #expect(log[Int(event.seq) - 1].event.idempotencyKey == event.event.idempotencyKey)
            }
            #expect(try await store.feedback(after: 38, limit: 10).map(\.seq) == [39, 40])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func oneDisputesFeedbackComesNewestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            for (key, dispute) in [("a1", "A"), ("b1", "B"), ("a2", "A"), ("a3", "A"), ("b2", "B")] {
                _ = try await store.appendFeedback(Self.event(key, dispute: dispute))
            }
            #expect(try await store.feedback(disputeID: "A", limit: 10).map(\.seq) == [4, 3, 1])
            #expect(try await store.feedback(disputeID: "A", limit: 2).map(\.event.idempotencyKey) == ["a3", "a2"])
            #expect(try await store.feedback(disputeID: "B", limit: 10).map(\.seq) == [5, 2])
            #expect(try await store.feedback(disputeID: "C", limit: 10).isEmpty)
            #expect(try await store.feedback(disputeID: "A\u{0}", limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func modelVersionsRoundTrip(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.latestModelVersion() == nil)
            let files: [String: [UInt8]] = [
                "manifest.json": Array("{}".utf8), "weights.safetensors": (0..<300).map { UInt8($0 % 256) },
            ]
            try await store.saveModelVersion(
                ModelVersionRecord(version: "b.5", appliedSeq: 5, weightsSHA256: "aa", createdAt: 1, files: files))
            try await store.saveModelVersion(
                ModelVersionRecord(version: "b.9", appliedSeq: 9, weightsSHA256: "bb", createdAt: 2, files: [:]))
            let latest = try await store.latestModelVersion()
            #expect(latest?.version == "b.9" && latest?.appliedSeq == 9)
            #expect(ModelFilePack.unpack(ModelFilePack.pack(files)) == files)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tokensAndSessions(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let token = APIToken.generate()
            #expect(
                try await store.insertFirstToken(
                    TokenRecord(id: "t1", role: .collector, hash: APIToken.hash(token), label: "x", createdAt: 1)))
            // Only the first: a second replica starting on the same database writes no second admin token.
            #expect(
                try await !store.insertFirstToken(
                    TokenRecord(id: "t2", role: .admin, hash: APIToken.hash("other"), label: "x", createdAt: 2)))
            #expect(try await store.token(hash: APIToken.hash("other")) == nil)
            #expect(try await store.token(hash: APIToken.hash(token))?.role == .collector)
            #expect(try await store.token(hash: APIToken.hash("wrong")) == nil)
            let session = SessionRecord(hash: "h", tokenID: "t1", role: .collector, csrf: "c", expiresAt: 5)
            try await store.insertSession(session)
            #expect(try await store.session(hash: "h") == session)
            try await store.deleteSession(hash: "h")
            #expect(try await store.session(hash: "h") == nil)
        }
    }
}
