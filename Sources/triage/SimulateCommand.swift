import ArgumentParser
import DisputeTriage
import Foundation
import Records

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate collectors' feedback and measure how fast priorities are learned and re-learned.",
        discussion: """
            Attaches synthetic customers to the labelled corpus texts, lets hidden business weights decide \
            which disputes are urgent, streams feedback through the same TriageModel.learn that `triage learn` \
            uses, and reports AUC and NDCG@10 against the truth every --report-every events. Halfway the \
            weights change suddenly (credit risk: least → most important). Writes the curve as CSV and SVG.
            Example: triage simulate --data TrainingData/disputes.jsonl --out simulation
            """)

    @OptionGroup var model: ModelOptions

    @Option(help: "Labelled texts (fields text, subject, severity).")
    var data = "TrainingData/disputes.jsonl"

    @Option(help: "Directory for simulation.csv and simulation.svg.")
    var out: String

    @Option(help: "Feedback events.") var events = 4_000
    @Option(help: "Event of the sudden change (default: half of --events).") var changeAt: Int?
    @Option(help: "Events between measurements.") var reportEvery = 100
    @Option(help: "Share of events that also correct subject and severity.") var correctionShare = 0.0
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "Start the priority model cold with this AdaGrad step size (default: the model's own).")
    var learningRate: Float?
    @Option(help: "… with this gradient-memory decay.") var recency: Float?
    @Option(help: "… with this drift threshold (0 = off).") var driftThreshold: Float?
    @Flag(help: "No progress display on standard error.") var quiet = false

    /// The simulation draws all its events up front (about 150 bytes each).
    static let maximumEvents = 10_000_000

    func validate() throws {
        guard events >= 1, reportEvery >= 1 else { throw ValidationError("--events and --report-every must be >= 1") }
        guard events <= Self.maximumEvents else { throw ValidationError("--events must be <= \(Self.maximumEvents)") }
        guard (0...1).contains(correctionShare) else { throw ValidationError("--correction-share must be within 0…1") }
        if let changeAt, !(0...events).contains(changeAt) {
            throw ValidationError("--change-at must be within 0…\(events) (--events)")
        }
        if let problem = coldStartParameters(from: PriorityModel.Parameters()).problem {
            throw ValidationError("--learning-rate, --recency or --drift-threshold: \(problem)")
        }
    }

    /// `base` with the priority-model flags given applied.
    func coldStartParameters(from base: PriorityModel.Parameters) -> PriorityModel.Parameters {
        var parameters = base
        parameters.learningRate = learningRate ?? parameters.learningRate
        parameters.recency = recency ?? parameters.recency
        parameters.driftThreshold = driftThreshold ?? parameters.driftThreshold
        return parameters
    }

    func run() throws {
        var triage = try model.load()
        if learningRate != nil || recency != nil || driftThreshold != nil {
            triage.setPriorityModel(
                PriorityModel.coldStart(parameters: coldStartParameters(from: triage.priorityModel.parameters)))
        }
        var texts: [FeedbackSimulation.LabeledText] = []
        let reader = try RecordReader(path: data)
        while let record = try reader.next() {
            guard let subject = try record.label(Subject.self, .subject) else {
                throw record.error("subject", "missing")
            }
            guard let severity = try record.label(Severity.self, .severity) else {
                throw record.error("severity", "missing")
            }
            texts.append(
                .init(text: try record.requiredText(DisputeField.text.name), subject: subject, severity: severity))
        }
        guard !texts.isEmpty else { throw RecordError(file: data, line: 0, reason: "no records") }
        var configuration = FeedbackSimulation.Configuration()
        configuration.events = events
        configuration.changeAt = changeAt ?? events / 2
        configuration.reportEvery = reportEvery
        configuration.correctionShare = correctionShare
        configuration.seed = seed
        let display = ProgressDisplay(label: "simulate", quiet: quiet)
        let report = try FeedbackSimulation(configuration: configuration, texts: texts).run(model: triage) { point in
            display.update(
                Double(point.events) / Double(events),
                detail: String(
                    format: "events %d  phase %d  AUC %.3f  NDCG@10 %.3f  (prior AUC %.3f)", point.events, point.phase,
                    point.auc, point.ndcgAt10, point.priorAUC))
        }
        display.finish()
        try OutputDirectory.create(out)
        var csv = "events,phase,auc,ndcg_at_10,prior_auc\n"
        for p in report.points {
            csv += String(format: "%d,%d,%.4f,%.4f,%.4f\n", p.events, p.phase, p.auc, p.ndcgAt10, p.priorAUC)
        }
        try ReportOutput(path: out + "/simulation.csv").write(csv)
        let plot = SVGPlot(
            title: "Priority learning from feedback (change of business weights at \(report.changeAt))",
            xLabel: "feedback events", yLabel: "score", yRange: 0.3...1.0,
            series: [
                .init(
                    name: "AUC (learned)", color: "#1f77b4", points: report.points.map { (Double($0.events), $0.auc) }),
                .init(
                    name: "NDCG@10 (learned)", color: "#2ca02c",
                    points: report.points.map { (Double($0.events), $0.ndcgAt10) }),
                .init(
                    name: "AUC (cold-start prior)", color: "#aaaaaa",
                    points: report.points.map { (Double($0.events), $0.priorAUC) }),
            ],
            markers: [(Double(report.changeAt), "weights change")],
            guides: [(0.90, "0.90"), (0.85, "0.85")])
        try ReportOutput(path: out + "/simulation.svg").write(plot.render())
        let before = report.aucBeforeChange ?? 0
        let recovery = report.eventsToRecover().map { "\($0) events" } ?? "not within the run"
        Standard.output(
            String(
                format:
                    "AUC after %d events: %.3f; just before the change: %.3f; just after: %.3f; back to AUC ≥ 0.85 after the change: %@; final AUC %.3f; drifts detected: %d",
                min(2_000, events), report.auc(after: min(2_000, events)) ?? 0, before, report.aucAfterChange ?? 0,
                recovery,
                report.points.last?.auc ?? 0, report.driftsDetected))
    }
}
