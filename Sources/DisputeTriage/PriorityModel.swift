@_spi(Components) import LinearAlgebra
import ModelFormat
import SystemSupport

/// Turns subject and severity distributions and customer numbers into a priority 0–100:
/// `priority = 100 · σ(w·φ + b)`, the probability that the dispute is urgent, with φ from
/// ``PriorityFeatures``.
///
/// Two heads are scored together in one BLAS matrix product: `priority` (learned online from
/// collectors' feedback, starting from the prior) and `prior` (the fixed cold-start rule, kept for
/// comparison). Learning is AdaGrad with a decaying gradient memory (`Parameters.recency`), so
/// recent feedback keeps mattering, plus a Page–Hinkley `DriftDetector` that sharpens the learning
/// rate when the loss jumps because priorities changed.
///
/// ```swift
/// var model = PriorityModel.coldStart()
/// let scores = model.priorities(features)        // features: N × PriorityFeatures.count
/// model.learn(row, urgent: true)
/// ```
public struct PriorityModel: Sendable, Equatable {
    /// Learning settings.
    package struct Parameters: Codable, Sendable, Equatable {
        /// AdaGrad step size η. Default 0.25 (chosen with `triage simulate`: fast re-learning after a change without losing accuracy before it).
        package var learningRate: Float
        /// Per-update decay of the squared-gradient memory: 1 = plain AdaGrad (steps shrink forever),
        /// below 1 keeps steps from vanishing so the model keeps adapting. Default 0.998.
        package var recency: Float
        /// Page–Hinkley λ on the log-loss; 0 disables drift detection. Default 8.
        package var driftThreshold: Float
        /// Page–Hinkley δ. Default 0.05.
        package var driftTolerance: Float
        /// Factor applied to the gradient memory when a drift is detected (smaller = bigger steps). Default 0.05.
        package var driftMemoryScale: Float

        /// The defaults above.
        package init(
            learningRate: Float = 0.25, recency: Float = 0.998, driftThreshold: Float = 8, driftTolerance: Float = 0.05,
            driftMemoryScale: Float = 0.05
        ) {
            self.learningRate = learningRate
            self.recency = recency
            self.driftThreshold = driftThreshold
            self.driftTolerance = driftTolerance
            self.driftMemoryScale = driftMemoryScale
        }

        /// What is out of range, or `nil` when every parameter is usable.
        package var problem: String? {
            if !(learningRate.isFinite && learningRate > 0) { return "learningRate must be > 0, got \(learningRate)" }
            if !(recency > 0 && recency <= 1) { return "recency must be within (0, 1], got \(recency)" }
            if !(driftThreshold.isFinite && driftThreshold >= 0) {
                return "driftThreshold must be >= 0, got \(driftThreshold)"
            }
            if !(driftTolerance.isFinite && driftTolerance >= 0) {
                return "driftTolerance must be >= 0, got \(driftTolerance)"
            }
            if !(driftMemoryScale > 0 && driftMemoryScale <= 1) {
                return "driftMemoryScale must be within (0, 1], got \(driftMemoryScale)"
            }
            return nil
        }
    }

    /// Output heads, in column order.
    package static let heads = ["priority", "prior"]

    package let parameters: Parameters
    /// Weights, `PriorityFeatures.count × heads.count`.
    package private(set) var weights: Matrix
    /// One bias per head.
    package private(set) var bias: [Float]
    /// AdaGrad memory of the learned head: one per feature, then the bias.
    package private(set) var squaredGradients: [Float]
    /// Feedback events learned.
    package private(set) var updates: Int
    /// Drifts detected so far.
    package private(set) var driftsDetected: Int
    /// The drift detector's state.
    package private(set) var detector: DriftDetector
    /// Learned head's logit of ``referenceFeatures`` (the explanations' baseline), kept up to date
    /// so explaining a dispute does not recompute it.
    private var referenceLogit: Float = 0

    /// The cold-start rule: higher severity, customer value, open balance, credit risk, amount and
    /// age → higher priority; subjects start neutral; a credit on account lowers it.
    package static let priorWeights: [Float] = {
        var w = [Float](repeating: 0, count: PriorityFeatures.count)
        let named: [String: Float] = [
            "severity_level": 3.0, "p_critical": 1.5, "p_high": 0.5, "customer_value": 1.5, "open_balance": 1.0,
            "credit_on_account": -1.0, "amount": 1.0, "amount_share": 0.3, "credit_risk": 1.5, "age": 0.8,
            "severity_x_value": 1.0, "severity_x_amount": 0.5, "risk_x_balance": 1.0, "risk_x_amount": 0.5,
            "severity_x_risk": 0.5,
        ]
        for (name, weight) in named { w[PriorityFeatures.names.firstIndex(of: name)!] = weight }
        return w
    }()

