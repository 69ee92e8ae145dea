@_spi(Components) import LinearAlgebra
import SystemSupport

/// Predicts, for an invoice on its invoice date, **P(late)**, **days late** and **P(disputed)**
/// from causal features of the invoice and of its customer's history.
///
/// Two logistic heads (late, disputed; Newton's method with an L2 penalty) and a least-absolute-
/// deviation head (days late) are fitted on standardised features through the BLAS layer; a batch
/// is scored with one `sgemm` of N × (features + 1) against (features + 1) × 3. The days-late head
/// then adds a short sum of boosted stumps fitted to its residuals (``ResidualTrees``). Training is
/// deterministic (no random start), so the same ledger gives the same model bit for bit.
///
/// Customers without history are described by the ledger-wide rates; inside the package the model
/// also starts cold (without training) and takes online steps as invoices settle.
///
/// ```swift
/// let ledger = try Ledger.load(path: "train.csv")
/// let model = try PayerRiskModel.train(on: ledger)
/// let snapshot = RiskSnapshot(ledger: ledger, model: model, asOf: .today)
/// ```
public struct PayerRiskModel: Sendable, Equatable {
    /// Fitting settings.
    public struct Parameters: Codable, Sendable, Equatable {
        /// L2 penalty of the logistic heads (on standardised features, in units of examples).
        package var l2: Float
        /// L2 penalty of the days-late head.
        package var daysL2: Float
        /// Step size of the online updates of the logistic heads (0, the default, disables them: on a
        /// validation split of the training files they lowered AUC and raised log loss).
        package var onlineRate: Float
        /// Step size, in days, of the online updates of the days-late head.
        package var onlineDaysRate: Float
        /// Half-life in days of the weight of a training row in the days-late fit, counted back from
        /// the newest row (0: every row weighs the same).
        package var recencyHalfLifeDays: Float
        /// Whether the days-late head's features gain hinge terms at their training quartiles (``SplineBasis``).
        package var hinges: Bool
        /// Whether every head also reads indicators of the ledger's frequent payment terms (``SplineBasis/levels``).
        package var termsLevels: Bool
        /// Whether the late head blends in a ridge regression of signed days past due (``pastDueBlend(_:logistic:late:daysPastDue:l2:)``).
        package var pastDueBlend: Bool
        /// Trees boosted on the days-late head's residuals (``ResidualTrees``; 0: the head stays linear), their
        /// depth and learning rate.
        package var daysTrees: Int
        package var daysTreeDepth: Int
        package var daysTreeRate: Float

        /// Defaults chosen on two time splits of the training files only (first ~78% against the rest, first ~56% against the next ~22%).
        public init(
            l2: Float = 20, daysL2: Float = 120, onlineRate: Float = 0, onlineDaysRate: Float = 0.05,
            hinges: Bool = true,
            termsLevels: Bool = true, pastDueBlend: Bool = true, recencyHalfLifeDays: Float = 90,
            daysTrees: Int = 50, daysTreeDepth: Int = 1, daysTreeRate: Float = 0.1
        ) {
            self.l2 = l2
            self.daysTrees = daysTrees
            self.daysTreeDepth = daysTreeDepth
            self.daysTreeRate = daysTreeRate
            self.pastDueBlend = pastDueBlend
            self.termsLevels = termsLevels
            self.daysL2 = daysL2
            self.onlineRate = onlineRate
            self.onlineDaysRate = onlineDaysRate
            self.hinges = hinges
            self.recencyHalfLifeDays = recencyHalfLifeDays
        }
    }

    /// Output columns.
    package static let heads = ["late", "days_late", "disputed"]

    package let parameters: Parameters
    /// Hinge terms added to the features before standardisation (``SplineBasis``).
    package private(set) var basis: SplineBasis
    /// Per-column centre and scale of the standardisation (of the expanded features).
    package private(set) var means: [Float]
    package private(set) var scales: [Float]
    /// (features + 1) × heads; the last row is the intercept.
    package private(set) var weights: Matrix
    /// The days-late head also reads the late head's logit z through `w₀·z + Σ wₖ·max(0, z − knotₖ)`
    /// (three knots at the training quartiles of z): days late grow with the odds of lateness, but not linearly.
    package private(set) var stackKnots: [Float]
    package private(set) var stackWeights: [Float]
    /// Piecewise-constant corrections of the days-late head, read from the raw features and the late logit
    /// (``treeInputs(_:lateLogit:)``).
    package private(set) var daysTrees: ResidualTrees
    /// Rows each head was fitted on (0 = the cold-start prior).
    package private(set) var trainingRows: [Int]
    /// Online updates applied.
    package private(set) var updates: Int

