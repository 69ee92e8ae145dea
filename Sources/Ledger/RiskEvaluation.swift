/// How well a ``PayerRiskModel`` predicts later invoices, measured the way it would run in
/// production: every invoice of `data` is predicted on its invoice date from the `history` ledger
/// plus the rows of `data` settled before that date, and (with online updates on) the model learns
/// from each `data` invoice once it settles.
///
/// ```swift
/// let report = try RiskEvaluation(model: model, history: train, data: test)
/// print(report.late?.auc ?? 0, report.daysLate?.meanAbsoluteError ?? 0)
/// ```
package struct RiskEvaluation: Sendable, Equatable {
    /// Scores of a probability against a yes/no outcome.
    package struct Binary: Sendable, Equatable {
        package var auc: Double
        package var logLoss: Double
        package var brier: Double
        /// Rows with the label.
        package var count: Int
    }

    /// Scores of a number.
    package struct Numeric: Sendable, Equatable {
        package var meanAbsoluteError: Double
        package var count: Int
    }

    /// P(late) on settled rows, days late on settled rows, P(disputed) on rows with a dispute flag
    /// (`nil` when `data` has no such rows).
    package var late: Binary?
    package var daysLate: Numeric?
    package var disputed: Binary?
    /// The prediction for every described row of `data` (by its index in `data`), credit notes excluded.
    package var predictions: [(index: Int, risk: PayerRisk)]

    /// Runs the evaluation. `online: false` freezes the model (only the histories move).
    package init(model: PayerRiskModel, history: Ledger, data: [Invoice], online: Bool = true) throws {
        var combined = history
        let start = history.invoices.count
        for invoice in data { combined.append(invoice) }
        var model = model
        var described: [Int: [Float]] = [:]
        var predictions: [(index: Int, risk: PayerRisk)] = []
        LedgerTimeline.replay(
            combined, describe: { $0 >= start },
            handle: { event in
                switch event {
                case let .described(index, row):
                    predictions.append((index - start, model.predict(row)))
                    if online { described[index] = row }
                case let .settled(index):
                    if online, let row = described.removeValue(forKey: index) {
                        model.update(row, outcome: combined.invoices[index])
                    }
                }
            })
        predictions.sort { $0.index < $1.index }
        self.predictions = predictions
        var lateP: [Double] = [], lateY: [Bool] = [], dayP: [Double] = [], dayY: [Double] = [], disputeP: [Double] = [],
            disputeY: [Bool] = []
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
            p.isEmpty
                ? nil
                : Binary(
                    auc: RiskMetrics.auc(scores: p, labels: y),
                    logLoss: RiskMetrics.logLoss(probabilities: p, labels: y),
                    brier: RiskMetrics.brier(probabilities: p, labels: y), count: p.count)
        }
        late = binary(lateP, lateY)
        disputed = binary(disputeP, disputeY)
        daysLate =
            dayP.isEmpty
            ? nil : Numeric(meanAbsoluteError: RiskMetrics.meanAbsoluteError(dayP, dayY), count: dayP.count)
    }

    package static func == (lhs: RiskEvaluation, rhs: RiskEvaluation) -> Bool {
        lhs.late == rhs.late && lhs.daysLate == rhs.daysLate && lhs.disputed == rhs.disputed
            && lhs.predictions.map(\.index) == rhs.predictions.map(\.index)
            && lhs.predictions.map(\.risk) == rhs.predictions.map(\.risk)
    }
}
