import SystemSupport
@_spi(Components) import TextFeatures

/// Multinomial and complement naive Bayes over non-negative features (counts or tf-idf).
///
/// Training only adds weighted feature values to per-class counts, so ``update(_:)`` learns one
/// example exactly as batch training would, and ``remove(_:)`` takes one back (label corrections).
/// A cache of `log(count + α)` is kept up to date so prediction costs one multiply-add per
/// (non-zero feature × class) and no logarithms.
///
/// ```swift
/// var nb = NaiveBayes(dimension: 1 << 16, parameters: .init(variant: .complement))
/// try nb.fit(examples)
/// try nb.update(LabeledExample(features: x, label: "freight"))
/// try nb.remove(LabeledExample(features: x, label: "freight"))   // undo
/// ```
package struct NaiveBayes: Classifier, Equatable {
    /// Which naive Bayes.
    package enum Variant: String, Codable, Sendable, CaseIterable {
        /// Multinomial NB: P(class) · Π P(feature | class).
        case multinomial
        /// Complement NB (Rennie et al. 2003): scores a class by how unlike the *other* classes the
        /// text is; more robust on imbalanced classes.
        case complement
    }

    /// Hyper-parameters.
    package struct Parameters: Codable, Sendable, Equatable {
        /// Which variant. Default ``Variant/multinomial``.
        package var variant: Variant
        /// Additive (Lidstone) smoothing α > 0. Default 0.1.
        package var smoothing: Float
        /// Use class frequencies as priors (multinomial only). Default `true`.
        package var fitPrior: Bool

        /// Parameters with the defaults above.
        package init(variant: Variant = .multinomial, smoothing: Float = 0.1, fitPrior: Bool = true) {
            self.variant = variant
            self.smoothing = smoothing
            self.fitPrior = fitPrior
        }

        /// Checks ranges. - Throws: ``LearnerError/invalidParameter(name:reason:)``.
        package func validate() throws {
            guard smoothing.isFinite, smoothing > 0 else {
                throw LearnerError.invalidParameter(name: "smoothing", reason: "must be > 0, got \(smoothing)")
            }
        }
    }

    package let parameters: Parameters
    package let dimension: Int
    package private(set) var labels = ClassLabels()
    package var temperature: Float = 1

    /// Weighted feature sums, feature-major: `counts[j * classCount + c]`.
    package private(set) var counts: [Float] = []
    /// Σ of `counts` per class.
    package private(set) var classTotals: [Double] = []
    /// Σ of example weights per class (the prior's counts).
    package private(set) var classWeights: [Double] = []
    /// Σ of `counts` per feature over all classes (complement NB).
    package private(set) var featureTotals: [Float] = []
    private var logTable: [Float] = []

    /// An untrained model for feature indices `0..<dimension`.
    package init(dimension: Int, parameters: Parameters = Parameters()) {
        self.dimension = dimension
        self.parameters = parameters
        self.featureTotals = [Float](repeating: 0, count: dimension)
    }

    /// Restores a trained model from its counts.

    /// - Throws: ``LearnerError/inconsistentState(_:)``.
    package init(
        dimension: Int, parameters: Parameters, labels: ClassLabels, counts: [Float], classTotals: [Double],
        classWeights: [Double], temperature: Float
    ) throws {
        let k = labels.count
        guard counts.count == dimension * k, classTotals.count == k, classWeights.count == k else {
            throw LearnerError.inconsistentState("naive Bayes counts do not match \(dimension) features × \(k) classes")
        }
        guard counts.allSatisfy({ $0.isFinite && $0 >= 0 }), temperature.isFinite, temperature > 0 else {
            throw LearnerError.inconsistentState("naive Bayes counts must be finite and non-negative")
        }
        self.init(dimension: dimension, parameters: parameters)
        self.labels = labels
        self.counts = counts
        self.classTotals = classTotals
        self.classWeights = classWeights
        self.temperature = temperature
        for j in 0..<dimension {
            var total: Float = 0
            for c in 0..<k { total += counts[j * k + c] }
            featureTotals[j] = total
        }
        rebuildLogTable()
    }

    package mutating func fit(_ examples: [LabeledExample]) throws {
        guard !examples.isEmpty else { throw LearnerError.emptyTrainingSet }
        try validateParameters()
        for example in examples { try example.validate(dimension: dimension, nonNegative: true) }
        labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let k = labels.count
        counts = [Float](repeating: 0, count: dimension * k)
        classTotals = [Double](repeating: 0, count: k)
        classWeights = [Double](repeating: 0, count: k)
        featureTotals = [Float](repeating: 0, count: dimension)
        for example in examples { accumulate(example, sign: 1, classIndex: labels.index(of: example.label)!) }
        rebuildLogTable()
    }

    package mutating func update(_ example: LabeledExample) throws {
        try validateParameters()
        try example.validate(dimension: dimension, nonNegative: true)
        let c = labels.index(of: example.label) ?? addClass(example.label)
        accumulate(example, sign: 1, classIndex: c)
        refreshLogTable(for: example.features, classIndex: c)
    }

    /// Takes back an example learned before (e.g. when a collector corrects its label).
    /// Counts never go below zero.
    /// - Throws: ``LearnerError/unknownLabel(_:)``.
    package mutating func remove(_ example: LabeledExample) throws {
        try example.validate(dimension: dimension, nonNegative: true)
        guard let c = labels.index(of: example.label) else { throw LearnerError.unknownLabel(example.label) }
        accumulate(example, sign: -1, classIndex: c)
        refreshLogTable(for: example.features, classIndex: c)
    }

    package func decisionScores(_ features: SparseVector, into scores: inout [Float]) {
        let k = labels.count
        if scores.count != k { scores = [Float](repeating: 0, count: k) }
        guard k > 0 else { return }
        var mass: Float = 0
        for value in features.values { mass += value }
        let totals = (grand: classTotals.reduce(0, +), prior: classWeights.reduce(0, +))
        for c in 0..<k { scores[c] = classTerm(classTermParts(c, totals: totals), mass: mass) }
        let sign: Float = parameters.variant == .complement ? -1 : 1
        logTable.withUnsafeBufferPointer { table in
            scores.withUnsafeMutableBufferPointer { out in
                SparseRowSum.add(features, table: table, columns: k, dimension: dimension, scale: sign, into: out)
            }
        }
    }

    // MARK: - Internals

    /// The parts of class `c`'s score that do not come from the feature table: `offset` (the log
    /// prior, multinomial) and `slope` (the log normaliser each unit of feature mass costs).
    func classTermParts(_ c: Int, totals: (grand: Double, prior: Double)? = nil) -> (offset: Double, slope: Double) {
        let totals = totals ?? (grand: classTotals.reduce(0, +), prior: classWeights.reduce(0, +))
        let alpha = Double(parameters.smoothing)
        let d = Double(dimension)
        switch parameters.variant {
        case .multinomial:
            let prior = parameters.fitPrior && totals.prior > 0 ? log(max(classWeights[c], 1e-12) / totals.prior) : 0
            return (prior, log(classTotals[c] + alpha * d))
        case .complement:
            return (0, log(totals.grand - classTotals[c] + alpha * d))
        }
    }

    /// Class `c`'s score term for a document of total feature mass `mass`.
    func classTerm(_ parts: (offset: Double, slope: Double), mass: Float) -> Float {
        switch parameters.variant {
        case .multinomial: return Float(parts.offset - Double(mass) * parts.slope)
        case .complement: return Float(Double(mass) * parts.slope)
        }
    }

    /// `log(count + α)` of feature `feature` in class `classIndex`, as prediction reads it.
    func logCount(feature: Int, classIndex: Int) -> Float { logTable[feature * labels.count + classIndex] }

    private func validateParameters() throws { try parameters.validate() }

    private mutating func accumulate(_ example: LabeledExample, sign: Float, classIndex c: Int) {
        let k = labels.count
        var added: Double = 0
        for (i, index) in example.features.indices.enumerated() {
            let j = Int(index)
            let old = counts[j * k + c]
            let new = max(0, old + sign * example.weight * example.features.values[i])
            counts[j * k + c] = new
            featureTotals[j] = max(0, featureTotals[j] + (new - old))
            added += Double(new - old)
        }
        classTotals[c] = max(0, classTotals[c] + added)
        classWeights[c] = max(0, classWeights[c] + Double(sign * example.weight))
    }

    private mutating func addClass(_ label: String) -> Int {
        let oldK = labels.count
        let c = labels.append(label)
        let k = labels.count
        var widened = [Float](repeating: 0, count: dimension * k)
        var widenedLog = [Float](repeating: 0, count: dimension * k)
        for j in 0..<dimension {
            for old in 0..<oldK {
                widened[j * k + old] = counts[j * oldK + old]
                widenedLog[j * k + old] = logTable[j * oldK + old]
            }
        }
        counts = widened
        logTable = widenedLog
        classTotals.append(0)
        classWeights.append(0)
        // The new column's log values: multinomial log(α); complement log(total_j + α).
        for j in 0..<dimension { logTable[j * k + c] = cachedLog(j, c, k) }
        return c
    }

    @inline(__always)
    private func cachedLog(_ j: Int, _ c: Int, _ k: Int) -> Float {
        let alpha = parameters.smoothing
        switch parameters.variant {
        case .multinomial: return logf(counts[j * k + c] + alpha)
        case .complement: return logf(max(0, featureTotals[j] - counts[j * k + c]) + alpha)
        }
    }

    private mutating func rebuildLogTable() {
        let k = labels.count
        logTable = [Float](repeating: 0, count: dimension * k)
        for j in 0..<dimension {
            for c in 0..<k { logTable[j * k + c] = cachedLog(j, c, k) }
        }
    }

    private mutating func refreshLogTable(for features: SparseVector, classIndex c: Int) {
        let k = labels.count
        for index in features.indices {
            let j = Int(index)
            switch parameters.variant {
            case .multinomial: logTable[j * k + c] = cachedLog(j, c, k)
            case .complement: for other in 0..<k { logTable[j * k + other] = cachedLog(j, other, k) }
            }
        }
    }

    package static func == (lhs: NaiveBayes, rhs: NaiveBayes) -> Bool {
        lhs.parameters == rhs.parameters && lhs.dimension == rhs.dimension && lhs.labels == rhs.labels
            && lhs.counts == rhs.counts && lhs.classTotals == rhs.classTotals && lhs.classWeights == rhs.classWeights
            && lhs.temperature == rhs.temperature
    }
}