    /// φ of the reference dispute: medium severity, uniform subject, customer value 50,000, open
    /// balance 10,000, amount 1,000, credit score 60, 15 days past due.
    package static let referenceFeatures: [Float] = {
        var row = [Float](repeating: 0, count: PriorityFeatures.count)
        // Constant, valid facts: `try!` cannot fail.
        // swift-format-ignore: NeverUseForceTry
        let facts = try! DisputeFacts(
            amount: 1_000, customerValue: 50_000, openBalance: 10_000, creditScore: 60, daysPastDue: 15)
        let subject = [Float](repeating: 1 / Float(Subject.allCases.count), count: Subject.allCases.count)
        PriorityFeatures.fill(&row, subject: subject, severity: [0, 1, 0, 0], facts: facts)
        return row
    }()

    /// The prior gives the reference dispute a priority of 35.
    package static let priorBias: Float = {
        var z: Float = 0
        for (w, x) in zip(priorWeights, referenceFeatures) { z += w * x }
        return logf(0.35 / 0.65) - z
    }()

    /// A model that knows only the prior.
    package static func coldStart(parameters: Parameters = Parameters()) -> PriorityModel {
        var weights = Matrix(rows: PriorityFeatures.count, columns: heads.count)
        for (f, w) in priorWeights.enumerated() {
            weights[f, 0] = w
            weights[f, 1] = w
        }
        return PriorityModel(
            parameters: parameters, weights: weights, bias: [priorBias, priorBias],
            squaredGradients: [Float](repeating: 0, count: PriorityFeatures.count + 1), updates: 0, driftsDetected: 0,
            detector: DriftDetector(
                threshold: Double(parameters.driftThreshold), tolerance: Double(parameters.driftTolerance)))
    }

    init(
        parameters: Parameters, weights: Matrix, bias: [Float], squaredGradients: [Float], updates: Int,
        driftsDetected: Int, detector: DriftDetector
    ) {
        self.parameters = parameters
        self.weights = weights
        self.bias = bias
        self.squaredGradients = squaredGradients
        self.updates = updates
        self.driftsDetected = driftsDetected
        self.detector = detector
        self.referenceLogit = logit(Self.referenceFeatures, head: 0)
    }

    /// Raw scores of every head for a batch: `features · weights + bias`, one BLAS `sgemm`.
    /// - Precondition: `features` has ``PriorityFeatures/count`` columns.
    package func logits(_ features: Matrix) -> Matrix {
        var out = Matrix(rows: features.rows, columns: Self.heads.count)
        for r in 0..<features.rows {
            for h in 0..<Self.heads.count { out[r, h] = bias[h] }
        }
        BLAS.gemm(features, .asIs, weights, .asIs, alpha: 1, beta: 1, into: &out)
        return out
    }

    /// Priorities (0–100) of the learned head for a batch.
    @_spi(Components) public func priorities(_ features: Matrix) -> [Float] {
        let z = logits(features)
        return (0..<features.rows).map { 100 * StableMath.sigmoid(z[$0, 0]) }
    }

    /// Priority of one feature row (a plain loop: BLAS only pays off on batches).
    public func priority(_ row: [Float]) -> Float { 100 * StableMath.sigmoid(logit(row, head: 0)) }

    /// The raw score of one row for `head`.
    package func logit(_ row: [Float], head: Int) -> Float {
        var z = bias[head]
        for f in 0..<min(row.count, weights.rows) { z += weights[f, head] * row[f] }
        return z
    }

    /// Learns one feedback event: `urgent` is what the collector decided for the dispute with features `row`.
    package mutating func learn(_ row: [Float], urgent: Bool, weight: Float = 1) {
        let z = logit(row, head: 0)
        let p = StableMath.sigmoid(z)
        let y: Float = urgent ? 1 : 0
        let loss = -Double(urgent ? StableMath.logSigmoid(z) : StableMath.logSigmoid(-z))
        if detector.observe(loss) {
            driftsDetected += 1
            for i in squaredGradients.indices { squaredGradients[i] *= parameters.driftMemoryScale }
        }
        let g = (p - y) * weight
        let eta = parameters.learningRate
        let decay = parameters.recency
        let features = PriorityFeatures.count
        for f in 0..<features {
            let gradient = g * row[f]
            squaredGradients[f] = decay * squaredGradients[f] + gradient * gradient
            if gradient != 0 { weights[f, 0] -= eta * gradient / (squaredGradients[f] + 1e-6).squareRoot() }
        }
        squaredGradients[features] = decay * squaredGradients[features] + g * g
        if g != 0 { bias[0] -= eta * g / (squaredGradients[features] + 1e-6).squareRoot() }
        updates += 1
        referenceLogit = logit(Self.referenceFeatures, head: 0)
    }

