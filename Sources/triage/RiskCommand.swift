import ArgumentParser
import DisputeTriage
import Foundation
import Ledger
@_spi(Components) import LinearAlgebra
import ModelFormat
import Records

/// `triage risk train|evaluate|score`: the payer-risk model (P(late), days late, P(disputed)).
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Payer risk from a receivables ledger: P(late), days late and P(disputed) per invoice.",
        subcommands: [RiskTrainCommand.self, RiskEvaluateCommand.self, RiskScoreCommand.self, RiskFeaturesCommand.self])
}

struct RiskTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train on every settled invoice of a ledger, each described with what was known on its invoice date.",
        discussion: "Example: triage risk train --ledger ../shared/data/ibm_ar/train.csv --out /tmp/risk")

    @Option(help: "Ledger (.csv, .jsonl): one invoice per row.")
    var ledger: String

    @Option(help: "Model directory to write (atomically).")
    var out: String

    @Option(help: "L2 penalty of the P(late) and P(disputed) heads.")
    var l2: Float = PayerRiskModel.Parameters().l2

    @Option(help: "L2 penalty of the days-late head.")
    var daysL2: Float = PayerRiskModel.Parameters().daysL2

    @Option(help: "Step size of online updates of the probability heads (0: none).")
    var onlineRate: Float = PayerRiskModel.Parameters().onlineRate

    @Option(help: "Step size (days) of online updates of the days-late head (0: none).")
    var onlineDaysRate: Float = PayerRiskModel.Parameters().onlineDaysRate

    @Option(help: "Half-life (days) of a training row's weight in the days-late fit (0: all equal).")
    var recencyHalfLife: Float = PayerRiskModel.Parameters().recencyHalfLifeDays

    @Flag(help: "Features enter linearly only (no hinge terms at their quartiles).")
    var noHinges = false

    @Flag(help: "No indicators of the ledger's frequent payment terms.")
    var noTermsLevels = false

    @Flag(help: "The late head is the logistic fit alone (no blend with the days-past-due regression).")
    var noPastDueBlend = false

    @Option(help: "Trees boosted on the days-late head's residuals (0: the head stays linear).")
    var daysTrees: Int = PayerRiskModel.Parameters().daysTrees

    @Option(help: "Depth of each days-late tree (0-8).")
    var daysTreeDepth: Int = PayerRiskModel.Parameters().daysTreeDepth

    @Option(help: "Learning rate of the days-late trees.")
    var daysTreeRate: Float = PayerRiskModel.Parameters().daysTreeRate

    @OptionGroup var columns: LedgerOptions

    func validate() throws {
        guard daysTrees >= 0, (0...ResidualTrees.maximumDepth).contains(daysTreeDepth), daysTreeRate >= 0 else {
            throw ValidationError("--days-trees and --days-tree-rate must be >= 0, --days-tree-depth 0-8")
        }
        let rates = [l2, daysL2, onlineRate, onlineDaysRate, recencyHalfLife, daysTreeRate]
        guard rates.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ValidationError(
                "--l2, --days-l2, --online-rate, --online-days-rate, --recency-half-life and --days-tree-rate must be finite and >= 0"
            )
        }
    }

    func run() throws {
        let started = Date()
        let invoices = try columns.load(ledger)
        guard !invoices.invoices.isEmpty else { throw RecordError(file: ledger, line: 0, reason: "no records") }
        let loaded = Date()
        let parameters = PayerRiskModel.Parameters(
            l2: l2, daysL2: daysL2, onlineRate: onlineRate, onlineDaysRate: onlineDaysRate, hinges: !noHinges,
            termsLevels: !noTermsLevels, pastDueBlend: !noPastDueBlend, recencyHalfLifeDays: recencyHalfLife,
            daysTrees: daysTrees, daysTreeDepth: daysTreeDepth, daysTreeRate: daysTreeRate)
        let model = try PayerRiskModel.train(on: invoices, parameters: parameters)
        let trained = Date()
        try model.save(to: URL(fileURLWithPath: out), libraryVersion: LibraryVersion.current)
        Standard.error(
            String(
                format: "{\"rows\":%d,\"trained_rows\":%d,\"load_seconds\":%.4f,\"train_seconds\":%.4f}",
                invoices.invoices.count, model.trainingRows[0], loaded.timeIntervalSince(started),
                trained.timeIntervalSince(loaded)))
    }
}