    init(
        parameters: Parameters, basis: SplineBasis, means: [Float], scales: [Float], weights: Matrix,
        stackKnots: [Float] = [0, 0, 0],
        stackWeights: [Float] = [0, 0, 0, 0], daysTrees: ResidualTrees = .none, trainingRows: [Int], updates: Int
    ) {
        self.parameters = parameters
        self.daysTrees = daysTrees
        self.stackKnots = stackKnots
        self.stackWeights = stackWeights
        self.basis = basis
        self.means = means
        self.scales = scales
        self.weights = weights
        self.trainingRows = trainingRows
        self.updates = updates
    }

    /// The prior for a ledger without settled history: P(late) from the shrunk past late share and
    /// overdue items, days late from the shrunk mean, P(disputed) from the shrunk dispute rate.
    package static func coldStart(parameters: Parameters = Parameters()) -> PayerRiskModel {
        let f = PayerFeatures.count
        var weights = Matrix(rows: f + 1, columns: heads.count)
        weights[PayerFeatures.index("late_share"), 0] = 5
        weights[PayerFeatures.index("overdue_share"), 0] = 1
        weights[f, 0] = -1.5 - 5 * 0.3 + 0.85
        weights[PayerFeatures.index("mean_days_late"), 1] = 30
        weights[PayerFeatures.index("dispute_rate"), 2] = 5
        weights[f, 2] = -2.2 - 5 * 0.1 + 0.5
        return PayerRiskModel(
            parameters: parameters, basis: .identity(f), means: [Float](repeating: 0, count: f),
            scales: [Float](repeating: 1, count: f),
            weights: weights, trainingRows: [0, 0, 0], updates: 0)
    }

    // MARK: - Training

    /// Trains on every settled invoice of `ledger`, each described on its own invoice date. Without
    /// settled invoices it returns the cold-start model (ledger-wide rates); the disputed head stays
    /// at the prior when no row has a dispute flag.
    public static func train(on ledger: Ledger, parameters: Parameters = Parameters()) throws -> PayerRiskModel {
        var rows: [Float] = []
        var late: [Float] = [], days: [Float] = [], pastDue: [Float] = [], disputed: [Float?] = [],
            issued: [CalendarDay] = []
        let invoices = ledger.invoices
        LedgerTimeline.replay(
            ledger, describe: { invoices[$0].paidDate != nil },
            handle: { event in
                guard case let .described(index, row) = event else { return }
                rows.append(contentsOf: row)
                late.append(invoices[index].isLate! ? 1 : 0)
                days.append(Float(invoices[index].daysLate!))
                pastDue.append(Float(invoices[index].dueDate.days(to: invoices[index].paidDate!)))
                disputed.append(invoices[index].disputed.map { $0 ? 1 : 0 })
                issued.append(invoices[index].invoiceDate)
            })
        guard !late.isEmpty else { return coldStart(parameters: parameters) }
        let features = try Matrix(rows: late.count, columns: PayerFeatures.count, values: rows)
        var recency: [Float]? = nil
        if parameters.recencyHalfLifeDays > 0, let last = issued.max() {
            recency = issued.map { Float(pow(0.5, Double($0.days(to: last)) / Double(parameters.recencyHalfLifeDays))) }
        }
        return try train(
            features: features, late: late, daysLate: days, daysPastDue: pastDue, disputed: disputed, recency: recency,
            parameters: parameters)
    }