    /// Each factor's contribution in priority points, relative to ``referenceFeatures``. The points of
    /// the credit features go to `payment_risk` in proportion `paymentRiskShare`
    /// (``DisputeFacts/paymentRiskShare``); with 0, `payment_risk` is left out of the explanation.
    package func explain(_ row: [Float], paymentRiskShare: Float = 0) -> PriorityExplanation {
        row.withUnsafeBufferPointer { explain($0, logit: logit(row, head: 0), paymentRiskShare: paymentRiskShare) }
    }

    /// As ``explain(_:)-([Float])`` for a row whose learned-head logit `z` is already known (e.g. one
    /// row of a batch scored by ``logits(_:)``), so the explanation adds up to the priority reported.
    package func explain(_ row: UnsafeBufferPointer<Float>, logit z: Float, paymentRiskShare: Float = 0)
        -> PriorityExplanation
    {
        let reference = Self.referenceFeatures
        let z0 = referenceLogit
        let p = 100 * StableMath.sigmoid(z)
        let p0 = 100 * StableMath.sigmoid(z0)
        // Share the difference in points in proportion to each feature's share of the logit difference;
        // when the logits barely differ, use the slope of the sigmoid instead.
        let scale: Float =
            abs(z - z0) > 1e-4 ? (p - p0) / (z - z0) : 100 * StableMath.sigmoid(z) * (1 - StableMath.sigmoid(z))
        let shares = PriorityFeatures.factorShares
        var points = SIMD8<Float>()
        for f in 0..<min(row.count, PriorityFeatures.count) {
            // Shares are 1 or ½, so `delta · share` is exactly `delta / owners`.
            let delta = weights[f, 0] * (row[f] - reference[f]) * scale
            points += SIMD8(repeating: delta) * shares[f]
        }
        guard paymentRiskShare > 0 else { return PriorityExplanation(baseline: p0, points: points) }
        let moved = points[PriorityFactor.credit.position] * paymentRiskShare
        points[PriorityFactor.credit.position] -= moved
        points[PriorityFactor.paymentRisk.position] += moved
        return PriorityExplanation(baseline: p0, points: points, hasPaymentRisk: true)
    }
}

// MARK: - Saving

extension PriorityModel {
    /// The JSON part of a saved priority model.
    package struct Info: Codable, Sendable, Equatable {
        package var parameters: Parameters
        package var features: [String]
        package var heads: [String]
        package var updates: Int
        package var driftsDetected: Int
    }

    /// Description and tensors (prefixed with `prefix.`).
    package func archive(prefix: String) -> (info: Info, tensors: [String: Tensor]) {
        let p = prefix + "."
        let tensors: [String: Tensor] = [
            p + "weights": Tensor(float32: weights.values, shape: [weights.rows, weights.columns]),
            p + "bias": Tensor(float32: bias),
            p + "squared_gradients": Tensor(float32: squaredGradients),
            p + "drift_state": Tensor(float64: detector.state),
        ]
        let info = Info(
            parameters: parameters, features: PriorityFeatures.names, heads: Self.heads, updates: updates,
            driftsDetected: driftsDetected)
        return (info, tensors)
    }

    /// Restores a saved model.

    /// - Throws: ``ModelFormatError/missingTensor(path:name:reason:)`` when parts are missing or mis-shaped.
    package init(info: Info, tensors: [String: Tensor], prefix: String, path: String) throws {
        let p = prefix + "."
        guard info.features == PriorityFeatures.names, info.heads == Self.heads else {
            throw ModelFormatError.malformed(
                path: path, reason: "priority model features or heads differ from this library's")
        }
        if let problem = info.parameters.problem {
            throw ModelFormatError.malformed(path: path, reason: "priority model parameters: \(problem)")
        }
        func floats(_ name: String, _ count: Int) throws -> [Float] {
            guard let values = tensors[p + name]?.float32Values(), values.count == count, values.allSatisfy(\.isFinite)
            else {
                throw ModelFormatError.missingTensor(
                    path: path, name: p + name, reason: "must be F32 with \(count) finite values")
            }
            return values
        }
        let f = PriorityFeatures.count
        let h = Self.heads.count
        guard let drift = tensors[p + "drift_state"]?.float64Values(), drift.count == 4 else {
            throw ModelFormatError.missingTensor(
                path: path, name: p + "drift_state", reason: "must be F64 with 4 values")
        }
        self.init(
            parameters: info.parameters, weights: try Matrix(rows: f, columns: h, values: try floats("weights", f * h)),
            bias: try floats("bias", h), squaredGradients: try floats("squared_gradients", f + 1),
            updates: info.updates,
            driftsDetected: info.driftsDetected,
            detector: DriftDetector(
                threshold: Double(info.parameters.driftThreshold), tolerance: Double(info.parameters.driftTolerance),
                state: drift))
    }
}