struct RiskEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract:
            "Predict every invoice of --data on its date from --history plus the rows of --data settled before it, and score the predictions.",
        discussion: """
            Prints {"late": {"auc", "log_loss", "brier"}, "days_late": {"mae"}, "disputed": {…}} for the \
            parts the data has labels for. With online updates (the default) the model also learns from \
            each --data invoice once it has settled, as it would in production.
            Example: triage risk evaluate --model /tmp/risk --history ../shared/data/ibm_ar/train.csv --data ../shared/data/ibm_ar/test.csv
            """)

    @Option(help: "Payer-risk model directory.")
    var model: String

    @Option(help: "Ledger known before the evaluated period.")
    var history: String

    @Option(help: "Ledger rows to predict.")
    var data: String

    @Option(help: "Output format: json or text.")
    var format: String = "json"

    @Flag(help: "Do not update the model as evaluated invoices settle.")
    var noOnline = false

    @Option(help: "Also write every prediction to this CSV (row of --data, p_late, days_late, p_disputed).")
    var predictions: String?

    @OptionGroup var columns: LedgerOptions

    func validate() throws {
        guard ["json", "text"].contains(format) else { throw ValidationError("--format must be json or text") }
    }

    func run() throws {
        let risk = try PayerRiskModel.load(from: URL(fileURLWithPath: model))
        let past = try columns.load(history)
        let rows = try LedgerReader.readAll(path: data, mapping: columns.mapping())
        let started = Date()
        let report = try RiskEvaluation(model: risk, history: past, data: rows, online: !noOnline)
        let seconds = Date().timeIntervalSince(started)
        if let predictions { try Self.writePredictions(report, to: predictions) }
        // Scoring alone, as a batch (one sgemm) on the rows already described: best of 5.
        var combined = past
        for invoice in rows { combined.append(invoice) }
        let described = LedgerTimeline.describedRows(combined) { $0 >= past.invoices.count }
        let batch = try Matrix(
            rows: described.count, columns: PayerFeatures.count, values: described.flatMap(\.features))
        var best = Double.infinity
        for _ in 0..<5 {
            let start = Date()
            _ = try risk.predict(batch)
            best = min(best, Date().timeIntervalSince(start))
        }
        var parts: [String] = []
        func number(_ value: Double) -> String { String(format: "%.4f", value) }
        if let late = report.late {
            parts.append(
                "\"late\":{\"auc\":\(number(late.auc)),\"log_loss\":\(number(late.logLoss)),\"brier\":\(number(late.brier)),\"count\":\(late.count)}"
            )
        }
        if let days = report.daysLate {
            parts.append("\"days_late\":{\"mae\":\(number(days.meanAbsoluteError)),\"count\":\(days.count)}")
        }
        if let disputed = report.disputed {
            parts.append(
                "\"disputed\":{\"auc\":\(number(disputed.auc)),\"log_loss\":\(number(disputed.logLoss)),\"brier\":\(number(disputed.brier)),\"count\":\(disputed.count)}"
            )
        }
        parts.append("\"predicted\":\(report.predictions.count)")
        parts.append(String(format: "\"rows_per_second\":%.1f", Double(report.predictions.count) / max(seconds, 1e-9)))
        parts.append(
            String(format: "\"batch_predict_rows_per_second\":%.1f", Double(described.count) / max(best, 1e-9)))
        if format == "json" {
            Standard.output("{" + parts.joined(separator: ",") + "}")
        } else {
            for part in parts { Standard.output(part) }
        }
    }
}