    /// Trains on described rows and their outcomes (`disputed[i] == nil`: no flag for row i).
    /// `daysPastDue`: optional signed days from the due date to payment, for ``Parameters/pastDueBlend``.
    /// `recency`: optional per-row weights of the days-late fit (newer rows count more).
    package static func train(
        features: Matrix, late: [Float], daysLate: [Float], daysPastDue: [Float]? = nil, disputed: [Float?],
        recency: [Float]? = nil, parameters: Parameters = Parameters()
    ) throws -> PayerRiskModel {
        // One BLAS thread unless OPENBLAS_NUM_THREADS says otherwise: sums split across threads round
        // differently, and the same ledger must give the same model bit for bit.
        BLASThreads.useLibraryDefault()
        let n = features.rows
        precondition(
            features.columns == PayerFeatures.count && late.count == n && daysLate.count == n && disputed.count == n,
            "one outcome per row")
        let basis = SplineBasis.fit(
            features, hinges: parameters.hinges, levelled: parameters.termsLevels ? [PayerFeatures.index("terms")] : [])
        let wide = try basis.expand(features)
        let f = basis.dimension
        var means = [Float](repeating: 0, count: f), scales = [Float](repeating: 1, count: f)
        for j in 0..<f {
            var sum = 0.0, squares = 0.0
            for i in 0..<n { sum += Double(wide[i, j]) }
            let mean = sum / Double(n)
            for i in 0..<n { squares += (Double(wide[i, j]) - mean) * (Double(wide[i, j]) - mean) }
            let deviation = (squares / Double(n)).squareRoot()
            means[j] = Float(mean)
            // A constant feature (e.g. 30-day terms everywhere) keeps scale 1: it then only shifts the intercept.
            scales[j] = deviation > 1e-6 ? Float(deviation) : 1
        }
        let x = try standardised(wide, means: means, scales: scales)
        var model = coldStart(parameters: parameters)
        model.basis = basis
        model.means = means
        model.scales = scales
        // The prior is in raw feature units; re-fit every head that has labels in standardised units.
        model.weights = Matrix(rows: f + 1, columns: heads.count)
        // The probability heads use the features and the terms indicators, not the hinges (those lowered
        // their AUC on a validation split of the training files); the days-late head, whose target bends
        // most, uses every column.
        let columns = Array(0..<PayerFeatures.count) + Array(basis.levelColumns) + [f]
        func probabilityColumns(_ rows: [Int]) throws -> Matrix {
            var values: [Float] = []
            values.reserveCapacity(rows.count * columns.count)
            for i in rows { for j in columns { values.append(x[i, j]) } }
            return try Matrix(rows: rows.count, columns: columns.count, values: values)
        }
        let probabilityDesign = try probabilityColumns(Array(0..<n))
        var lateWeights = try DenseFit.logistic(probabilityDesign, labels: late, l2: parameters.l2)
        if parameters.pastDueBlend, let daysPastDue {
            lateWeights = try pastDueBlend(
                probabilityDesign, logistic: lateWeights, late: late, daysPastDue: daysPastDue, l2: parameters.l2)
        }
        for (k, j) in columns.enumerated() { model.weights[j, 0] = lateWeights[k] }
        var lateLogits = [Float](repeating: 0, count: n)
        BLAS.gemv(probabilityDesign, .asIs, lateWeights, into: &lateLogits)
        let sortedLogits = lateLogits.sorted()
        model.stackKnots = [0.25, 0.5, 0.75].map { sortedLogits[Int($0 * Double(n - 1))] }
        // Days design: the (expanded) features, the stacked late logit and its hinges, then the intercept.
        let stacked = f + 4
        var design = [Float](repeating: 0, count: n * (stacked + 1))
        for i in 0..<n {
            for j in 0..<f { design[i * (stacked + 1) + j] = x[i, j] }
            let terms = model.stackTerms(lateLogits[i])
            for k in 0..<4 { design[i * (stacked + 1) + f + k] = terms[k] }
            design[i * (stacked + 1) + stacked] = 1
        }
        let dayWeights = try DenseFit.leastAbsolute(
            try Matrix(rows: n, columns: stacked + 1, values: design), targets: daysLate, sampleWeights: recency,
            l2: parameters.daysL2)
        for j in 0..<f { model.weights[j, 1] = dayWeights[j] }
        model.weights[f, 1] = dayWeights[stacked]
        model.stackWeights = Array(dayWeights[f..<stacked])
        if parameters.daysTrees > 0 {
            // The trees take what the linear head leaves: its in-sample residuals, on the raw features and the late
            // logit. Residuals are taken from the clamped prediction (days late are ≥ 0), so that a row the linear
            // part puts below 0 with 0 days late counts as right, not as 0 − (−5) = 5 days to add.
            let daysDesign = try Matrix(rows: n, columns: stacked + 1, values: design)
            var linear = [Float](repeating: 0, count: n)
            BLAS.gemv(daysDesign, .asIs, dayWeights, into: &linear)
            var inputs: [Float] = []
            inputs.reserveCapacity(n * (PayerFeatures.count + 1))
            for i in 0..<n {
                inputs += features.values[(i * PayerFeatures.count)..<((i + 1) * PayerFeatures.count)]
                inputs.append(lateLogits[i])
            }
            model.daysTrees = ResidualTrees.fit(
                inputs: try Matrix(rows: n, columns: PayerFeatures.count + 1, values: inputs),
                residuals: (0..<n).map { daysLate[$0] - max(linear[$0], 0) }, sampleWeights: recency,
                settings: .init(
                    stages: parameters.daysTrees, depth: parameters.daysTreeDepth,
                    learningRate: parameters.daysTreeRate))
        }
        let flagged = disputed.indices.filter { disputed[$0] != nil }
        var rowsPerHead = [n, n, 0]
        let labels = flagged.map { disputed[$0]! }
        if !flagged.isEmpty && labels.contains(1) && labels.contains(0) {
            let disputeWeights = try DenseFit.logistic(probabilityColumns(flagged), labels: labels, l2: parameters.l2)
            for (k, j) in columns.enumerated() { model.weights[j, 2] = disputeWeights[k] }
            rowsPerHead[2] = flagged.count
        } else {
            // No dispute flags: keep the prior's disputed head, expressed in the new units.
            let prior = coldStart(parameters: parameters)
            var intercept = prior.weights[PayerFeatures.count, 2]
            for j in 0..<PayerFeatures.count {
                model.weights[j, 2] = prior.weights[j, 2] * scales[j]
                intercept += prior.weights[j, 2] * means[j]
            }
            model.weights[f, 2] = intercept
        }
        model.trainingRows = rowsPerHead
        return model
    }

