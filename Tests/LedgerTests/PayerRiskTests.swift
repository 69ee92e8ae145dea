import Foundation
@_spi(Components) import LinearAlgebra
import Testing

@testable import Ledger

@Suite("Payer risk")
struct PayerRiskTests {
    typealias F = LedgerFixtures

    /// Every row's features, by row index.
    static func features(_ ledger: Ledger) -> [Int: [Float]] {
        var rows: [Int: [Float]] = [:]
        LedgerTimeline.replay(
            ledger, describe: { _ in true },
            handle: { event in
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
            if let earlier = copy.indices.first(where: {
                copy[$0].customerID == copy[index].customerID && copy[$0].knownSettledOn! < day
            }) {
                copy[earlier].paidDate = copy[earlier].dueDate.adding(days: 45)
                copy[earlier].disputed = !(ledger.invoices[earlier].disputed ?? false)
                #expect(
                    Self.features(Ledger(copy))[index] != base[index], "row \(index) should see the earlier settlement")
            }
        }
    }

    @Test("customer ids are not features: renaming every customer changes nothing")
    func noCustomerIdentity() {
        let ledger = F.synthetic(customers: 10)
        let renamed = Ledger(
            ledger.invoices.map {
                var i = $0; i.customerID = "X-" + String($0.customerID.reversed()); return i
            })
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
        #expect(
            try Data(contentsOf: directory.appendingPathComponent("weights.safetensors"))
                == Data(contentsOf: second.appendingPathComponent("weights.safetensors")))
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
        LedgerTimeline.replay(
            history, describe: { _ in true },
            handle: { event in
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

    @Test(
        "on the shared ledgers' test splits the default model is far better than chance",
        arguments: ["ibm_ar", "cassandra_ap"])
    func sharedLedgers(_ set: String) throws {
        guard let train = LedgerFixtures.sharedLedger(set, "train"), let test = LedgerFixtures.sharedLedger(set, "test")
        else { return }
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

    @Test(
        "levelled features gain indicators of values held by at least 2% of the rows, most frequent first; constant columns none"
    )
    func levels() throws {
        // Column 0: 30 on 60 rows, 14 on 30, 7 on 9, 45 on 1 (under 2%); column 1 constant.
        let column: [Float] =
            Array(repeating: 30, count: 60) + Array(repeating: 14, count: 30) + Array(repeating: 7, count: 9) + [45]
        let features = try Matrix(rows: 100, columns: 2, values: column.flatMap { [$0, 5] })
        let basis = SplineBasis.fit(features, hinges: false, levelled: [0, 1])
        #expect(basis.levels == [[30, 14, 7], []])
        #expect(basis.knots == [[], []])
        #expect(basis.dimension == 5 && basis.levelColumns == 2..<5)
        #expect(basis.expand([14, 5]) == [14, 5, 0, 1, 0])
        #expect(basis.expand([45, 5]) == [45, 5, 0, 0, 0])
        #expect(SplineBasis.fit(features).levelCount == 0)
    }
}

@Suite("Payer risk: terms indicators and the days-past-due blend")
struct PayerRiskBlendTests {
    typealias F = LedgerFixtures

    @Test(
        "mean days past due and usual days to pay read only settlements known before the invoice date, early payments included",
        arguments: ["mean_days_past_due", "usual_pay_vs_terms"])
    func pastDueIsCausal(_ feature: String) throws {
        let column = PayerFeatures.index(feature)
        let ledger = Ledger([
            F.invoice("C", "A", "2024-01-01", paid: "2024-01-21"),  // due 01-31: 10 days early
            F.invoice("C", "B", "2024-02-01", paid: "2024-03-05"),  // settles after C's invoice date
            F.invoice("C", "C", "2024-02-15", paid: "2024-03-20"),
        ])
        let base = PayerRiskTests.features(ledger)
        // Only A is known on 02-15, and it was paid early: both features say "before the due date".
        #expect(try #require(base[2])[column] < 0)
        var earlier = ledger.invoices
        earlier[0].paidDate = F.day("2024-01-05")  // still on time, but 26 days early
        #expect(try #require(PayerRiskTests.features(Ledger(earlier))[2])[column] < base[2]![column])
        var later = ledger.invoices
        later[1].paidDate = F.day("2024-02-20")  // B: still settled after 02-15, nothing moves
        later[2].paidDate = F.day("2024-01-01")  // C's own outcome, even paid early, is never read
        #expect(PayerRiskTests.features(Ledger(later))[2] == base[2])
    }

    @Test("frequent payment terms get indicators; a saved model keeps them and loads back equal")
    func termsLevelsSurviveSaving() throws {
        let terms = [30, 30, 14, 30, 7, 30, 14, 45]
        let ledger = Ledger(
            F.synthetic(customers: 30).invoices.enumerated().map { index, invoice in
                var copy = invoice
                copy.dueDate = invoice.invoiceDate.adding(days: terms[index % terms.count])
                copy.paidDate = copy.dueDate.adding(days: invoice.dueDate.days(to: invoice.paidDate!))
                return copy
            })
        let model = try PayerRiskModel.train(on: ledger)
        let levels = model.basis.levels[PayerFeatures.index("terms")]
        let expected: [Float] = [30, 14, 7, 45].map { Float(Double($0) / 30) }
        #expect(levels == expected)
        #expect(
            model.basis.levels.enumerated().allSatisfy {
                $0.offset == PayerFeatures.index("terms") || $0.element.isEmpty
            })
        let plain = try PayerRiskModel.train(on: ledger, parameters: .init(termsLevels: false))
        #expect(plain.basis.levelCount == 0 && plain.means.count == model.means.count - 4)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "risk-levels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.save(to: directory)
        #expect(try PayerRiskModel.load(from: directory) == model)
    }

    @Test("on few rows the blend with the days-past-due regression ranks new rows better than the logistic fit alone")
    func blendUsesDaysPastDue() throws {
        // Two of ten columns drive how late a payment is (with noise); late means paid after the due date.
        // The yes/no label keeps only the sign of the days past due, so on 100 rows the logistic fit
        // alone weighs the eight idle columns more than the regression of the days does.
        var state: UInt64 = 11
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        let columns = 11
        func sample(_ n: Int) throws -> (x: Matrix, late: [Float], pastDue: [Float]) {
            var values: [Float] = [], late: [Float] = [], pastDue: [Float] = []
            for _ in 0..<n {
                let row = (0..<(columns - 1)).map { _ in next() * 2 - 1 }
                let days = 20 * row[0] + 8 * row[1] + 4 * (next() + next() + next() - 1.5)
                values += row + [1]
                pastDue.append(days)
                late.append(days > 0 ? 1 : 0)
            }
            return (try Matrix(rows: n, columns: columns, values: values), late, pastDue)
        }
        let train = try sample(100), held = try sample(2_000)
        let logistic = try DenseFit.logistic(train.x, labels: train.late, l2: 1)
        let blended = try PayerRiskModel.pastDueBlend(
            train.x, logistic: logistic, late: train.late, daysPastDue: train.pastDue, l2: 1)
        func auc(_ w: [Float]) -> Double {
            var scores = [Float](repeating: 0, count: held.x.rows)
            BLAS.gemv(held.x, .asIs, w, into: &scores)
            return RiskMetrics.auc(scores: scores.map(Double.init), labels: held.late.map { $0 == 1 })
        }
        #expect(auc(blended) > auc(logistic))
        // Deterministic: the same inputs give the same weights bit for bit.
        #expect(
            try PayerRiskModel.pastDueBlend(
                train.x, logistic: logistic, late: train.late, daysPastDue: train.pastDue, l2: 1) == blended)
    }
}
