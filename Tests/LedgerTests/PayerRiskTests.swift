import Foundation
import LinearAlgebra
import Testing
@testable import Ledger

@Suite("Payer risk")
struct PayerRiskTests {
    typealias F = LedgerFixtures

    /// Every row's features, by row index.
    static func features(_ ledger: Ledger) -> [Int: [Float]] {
        var rows: [Int: [Float]] = [:]
        LedgerTimeline.replay(ledger, describe: { _ in true }, handle: { event in
            if case let .described(index, row) = event { rows[index] = row }
        })
        return rows
    }

    @Test("an invoice's own outcome never reaches its features")
    func ownOutcomeDoesNotLeak() {
        let ledger = F.synthetic(customers: 8)
        let base = Self.features(ledger)
        for index in stride(from: 0, to: ledger.invoices.count, by: 7) {
            var changed = ledger
            let invoice = ledger.invoices[index]
            // Paid far later, partly open, disputed the other way: only outcomes change.
            changed.settle(index, paidOn: invoice.dueDate.adding(days: 90), openAmount: invoice.amount / 2)
            var copy = changed.invoices
            copy[index].disputed = !(invoice.disputed ?? false)
            let rows = Self.features(Ledger(copy))
            #expect(rows[index] == base[index], "row \(index)")
        }
    }

    @Test("other invoices' outcomes count only once settled before the invoice date")
    func futureOutcomesDoNotLeak() {
        let ledger = F.synthetic(customers: 6)
        let base = Self.features(ledger)
        for index in stride(from: 3, to: ledger.invoices.count, by: 11) {
            let day = ledger.invoices[index].invoiceDate
            // Rewrite every outcome that became known on or after `day`: features of `index` must not move.
            var copy = ledger.invoices
            for j in copy.indices where (copy[j].knownSettledOn ?? day) >= day {
                copy[j].paidDate = copy[j].dueDate.adding(days: 60)
                copy[j].disputed = true
            }
            #expect(Self.features(Ledger(copy))[index] == base[index], "row \(index)")
            // …while rewriting an outcome known before `day` for the same customer does move them.
            if let earlier = copy.indices.first(where: { copy[$0].customerID == copy[index].customerID && copy[$0].knownSettledOn! < day }) {
                copy[earlier].paidDate = copy[earlier].dueDate.adding(days: 45)
                copy[earlier].disputed = !(ledger.invoices[earlier].disputed ?? false)
                #expect(Self.features(Ledger(copy))[index] != base[index], "row \(index) should see the earlier settlement")
            }
        }
    }

    @Test("customer ids are not features: renaming every customer changes nothing")
    func noCustomerIdentity() {
        let ledger = F.synthetic(customers: 10)
        let renamed = Ledger(ledger.invoices.map { var i = $0; i.customerID = "X-" + String($0.customerID.reversed()); return i })
        #expect(Self.features(ledger) == Self.features(renamed))
    }

    @Test("training is deterministic and a saved model loads back equal")
    func deterministic() throws {
        let ledger = F.synthetic()
        let a = try PayerRiskModel.train(on: ledger)
        let b = try PayerRiskModel.train(on: ledger)
        #expect(a == b)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("risk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try a.save(to: directory)
        #expect(try PayerRiskModel.load(from: directory) == a)
        let second = directory.appendingPathComponent("again")
        try b.save(to: second)
        #expect(try Data(contentsOf: directory.appendingPathComponent("weights.safetensors")) == Data(contentsOf: second.appendingPathComponent("weights.safetensors")))
    }

