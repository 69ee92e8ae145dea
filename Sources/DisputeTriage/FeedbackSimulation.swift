@_spi(Components) import Learners
import SystemSupport

/// A simulated accounts-receivable team giving feedback, to measure how fast the priority model
/// learns what matters to a business and how fast it re-learns when that changes.
///
/// Synthetic customers (value, balance, credit score, age of debt) are attached to real corpus
/// texts with their true subject and severity. Hidden "true" business weights decide which disputes
/// are urgent; the learner sees one feedback event at a time (`urgent` drawn with some noise from
/// the truth) through ``TriageModel/learn(_:)``. Every ``Configuration/reportEvery`` events, a fixed
/// evaluation pool is scored and compared with the truth (AUC, NDCG@10). Halfway, the true weights
/// change suddenly (by default credit risk goes from least to most important).
///
/// ```swift
/// let report = try FeedbackSimulation(configuration: .init(), texts: corpus).run(model: try .loadDefault())
/// print(report.points.last!.auc)
/// ```
package struct FeedbackSimulation: Sendable {
    /// One labelled corpus text.
    package struct LabeledText: Sendable {
        package var text: String
        package var subject: Subject
        package var severity: Severity
        package init(text: String, subject: Subject, severity: Severity) {
            self.text = text
            self.subject = subject
            self.severity = severity
        }
    }

    /// The hidden business weights on standardised true factors.
    package struct BusinessWeights: Sendable, Equatable, Codable {
        package var severity: Double
        package var customerValue: Double
        package var openBalance: Double
        package var creditRisk: Double
        package var amount: Double
        package var age: Double
        /// Extra urgency of some subjects (e.g. a dispute that blocks payment of the whole account).
        package var subjects: [Subject: Double]

        /// Before the change: severity first, then value and balance; credit risk matters least.
        package static let normal = BusinessWeights(
            severity: 2.0, customerValue: 1.2, openBalance: 0.8, creditRisk: 0.2, amount: 0.6, age: 0.3,
            subjects: [.unauthorized: 0.6, .alreadyPaid: -0.5, .documentation: -0.4])
        /// After the change (a downturn): credit risk first.
        package static let downturn = BusinessWeights(
            severity: 0.8, customerValue: 0.3, openBalance: 1.0, creditRisk: 2.6, amount: 0.6, age: 0.8,
            subjects: [.unauthorized: 0.6, .alreadyPaid: -0.5, .documentation: -0.4])
    }

    /// Simulation settings.
    package struct Configuration: Sendable {
        /// Feedback events in total (default 4,000); the change happens at ``changeAt``.
        package var events = 4_000
        /// Event index of the sudden change (default 2,000).
        package var changeAt = 2_000
        /// Events between two measurements (default 100).
        package var reportEvery = 100
        /// Size of the evaluation pool (default 1,000).
        package var poolSize = 1_000
        /// Number of synthetic customers (default 400).
        package var customers = 400
        /// Fraction of disputes that are urgent under the truth (default 0.3).
        package var urgentShare = 0.3
        /// Sharpness of the feedback noise: labels are drawn from σ(sharpness · margin) (default 6).
        package var sharpness = 6.0
        /// Share of events where the collector also corrects subject and severity (default 0).
        package var correctionShare = 0.0
        /// Weights before and after the change.
        package var before = BusinessWeights.normal
        package var after = BusinessWeights.downturn
        /// Seed of everything random (default 42).
        package var seed: UInt64 = 42

        /// The defaults above.
        package init() {}
    }

    /// One measurement.
    package struct Point: Sendable, Equatable {
        package var events: Int
        package var phase: Int
        package var auc: Double
        package var ndcgAt10: Double
        /// AUC of the fixed cold-start prior on the same pool, for reference.
        package var priorAUC: Double
    }

    /// The whole curve and its summary.
    package struct Report: Sendable {
        package var points: [Point]
        package var changeAt: Int
        package var driftsDetected: Int

        /// AUC at the change, against the old truth.
        package var aucBeforeChange: Double? { points.last { $0.events <= changeAt && $0.phase == 0 }?.auc }
        /// AUC at the change against the new truth: the drop before any re-learning.
        package var aucAfterChange: Double? { points.first { $0.events >= changeAt && $0.phase == 1 }?.auc }
        /// Events after the change until AUC is back at `threshold` (nil if never).
        package func eventsToRecover(threshold: Double = 0.85) -> Int? {
            points.first { $0.phase == 1 && $0.auc >= threshold }.map { $0.events - changeAt }
        }
        /// AUC after `events` feedback events (the first measurement at or after it).
        package func auc(after events: Int) -> Double? { points.first { $0.events >= events }?.auc }
    }

    package let configuration: Configuration
    package let texts: [LabeledText]

    /// A simulation over `texts` (the corpus with its true labels).
    package init(configuration: Configuration = Configuration(), texts: [LabeledText]) {
        self.configuration = configuration
        self.texts = texts
    }

    struct Customer { var value: Double; var balance: Double; var score: Double; var days: Double }
    struct Case { var dispute: Dispute; var truth: LabeledText }

    /// Runs the simulation; `progress` receives each point as it is measured.
    package func run(model start: TriageModel, progress: ((Point) -> Void)? = nil) throws -> Report {
        precondition(!texts.isEmpty, "the simulation needs texts")
        var generator = SeededGenerator(seed: configuration.seed)
        let customers = (0..<configuration.customers).map { _ in Self.customer(&generator) }
        func draw(_ id: String) throws -> Case {
            let truth = texts[generator.next(below: texts.count)]
            let customer = customers[generator.next(below: customers.count)]
            let amount = (exp(Self.normal(&generator) * 1.3 + 7.5) * 100).rounded() / 100
            let facts = try DisputeFacts(
                amount: amount, customerValue: customer.value, openBalance: customer.balance,
                creditScore: customer.score, daysPastDue: customer.days)
            return Case(dispute: try Dispute(id: id, text: truth.text, facts: facts), truth: truth)
        }
        let pool = try (0..<configuration.poolSize).map { try draw("pool-\($0)") }
        let stream = try (0..<configuration.events).map { try draw("event-\($0)") }

        // Thresholds: the urgent share of the pool under each phase's weights.
        func threshold(_ weights: BusinessWeights) -> Double {
            let margins = pool.map { Self.trueScore($0, weights) }.sorted()
            return margins[Int(Double(margins.count) * (1 - configuration.urgentShare))]
        }
        let thresholds = [threshold(configuration.before), threshold(configuration.after)]

        var model = start
        let prior = model.score(pool.map(\.dispute), explain: false).map(\.coldStartPriority)
        var points: [Point] = []
        func measure(_ events: Int, phase: Int) throws {
            let weights = phase == 0 ? configuration.before : configuration.after
            let truthScores = pool.map { Self.trueScore($0, weights) }
            let labels = truthScores.map { $0 > thresholds[phase] }
            // Graded gains: how far above the urgency line a dispute truly is.
            let gains = truthScores.map { max(0, $0 - thresholds[phase]) }
            let scores = model.score(pool.map(\.dispute), explain: false).map(\.priority)
            let point = Point(
                events: events, phase: phase, auc: RankingMetrics.auc(scores: scores, labels: labels),
                ndcgAt10: RankingMetrics.ndcg(scores: scores, gains: gains, at: 10),
                priorAUC: RankingMetrics.auc(scores: prior, labels: labels))
            points.append(point)
            progress?(point)
        }
        try measure(0, phase: 0)
        for (i, event) in stream.enumerated() {
            let phase = i < configuration.changeAt ? 0 : 1
            let weights = phase == 0 ? configuration.before : configuration.after
            let margin = Self.trueScore(event, weights) - thresholds[phase]
            let urgent = generator.nextUnit() < 1 / (1 + exp(-configuration.sharpness * margin))
            let corrects = generator.nextUnit() < configuration.correctionShare
            try model.learn(
                Feedback(
                    dispute: event.dispute, urgent: urgent,
                    subject: corrects ? event.truth.subject : nil, severity: corrects ? event.truth.severity : nil))
            let done = i + 1
            if done % configuration.reportEvery == 0 || done == configuration.changeAt {
                try measure(done, phase: done <= configuration.changeAt ? 0 : 1)
            }
            // At the change, also score the same model against the new truth: the drop before any re-learning.
            if done == configuration.changeAt { try measure(done, phase: 1) }
        }
        return Report(
            points: points, changeAt: configuration.changeAt, driftsDetected: model.priorityModel.driftsDetected)
    }

    /// The hidden score of a case: weights on standardised true factors.
    static func trueScore(_ c: Case, _ w: BusinessWeights) -> Double {
        let f = c.dispute.facts
        let severity = Double(c.truth.severity.level) / 3 * 2 - 1  // −1…1
        let value = (log10(max(f.resolvedCustomerValue, 1)) - 5) / 1  // ~−1…1
        let balance = (log10(max(f.resolvedOpenBalance, 1)) - 4) / 1
        let risk = (100 - f.resolvedCreditScore) / 50 - 1  // −1…1
        let amount = (log10(max(f.resolvedAmount, 1)) - 3.3) / 0.6
        let age = (log1p(f.resolvedDaysPastDue) - 2.5) / 1.2
        return w.severity * severity + w.customerValue * value + w.openBalance * balance + w.creditRisk * risk
            + w.amount * amount + w.age * age + (w.subjects[c.truth.subject] ?? 0)
    }

    static func customer(_ g: inout SeededGenerator) -> Customer {
        let value = exp(normal(&g) * 1.2 + 11.5)  // median ≈ 100k, wide spread
        var balance = value * exp(normal(&g) * 0.8 - 2.3)  // ≈ 10% of yearly value
        if g.nextUnit() < 0.05 { balance = -balance * 0.1 }  // a few customers hold a credit
        let score = min(100, max(0, 65 + normal(&g) * 20))
        let days = max(0, exp(normal(&g) * 1.0 + 2.5) - 5).rounded()
        return Customer(
            value: value.rounded(), balance: (balance * 100).rounded() / 100, score: score.rounded(), days: days)
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ g: inout SeededGenerator) -> Double {
        let u = max(g.nextUnit(), 1e-12)
        let v = g.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