    /// `(features − means) / scales`, with a column of ones appended for the intercept.
    static func standardised(_ features: Matrix, means: [Float], scales: [Float]) throws -> Matrix {
        let f = features.columns
        var values = [Float](repeating: 1, count: features.rows * (f + 1))
        for i in 0..<features.rows {
            for j in 0..<f { values[i * (f + 1) + j] = (features[i, j] - means[j]) / scales[j] }
        }
        return try Matrix(rows: features.rows, columns: f + 1, values: values)
    }

    // MARK: - Prediction

    /// Predictions for a batch of described rows (N × ``PayerFeatures/count``): one BLAS `sgemm`.
    package func predict(_ features: Matrix) throws -> [PayerRisk] {
        let x = try Self.standardised(basis.expand(features), means: means, scales: scales)
        var out = Matrix(rows: features.rows, columns: Self.heads.count)
        BLAS.gemm(x, .asIs, weights, .asIs, into: &out)
        let c = features.columns, values = features.values
        return (0..<features.rows).map {
            // The trees read the row in place, then the late logit (as ``treeInputs(_:lateLogit:)`` lays them out).
            let trees = daysTrees.value(values[($0 * c)..<(($0 + 1) * c)], last: out[$0, 0])
            return Self.risk(late: out[$0, 0], days: out[$0, 1] + stacked(out[$0, 0]) + trees, disputed: out[$0, 2])
        }
    }

    /// The prediction for one row (a plain loop: BLAS pays off only on batches).
    package func predict(_ row: [Float]) -> PayerRisk {
        let z = logits(row)
        return Self.risk(late: z[0], days: z[1], disputed: z[2])
    }

    /// The late logit and its hinges, as the days-late head reads them.
    func stackTerms(_ z: Float) -> [Float] { [z] + stackKnots.map { max(0, z - $0) } }

    /// What the days-late trees read: the raw features, then the late logit.
    func treeInputs(_ row: [Float], lateLogit: Float) -> [Float] { row + [lateLogit] }

    /// The days-late head's part from the late logit.
    func stacked(_ z: Float) -> Float {
        let terms = stackTerms(z)
        var sum: Float = 0
        for k in 0..<terms.count { sum += stackWeights[k] * terms[k] }
        return sum
    }

    static func risk(late: Float, days: Float, disputed: Float) -> PayerRisk {
        PayerRisk(
            lateProbability: Double(StableMath.sigmoid(late)), daysLate: Double(max(days, 0)),
            disputeProbability: Double(StableMath.sigmoid(disputed)))
    }

    func standardisedRow(_ row: [Float]) -> [Float] {
        let wide = basis.expand(row)
        var x = [Float](repeating: 1, count: means.count + 1)
        for j in 0..<means.count { x[j] = (wide[j] - means[j]) / scales[j] }
        return x
    }

    func logits(_ row: [Float]) -> [Float] {
        let x = standardisedRow(row)
        var z = [Float](repeating: 0, count: Self.heads.count)
        for h in 0..<Self.heads.count {
            for j in 0..<x.count { z[h] += weights[j, h] * x[j] }
        }
        z[1] += stacked(z[0]) + daysTrees.value(treeInputs(row, lateLogit: z[0]))
        return z
    }

    // MARK: - Online learning

    /// Learns from an invoice that has settled: `row` is how it was described on its invoice date.
    /// One gradient step on each head's intercept (log-loss for late and disputed, absolute error for days).
    package mutating func update(_ row: [Float], outcome invoice: Invoice) {
        guard let daysLate = invoice.daysLate else { return }
        let x = standardisedRow(row)
        let z = logits(row)
        let lateError = StableMath.sigmoid(z[0]) - (daysLate > 0 ? 1 : 0)
        let dayDirection: Float = z[1] > Float(daysLate) ? 1 : (z[1] < Float(daysLate) ? -1 : 0)
        let disputeError: Float? = invoice.disputed.map { StableMath.sigmoid(z[2]) - ($0 ? 1 : 0) }
        // Only the intercepts move: they follow a drifting base rate (the README of ibm_ar notes the late
        // rate falling over time), while single invoices are too noisy to re-fit every weight.
        let bias = x.count - 1
        weights[bias, 0] -= parameters.onlineRate * lateError
        weights[bias, 1] -= parameters.onlineDaysRate * dayDirection
        if let disputeError { weights[bias, 2] -= parameters.onlineRate * disputeError }
        updates += 1
    }
}
