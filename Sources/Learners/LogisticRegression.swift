@_spi(Components) import LinearAlgebra
import SystemSupport
@_spi(Components) import TextFeatures

/// Multinomial (softmax) logistic regression with L2 regularisation.
///
/// Batch training minimises `C · Σᵢ wᵢ · CE(xᵢ, yᵢ) + ½‖W‖²` (scikit-learn's objective; the biases
/// are not penalised) with L-BFGS by default, or runs ``Parameters/epochs`` AdaGrad passes in an
/// order shuffled by ``Parameters/seed``. Online ``update(_:)`` takes one AdaGrad step, so a model
/// keeps learning from feedback after deployment. A class never seen before gets a new
/// column of zero weights. Weights are stored feature-major (`weights[j * K + c]`) so one sparse
/// example touches contiguous memory.
///
/// ```swift
/// var lr = LogisticRegression(dimension: extractor.dimension, parameters: .init(epochs: 10))
/// try lr.fit(examples)
/// let p = lr.predictProbabilities(x)
/// ```
package struct LogisticRegression: Classifier, Equatable {
    /// How batch training optimises.
    package enum Solver: String, Codable, Sendable, CaseIterable {
        /// Full-batch L-BFGS to (near) the exact optimum. Deterministic without shuffling.
        case lbfgs
        /// Epochs of AdaGrad over a seeded shuffle.
        case adagrad
    }

    /// Hyper-parameters.
    package struct Parameters: Codable, Sendable, Equatable {
        /// Batch optimiser. Default ``Solver/lbfgs``.
        package var solver: Solver
        /// Inverse regularisation strength C of the L-BFGS objective (larger = weaker L2). Default 10.
        package var inverseRegularization: Float
        /// L-BFGS iteration cap. Default 300.
        package var maxIterations: Int
        /// AdaGrad base learning rate η (AdaGrad solver and online updates). Default 0.5.
        package var learningRate: Float
        /// L2 penalty λ applied to the weights an AdaGrad step touches. Default 1e-6.
        package var l2: Float
        /// Passes over the data with the AdaGrad solver. Default 10.
        package var epochs: Int
        /// Class weights. Default ``ClassWeighting/balanced``.
        package var classWeighting: ClassWeighting
        /// Seed of the shuffling order. Default 1.
        package var seed: UInt64

        /// Parameters with the defaults above.
        package init(
            solver: Solver = .lbfgs, inverseRegularization: Float = 10, maxIterations: Int = 300,
            learningRate: Float = 0.5, l2: Float = 1e-6, epochs: Int = 10,
            classWeighting: ClassWeighting = .balanced, seed: UInt64 = 1
        ) {
            self.solver = solver
            self.inverseRegularization = inverseRegularization
            self.maxIterations = maxIterations
            self.learningRate = learningRate
            self.l2 = l2
            self.epochs = epochs
            self.classWeighting = classWeighting
            self.seed = seed
        }

        /// Checks ranges. - Throws: ``LearnerError/invalidParameter(name:reason:)``.
        package func validate() throws {
            guard learningRate.isFinite, learningRate > 0 else {
                throw LearnerError.invalidParameter(
                    name: "learningRate", reason: "must be > 0, got \(learningRate)")
            }
            guard l2.isFinite, l2 >= 0 else {
                throw LearnerError.invalidParameter(name: "l2", reason: "must be >= 0, got \(l2)")
            }
            guard inverseRegularization.isFinite, inverseRegularization > 0 else {
                throw LearnerError.invalidParameter(
                    name: "inverseRegularization", reason: "must be > 0, got \(inverseRegularization)")
            }
            guard maxIterations >= 1 else {
                throw LearnerError.invalidParameter(
                    name: "maxIterations", reason: "must be >= 1, got \(maxIterations)")
            }
            guard epochs >= 1 else {
                throw LearnerError.invalidParameter(name: "epochs", reason: "must be >= 1, got \(epochs)")
            }
        }
    }

    package var parameters: Parameters
    package let dimension: Int
    package internal(set) var labels = ClassLabels()
    package var temperature: Float = 1
    /// Weights, feature-major: `weights[j * classCount + c]`.
    package internal(set) var weights: [Float] = []
    /// One bias per class.
    package internal(set) var bias: [Float] = []
    /// AdaGrad's accumulated squared gradients, laid out like ``weights`` (kept for online learning).
    /// Empty while ``weights`` is not means uniformly 1 (a model loaded after batch training): the
    /// array is only made when the model first learns online, so scoring never allocates it.
    package internal(set) var squaredGradients: [Float] = []
    /// AdaGrad state of the biases.
    package internal(set) var biasSquaredGradients: [Float] = []
    /// Loss weight of each class (from ``Parameters/classWeighting`` at fit time; 1 for later classes).
    package internal(set) var classWeights: [Float] = []

    private static let epsilon: Float = 1e-8

    /// An untrained model for feature indices `0..<dimension`.
    package init(dimension: Int, parameters: Parameters = Parameters()) {
        self.dimension = dimension
        self.parameters = parameters
    }

    /// Restores a trained model. An empty `squaredGradients` stands for `dimension × classes` ones.

    /// - Throws: ``LearnerError/inconsistentState(_:)`` if sizes disagree.
    package init(
        dimension: Int, parameters: Parameters, labels: ClassLabels, weights: [Float], bias: [Float],
        squaredGradients: [Float], biasSquaredGradients: [Float], classWeights: [Float], temperature: Float
    ) throws {
        let k = labels.count
        guard weights.count == dimension * k, squaredGradients.isEmpty || squaredGradients.count == dimension * k,
            bias.count == k,
            biasSquaredGradients.count == k, classWeights.count == k
        else {
            throw LearnerError.inconsistentState(
                "logistic regression arrays do not match \(dimension) features × \(k) classes")
        }
        let finite =
            weights.allSatisfy(\.isFinite) && bias.allSatisfy(\.isFinite)
            && squaredGradients.allSatisfy { $0.isFinite && $0 >= 0 }
            && classWeights.allSatisfy { $0.isFinite && $0 >= 0 }
        guard finite, temperature.isFinite, temperature > 0 else {
            throw LearnerError.inconsistentState("logistic regression state has non-finite or negative values")
        }
        self.dimension = dimension
        self.parameters = parameters
        self.labels = labels
        self.weights = weights
        self.bias = bias
        self.squaredGradients = squaredGradients
        self.biasSquaredGradients = biasSquaredGradients
        self.classWeights = classWeights
        self.temperature = temperature
    }

    package mutating func fit(_ examples: [LabeledExample]) throws {
        guard !examples.isEmpty else { throw LearnerError.emptyTrainingSet }
        try validateParameters()
        for example in examples { try example.validate(dimension: dimension, nonNegative: false) }
        labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let k = labels.count
        weights = [Float](repeating: 0, count: dimension * k)
        squaredGradients = [Float](repeating: 0, count: dimension * k)
        bias = [Float](repeating: 0, count: k)
        biasSquaredGradients = [Float](repeating: 0, count: k)
        var classCounts = [Double](repeating: 0, count: k)
        let targets = examples.map { labels.index(of: $0.label)! }
        for (i, example) in examples.enumerated() { classCounts[targets[i]] += Double(example.weight) }
        classWeights = parameters.classWeighting.weights(counts: classCounts)

        switch parameters.solver {
        case .lbfgs:
            let problem = SoftmaxObjective(
                examples: examples, targets: targets, dimension: dimension, classCount: k,
                position: SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension))
            fitBatch(problem, labels: labels, classCounts: classCounts)
        case .adagrad:
            var order = Array(examples.indices)
            var generator = SeededGenerator(seed: parameters.seed)
            var scratch = [Float](repeating: 0, count: k)
            for _ in 0..<parameters.epochs {
                generator.shuffle(&order)
                for i in order {
                    step(examples[i].features, target: targets[i], weight: examples[i].weight, scratch: &scratch)
                }
            }
        }
    }

    package mutating func update(_ example: LabeledExample) throws {
        try validateParameters()
        try example.validate(dimension: dimension, nonNegative: false)
        materializeSquaredGradients()
        let target = labels.index(of: example.label) ?? addClass(example.label)
        var scratch = [Float](repeating: 0, count: labels.count)
        step(example.features, target: target, weight: example.weight, scratch: &scratch)
    }

    package func decisionScores(_ features: SparseVector, into scores: inout [Float]) {
        let k = labels.count
        if scores.count != k { scores = [Float](repeating: 0, count: k) }
        guard k > 0 else { return }
        scores.withUnsafeMutableBufferPointer { out in
            bias.withUnsafeBufferPointer { b in
                for c in 0..<k { out[c] = b[c] }
            }
            weights.withUnsafeBufferPointer { w in
                SparseRowSum.add(features, table: w, columns: k, dimension: dimension, scale: 1, into: out)
            }
        }
    }

    /// The gradient of the weighted, L2-regularised log-loss of one example with respect to every
    /// weight (feature-major, like ``weights``) and bias; used by tests against finite differences.
    package func lossGradient(_ example: LabeledExample) -> (loss: Float, weights: [Float], bias: [Float]) {
        let k = labels.count
        var p = [Float](repeating: 0, count: k)
        decisionScores(example.features, into: &p)
        let target = labels.index(of: example.label)!
        let logNormaliser = StableMath.logSumExp(p)
        let classWeight = classWeights.isEmpty ? 1 : classWeights[target]
        var loss = example.weight * classWeight * (logNormaliser - p[target])
        StableMath.softmax(&p)
        var gradientWeights = [Float](repeating: 0, count: dimension * k)
        var gradientBias = [Float](repeating: 0, count: k)
        for c in 0..<k {
            gradientBias[c] = example.weight * classWeight * (p[c] - (c == target ? 1 : 0))
        }
        for (i, index) in example.features.indices.enumerated() {
            let row = Int(index) * k
            for c in 0..<k {
                let w = weights[row + c]
                gradientWeights[row + c] = gradientBias[c] * example.features.values[i] + parameters.l2 * w
                loss += 0.5 * parameters.l2 * w * w
            }
        }
        return (loss, gradientWeights, gradientBias)
    }

    // MARK: - Internals

    private func validateParameters() throws { try parameters.validate() }

    /// One AdaGrad step on one example.
    private mutating func step(_ features: SparseVector, target: Int, weight: Float, scratch: inout [Float]) {
        let k = labels.count
        decisionScores(features, into: &scratch)
        StableMath.softmax(&scratch)
        let scale = weight * classWeights[target]
        for c in 0..<k { scratch[c] = scale * (scratch[c] - (c == target ? 1 : 0)) }
        let eta = parameters.learningRate
        let l2 = parameters.l2
        let epsilon = Self.epsilon
        weights.withUnsafeMutableBufferPointer { w in
            squaredGradients.withUnsafeMutableBufferPointer { g in
                scratch.withUnsafeBufferPointer { delta in
                    for (i, index) in features.indices.enumerated() {
                        let value = features.values[i]
                        let row = Int(index) * k
                        for c in 0..<k {
                            let gradient = delta[c] * value + l2 * w[row + c]
                            if gradient == 0 { continue }
                            g[row + c] += gradient * gradient
                            w[row + c] -= eta * gradient / (g[row + c] + epsilon).squareRoot()
                        }
                    }
                }
            }
        }
        for c in 0..<k where scratch[c] != 0 {
            biasSquaredGradients[c] += scratch[c] * scratch[c]
            bias[c] -= eta * scratch[c] / (biasSquaredGradients[c] + epsilon).squareRoot()
        }
    }

    /// Makes the uniform AdaGrad memory of a loaded model (see ``squaredGradients``) an array of ones.
    private mutating func materializeSquaredGradients() {
        if squaredGradients.isEmpty && !weights.isEmpty {
            squaredGradients = [Float](repeating: 1, count: weights.count)
        }
    }

    /// Equal parameters and state; an unmade uniform AdaGrad memory equals an array of ones.
    package static func == (lhs: LogisticRegression, rhs: LogisticRegression) -> Bool {
        lhs.parameters == rhs.parameters && lhs.dimension == rhs.dimension && lhs.labels == rhs.labels
            && lhs.temperature == rhs.temperature && lhs.weights == rhs.weights && lhs.bias == rhs.bias
            && sameSquaredGradients(lhs, rhs) && lhs.biasSquaredGradients == rhs.biasSquaredGradients
            && lhs.classWeights == rhs.classWeights
    }

    private static func sameSquaredGradients(_ lhs: LogisticRegression, _ rhs: LogisticRegression) -> Bool {
        let (a, b) = (lhs.squaredGradients, rhs.squaredGradients)
        if a.isEmpty == b.isEmpty { return a == b }
        let made = a.isEmpty ? b : a
        return made.count == (a.isEmpty ? lhs : rhs).weights.count && made.allSatisfy { $0 == 1 }
    }

    private mutating func addClass(_ label: String) -> Int {
        let oldK = labels.count
        let c = labels.append(label)
        let k = labels.count
        func widen(_ array: [Float]) -> [Float] {
            var result = [Float](repeating: 0, count: dimension * k)
            for j in 0..<dimension {
                for old in 0..<oldK { result[j * k + old] = array[j * oldK + old] }
            }
            return result
        }
        weights = widen(weights)
        squaredGradients = widen(squaredGradients)
        bias.append(0)
        biasSquaredGradients.append(0)
        classWeights.append(1)
        return c
    }
}