    @Test("the model learns payers' habits: it ranks later invoices better than chance and than the cold-start prior")
    func learnsHabits() throws {
        let ledger = F.synthetic(customers: 60)
        let cut = F.day("2021-06-01")
        let history = Ledger(ledger.invoices.filter { $0.invoiceDate < cut })
        let data = ledger.invoices.filter { $0.invoiceDate >= cut }
        let model = try PayerRiskModel.train(on: history)
        let trained = try RiskEvaluation(model: model, history: history, data: data)
        let prior = try RiskEvaluation(model: .coldStart(), history: history, data: data)
        let trainedLate = try #require(trained.late)
        let priorLate = try #require(prior.late)
        #expect(trainedLate.auc > 0.75)
        #expect(trainedLate.auc >= priorLate.auc - 0.01)
        #expect(try #require(trained.disputed).auc > 0.6)
        #expect(try #require(trained.late).logLoss < 0.69)
        // Batch prediction (one sgemm) equals the per-row loop.
        var rows: [Float] = []
        var count = 0
        LedgerTimeline.replay(history, describe: { _ in true }, handle: { event in
            if case let .described(_, row) = event, count < 50 { rows += row; count += 1 }
        })
        let batch = try model.predict(Matrix(rows: count, columns: PayerFeatures.count, values: rows))
        for i in 0..<count {
            let single = model.predict(Array(rows[(i * PayerFeatures.count)..<((i + 1) * PayerFeatures.count)]))
            #expect(abs(single.lateProbability - batch[i].lateProbability) < 1e-5)
            #expect(abs(single.daysLate - batch[i].daysLate) < 1e-3)
        }
    }

    @Test("online updates move the intercepts towards settled outcomes")
    func onlineUpdate() throws {
        let ledger = F.synthetic(customers: 20)
        var model = try PayerRiskModel.train(on: ledger, parameters: .init(onlineRate: 0.05))
        let row = Self.features(ledger)[0]!
        let before = model.predict(row)
        var late = ledger.invoices[0]
        late.paidDate = late.dueDate.adding(days: 40)
        late.disputed = true
        for _ in 0..<20 { model.update(row, outcome: late) }
        let after = model.predict(row)
        #expect(after.lateProbability > before.lateProbability)
        #expect(after.daysLate > before.daysLate)
        #expect(after.disputeProbability > before.disputeProbability)
        #expect(model.updates == 20)
        // The default leaves the probability heads alone (online steps there lowered AUC on a validation split).
        var frozen = try PayerRiskModel.train(on: ledger)
        for _ in 0..<20 { frozen.update(row, outcome: late) }
        #expect(frozen.predict(row).lateProbability == before.lateProbability)
        #expect(frozen.predict(row).daysLate > before.daysLate)
    }

    @Test("on the shared ledgers' test splits the default model is far better than chance", arguments: ["ibm_ar", "cassandra_ap"])
    func sharedLedgers(_ set: String) throws {
        guard let train = LedgerFixtures.sharedLedger(set, "train"), let test = LedgerFixtures.sharedLedger(set, "test") else { return }
        let history = try Ledger.load(path: train)
        let model = try PayerRiskModel.train(on: history)
        let report = try RiskEvaluation(model: model, history: history, data: LedgerReader.readAll(path: test))
        #expect(try #require(report.late).auc > 0.78)
        #expect(try #require(report.daysLate).meanAbsoluteError < (set == "ibm_ar" ? 3 : 16))
        if set == "ibm_ar" { #expect(try #require(report.disputed).auc > 0.8) }
    }
}

@Suite("SplineBasis")
struct SplineBasisTests {
    @Test("hinges sit at inner quartiles of features with enough distinct values; binary features stay linear")
    func knots() throws {
        var values: [Float] = []
        for i in 0..<100 { values += [Float(i), Float(i % 2)] }
        let features = try Matrix(rows: 100, columns: 2, values: values)
        let basis = SplineBasis.fit(features)
        #expect(basis.knots[0] == [24, 49, 74])
        #expect(basis.knots[1].isEmpty)
        #expect(basis.dimension == 5)
        #expect(basis.expand([60, 1]) == [60, 1, 36, 11, 0])
        let wide = try basis.expand(features)
        #expect(wide.rows == 100 && wide.columns == 5)
        #expect(Array(wide.values[(60 * 5)..<(61 * 5)]) == basis.expand([60, 0]))
        #expect(SplineBasis.identity(3).expand([1, 2, 3]) == [1, 2, 3])
    }
}
