import DisputeTriage
import Foundation
import Testing

@Suite struct LiveTriageModelTests {
    /// Many tasks score while feedback is learned: every score must equal the score of one of the
    /// models a sequential run passes through (never a half-applied update), and the final model
    /// must equal the sequential one.
    @Test func scoringWhileLearningSeesOnlyWholeUpdates() async throws {
        let base = try Fixtures.defaultModel
        let first = try Fixtures.dispute("p1", "We were charged twice for PO 7781", score: 30)
        let second = try Fixtures.dispute("p2", "Les frais de transport ne figurent pas au contrat", value: 900_000)
        let probe: [Dispute] = [first, second]
        var events: [Feedback] = []
        for i in 0..<24 {
            let dispute = try Fixtures.dispute(
                "e\(i)", "Dispute number \(i) about the freight charge", score: Double(i * 4))
            let subject: Subject? = i % 6 == 0 ? .freight : nil
            events.append(Feedback(dispute: dispute, urgent: i % 3 != 0, subject: subject))
        }
        // Sequential reference: the probe's priorities after 0…n updates.
        var sequential = base
        var allowed: Set<[Float]> = [sequential.score(probe, explain: false).map(\.priority)]
        for event in events {
            try sequential.learn(event)
            allowed.insert(sequential.score(probe, explain: false).map(\.priority))
        }
        let live = LiveTriageModel(base)
        let schedule = events
        let observed = try await withThrowingTaskGroup(of: [[Float]].self) { group in
            group.addTask {
                for event in schedule { try live.learn(event) }
                return []
            }
            for _ in 0..<4 {
                group.addTask {
                    var seen: [[Float]] = []
                    for _ in 0..<30 { seen.append(live.score(probe, explain: false).map(\.priority)) }
                    return seen
                }
            }
            var all: [[Float]] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(observed.count == 120)
        for priorities in observed { #expect(allowed.contains(priorities)) }
        #expect(live.snapshot == sequential)
        #expect(live.updatesApplied == events.count)
    }
}
