/// How well a ``PayerRiskModel`` predicts later invoices, measured the way it would run in
/// production: every invoice of `data` is predicted on its invoice date from the `history` ledger
/// plus the rows of `data` settled before that date, and (with online updates on) the model learns
/// from each `data` invoice once it settles.
///
/// ```swift
/// let report = try RiskEvaluation(model: model, history: train, data: test)
/// print(report.late?.auc ?? 0, report.daysLate?.meanAbsoluteError ?? 0)
/// ```
public struct RiskEvaluation: Sendable, Equatable {
    /// Scores of a probability against a yes/no outcome.
    public struct Binary: Sendable, Equatable {
        public var auc: Double
        public var logLoss: Double
        public var brier: Double
        /// Rows with the label.
        public var count: Int
    }

    /// Scores of a number.
    public struct Numeric: Sendable, Equatable {
        public var meanAbsoluteError: Double
        public var count: Int
    }

    /// P(late) on settled rows, days late on settled rows, P(disputed) on rows with a dispute flag
    /// (`nil` when `data` has no such rows).
    public var late: Binary?
    public var daysLate: Numeric?
    public var disputed: Binary?
    /// The prediction for every described row of `data` (by its index in `data`), credit notes excluded.
    public var predictions: [(index: Int, risk: PayerRisk)]

    /// Runs the evaluation. `online: false` freezes the model (only the histories move).
    public init(model: PayerRiskModel, history: Ledger, data: [Invoice], online: Bool = true) throws {
        var combined = history
        let start = history.invoices.count
        for invoice in data { combined.append(invoice) }
        var model = model
        var described: [Int: [Float]] = [:]
        var predictions: [(index: Int, risk: PayerRisk)] = []
        LedgerTimeline.replay(combined, describe: { $0 >= start }, handle: { event in
            switch event {
            case let .described(index, row):
                predictions.append((index - start, model.predict(row)))
                if online { described[index] = row }
            case let .settled(index):
                if online, let row = described.removeValue(forKey: index) { model.update(row, outcome: combined.invoices[index]) }
            }
        })
        predictions.sort { $0.index < $1.index }
        self.predictions = predictions
        var lateP: [Double] = [], lateY: [Bool] = [], dayP: [Double] = [], dayY: [Double] = [], disputeP: [Double] = [], disputeY: [Bool] = []
        for (index, risk) in predictions {
            let invoice = data[index]
            if let days = invoice.daysLate {
                lateP.append(risk.lateProbability)
                lateY.append(days > 0)
                dayP.append(risk.daysLate)
                dayY.append(Double(days))
            }
            if let disputed = invoice.disputed {
                disputeP.append(risk.disputeProbability)
                disputeY.append(disputed)
            }
        }
        func binary(_ p: [Double], _ y: [Bool]) -> Binary? {
            p.isEmpty ? nil : Binary(auc: RiskMetrics.auc(scores: p, labels: y), logLoss: RiskMetrics.logLoss(probabilities: p, labels: y),
                                     brier: RiskMetrics.brier(probabilities: p, labels: y), count: p.count)
        }
        late = binary(lateP, lateY)
        disputed = binary(disputeP, disputeY)
        daysLate = dayP.isEmpty ? nil : Numeric(meanAbsoluteError: RiskMetrics.meanAbsoluteError(dayP, dayY), count: dayP.count)
    }

    public static func == (lhs: RiskEvaluation, rhs: RiskEvaluation) -> Bool {
        lhs.late == rhs.late && lhs.daysLate == rhs.daysLate && lhs.disputed == rhs.disputed
            && lhs.predictions.map(\.index) == rhs.predictions.map(\.index) && lhs.predictions.map(\.risk) == rhs.predictions.map(\.risk)
    }
}