extension RiskEvaluateCommand {
    /// One line per predicted row (1-based row of --data), so that peers can be compared row by row.
    static func writePredictions(_ report: RiskEvaluation, to path: String) throws {
        let out = try OutputFile(path: path)
        do {
            try out.write(line: "row,p_late,days_late,p_disputed")
            for (index, risk) in report.predictions {
                try out.write(
                    line: String(
                        format: "%d,%.6f,%.4f,%.6f", index + 1, risk.lateProbability, risk.daysLate,
                        risk.disputeProbability))
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }
}

struct RiskScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract:
            "One JSON line per open invoice (its risk, described on its invoice date) and per customer (its context and the risk of a new invoice) as of a date.",
        discussion: "Example: triage risk score --model /tmp/risk --ledger invoices.csv --as-of 2013-09-08")

    @Option(help: "Payer-risk model directory.")
    var model: String

    @Option(help: "Ledger (.csv, .jsonl).")
    var ledger: String

    @Option(help: "Day of the snapshot (YYYY-MM-DD; default today).")
    var asOf: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var columns: LedgerOptions

    func run() throws {
        let risk = try PayerRiskModel.load(from: URL(fileURLWithPath: model))
        let book = try columns.load(ledger)
        let day = try asOf.map { try CalendarDay(parsing: $0) } ?? CalendarDay.today
        let snapshot = RiskSnapshot(ledger: book, model: risk, asOf: day)
        let out = try OutputFile(path: output)
        do {
            for line in snapshot.openInvoices {
                try out.writeLine { buffer in
                    buffer.append(contentsOf: #"{"type":"invoice","invoice_id":"#.utf8)
                    JSONString.append(line.invoice.invoiceID, to: &buffer)
                    buffer.append(contentsOf: #","customer_id":"#.utf8)
                    JSONString.append(line.invoice.customerID, to: &buffer)
                    buffer.append(
                        contentsOf:
                            ",\"due_date\":\"\(line.invoice.dueDate)\",\"open_amount\":\(Self.number(line.openAmount)),\"days_past_due\":\(line.daysPastDue)"
                            .utf8)
                    Self.appendRisk(line.risk, to: &buffer)
                    buffer.append(UInt8(ascii: "}"))
                }
            }
            for line in snapshot.customers {
                try out.writeLine { buffer in
                    let c = line.context
                    buffer.append(contentsOf: #"{"type":"customer","customer_id":"#.utf8)
                    JSONString.append(c.customerID, to: &buffer)
                    buffer.append(
                        contentsOf:
                            ",\"as_of\":\"\(c.asOf)\",\"customer_value\":\(Self.number(c.customerValue)),\"open_balance\":\(Self.number(c.openBalance)),\"open_count\":\(c.openCount),\"open_amount\":\(Self.number(c.openAmount)),\"days_past_due\":\(c.daysPastDue),\"settled\":\(c.history.count),\"late_share\":\(c.history.lateShare.map { Self.number($0, 4) } ?? "null"),\"mean_days_late\":\(c.history.meanDaysLate.map { Self.number($0) } ?? "null"),\"dispute_rate\":\(c.history.disputeRate.map { Self.number($0, 4) } ?? "null"),\"days_since_last_payment\":\(c.daysSinceLastPayment.map(String.init) ?? "null")"
                            .utf8)
                    Self.appendRisk(line.risk, to: &buffer)
                    buffer.append(UInt8(ascii: "}"))
                }
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }

    static func appendRisk(_ risk: PayerRisk, to buffer: inout [UInt8]) {
        buffer.append(
            contentsOf:
                ",\"p_late\":\(number(risk.lateProbability, 4)),\"days_late\":\(number(risk.daysLate)),\"p_disputed\":\(number(risk.disputeProbability, 4))"
                .utf8)
    }

    static func number(_ value: Double, _ digits: Int = 2) -> String {
        let text = String(format: "%.\(digits)f", value)
        return text == "-0.00" || text == "-0.0000" ? String(text.dropFirst()) : text
    }
}
