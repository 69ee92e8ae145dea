import DefaultModel
import Foundation
@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
import ModelFormat
@_spi(Components) import TextFeatures

/// The dispute triager: subject and severity classifiers plus the priority model.
///
/// It is a value: copy it to get an independent model; use ``LiveTriageModel`` to score and learn
/// concurrently.
///
/// ```swift
/// var model = try TriageModel.loadDefault()
/// let results = model.score([dispute])          // priority, subject, severity, explanation
/// try model.learn(Feedback(dispute: dispute, urgent: true))
/// try model.save(to: URL(fileURLWithPath: "/var/lib/triage/model"))
/// ```
public struct TriageModel: Sendable, Equatable {
    /// Classifies the subject.
    package private(set) var subjectClassifier: TextClassifier
    /// Classifies the severity.
    package private(set) var severityClassifier: TextClassifier
    /// Ranks disputes.
    public private(set) var priorityModel: PriorityModel
    /// Where the model came from.
    public var provenance: ModelProvenance
    /// Classifier column of each `Subject.allCases` / `Severity.allCases` entry (nil if the classifier
    /// has not seen it), so scoring does no label look-ups per text.
    private var subjectColumns: [Int?] = []
    private var severityColumns: [Int?] = []
    /// The classifiers' softmax temperatures, kept here so scoring does not read them through the
    /// models (a copy of each model's references per text).
    private var subjectTemperature: Float = 1
    private var severityTemperature: Float = 1
    /// Whether both classifiers use one feature configuration (the usual case): each text is then
    /// transformed once for both.
    private let sharedFeatures: Bool
    /// Both classifiers' weights in one row per feature, when they share features and are logistic
    /// regressions (the default): each feature of a text is then read once for both.
    private var joint: JointLinearScorer?
    /// Each classifier's feature names, as explanations write them (one table when features are shared).
    private let subjectNames: FeatureNameTable
    private let severityNames: FeatureNameTable
    /// The tables every explained result's subject and severity words name their features from.
    package var wordNames: (subject: FeatureNameTable, severity: FeatureNameTable) { (subjectNames, severityNames) }

    /// Number of top words given in explanations.
    package static let explanationWords = 5

    /// A triage model from a loaded bundle, which must hold `subject` and `severity` classifiers whose
    /// labels belong to the taxonomy. A bundle without a priority model gets the cold-start prior.
    /// - Throws: ``DisputeError``.
    package init(bundle: ModelBundle) throws {
        guard let subject = bundle.classifiers["subject"] else { throw DisputeError.missingClassifier("subject") }
        guard let severity = bundle.classifiers["severity"] else { throw DisputeError.missingClassifier("severity") }
        for label in subject.model.labels.names where Subject(rawValue: label) == nil {
            throw DisputeError.unknownLabel(field: "subject", label: label, allowed: Subject.allCases.map(\.rawValue))
        }
        for label in severity.model.labels.names where Severity(rawValue: label) == nil {
            throw DisputeError.unknownLabel(field: "severity", label: label, allowed: Severity.allCases.map(\.rawValue))
        }
        self.subjectClassifier = subject
        self.severityClassifier = severity
        self.priorityModel = bundle.priority ?? PriorityModel.coldStart()
        self.provenance = bundle.provenance
        self.sharedFeatures = subject.extractor == severity.extractor
        self.joint = sharedFeatures ? JointLinearScorer(subject.model, severity.model) : nil
        self.subjectNames = FeatureNameTable(subject.extractor.names)
        self.severityNames = sharedFeatures ? subjectNames : FeatureNameTable(severity.extractor.names)
        refreshColumns()
    }

    /// Refreshes what scoring keeps from the classifiers (columns and temperatures) after they changed.
    private mutating func refreshColumns() {
        subjectColumns = Subject.allCases.map { subjectClassifier.model.labels.index(of: $0.rawValue) }
        severityColumns = Severity.allCases.map { severityClassifier.model.labels.index(of: $0.rawValue) }
        subjectTemperature = subjectClassifier.model.temperature
        severityTemperature = severityClassifier.model.temperature
    }

    /// Loads a model directory.

    /// - Throws: `ModelFormatError` naming the model directory: missing, damaged or newer, or
    ///   `invalidContents` when it is not a triage model (no subject or severity classifier, or
    ///   labels outside the taxonomy).
    public static func load(from url: URL) throws -> TriageModel {
        BLASThreads.useLibraryDefault()
        let bundle = try ModelBundle.load(from: url)
        do {
            return try TriageModel(bundle: bundle)
        } catch {
            throw ModelFormatError.invalidContents(path: url.path, reason: "\(error)")
        }
    }

    /// Loads the default model shipped with the library (trained on `TrainingData/`).
    /// - Throws: `ModelFormatError.unreadable` when the bundled resource is missing.
    public static func loadDefault() throws -> TriageModel {
        guard let directory = DefaultModel.directory else {
            throw ModelFormatError.unreadable(
                path: "DisputeTriage_DefaultModel.resources/default",
                reason: "the bundled default model is missing; pass a model directory instead")
        }
        return try load(from: directory)
    }

    /// The model as a bundle (for saving).
    package var bundle: ModelBundle {
        ModelBundle(
            classifiers: ["subject": subjectClassifier, "severity": severityClassifier], priority: priorityModel,
            provenance: provenance)
    }

    /// Saves atomically to `url`.
    public func save(to url: URL) throws { try bundle.save(to: url) }

    /// SHA-256 (hex) of the weights file ``save(to:)`` writes: two models with equal fingerprints
    /// hold the same numbers bit for bit.
    public func weightsSHA256() throws -> String { try bundle.weightsSHA256() }

    // MARK: - Classification

    /// Subject and severity of `text`, with the words behind each.
    public func classify(_ text: String) -> DisputeClassification {
        var workspace = ScoringWorkspace()
        return classify(text, explain: true, workspace: &workspace)
    }

    /// As ``classify(_:)``, reusing `workspace` across texts; with `explain: false` the top words are
    /// left empty and classifying allocates only the result.
    ///
    /// ```swift
    /// var workspace = ScoringWorkspace()
    /// for text in texts { print(model.classify(text, explain: false, workspace: &workspace).subject.label) }
    /// ```
    public func classify(_ text: String, explain: Bool, workspace: inout ScoringWorkspace) -> DisputeClassification {
        subjectClassifier.extractor.transform(text, into: &workspace.subjectFeatures, workspace: &workspace.features)
        if !sharedFeatures {
            severityClassifier.extractor.transform(
                text, into: &workspace.severityFeatures, workspace: &workspace.features)
        }
        return classifyFeatures(explain: explain, workspace: &workspace)
    }

    /// Classifies the features already in `workspace` (see ``classify(_:explain:workspace:)``).
    private func classifyFeatures(explain: Bool, workspace: inout ScoringWorkspace) -> DisputeClassification {
        if let joint {
            joint.decisionScores(
                workspace.subjectFeatures, first: &workspace.scores, second: &workspace.severityScores,
                scratch: &workspace.jointScores)
            TemperatureScaling.calibrate(&workspace.scores, temperature: subjectTemperature)
            TemperatureScaling.calibrate(&workspace.severityScores, temperature: severityTemperature)
        } else {
            subjectClassifier.model.predictProbabilities(workspace.subjectFeatures, into: &workspace.scores)
            let severityFeatures = severityFeatures(workspace)
            severityClassifier.model.predictProbabilities(severityFeatures, into: &workspace.severityScores)
        }
        let subjectProbabilities = Self.taxonomyOrder(workspace.scores, columns: subjectColumns, as: SIMD16<Float>.self)
        let severityProbabilities = Self.taxonomyOrder(
            workspace.severityScores, columns: severityColumns, as: SIMD4<Float>.self)
        let subjectIndex = Self.argmax(subjectProbabilities, count: subjectColumns.count)
        let severityIndex = Self.argmax(severityProbabilities, count: severityColumns.count)
        // The words first, so the classification is built once (assigning them into a built value
        // copied it).
        var subjectWords = ExplanationWords()
        var severityWords = ExplanationWords()
        if explain {
            selectExplanationWords(
                subjectColumn: subjectColumns[subjectIndex], severityColumn: severityColumns[severityIndex],
                workspace: &workspace)
            let named = workspace.wordsCarryNames
            subjectWords = ExplanationWords(names: named ? subjectNames : nil, selection: workspace.top)
            severityWords = ExplanationWords(names: named ? severityNames : nil, selection: workspace.severityTop)
        }
        return DisputeClassification(
            subject: LabelPrediction(
                label: Subject.allCases[subjectIndex], probability: subjectProbabilities[subjectIndex]),
            severity: LabelPrediction(
                label: Severity.allCases[severityIndex], probability: severityProbabilities[severityIndex]),
            subjectProbabilities: subjectProbabilities, severityProbabilities: severityProbabilities,
            subjectWords: subjectWords, severityWords: severityWords)
    }

    /// The features the severity classifier reads: the subject's when both share one extractor.
    private func severityFeatures(_ workspace: borrowing ScoringWorkspace) -> SparseVector {
        sharedFeatures ? workspace.subjectFeatures : workspace.severityFeatures
    }

    /// Selects into `workspace.top` and `workspace.severityTop` the words behind the predicted subject
    /// and severity (classifier columns; none for a label a classifier lacks, which argmax never picks
    /// since its probability is 0).
    private func selectExplanationWords(
        subjectColumn: Int?, severityColumn: Int?, workspace: inout ScoringWorkspace
    ) {
        if let joint {
            // One sweep over the rows scoring just read gives both heads' candidates.
            subjectClassifier.extractor.explainableBitmap.withUnsafeBufferPointer { named in
                joint.collectContributions(
                    workspace.subjectFeatures, classIndices: (subjectColumn, severityColumn), named: named,
                    into: &workspace.top.candidates, &workspace.severityTop.candidates)
            }
            subjectClassifier.selectTopCandidates(limit: Self.explanationWords, into: &workspace.top)
            severityClassifier.selectTopCandidates(limit: Self.explanationWords, into: &workspace.severityTop)
        } else {
            Self.selectWords(subjectClassifier, workspace.subjectFeatures, column: subjectColumn, into: &workspace.top)
            // Read here, not copied up front: a copy retains both arrays per dispute on every path.
            Self.selectWords(
                severityClassifier, severityFeatures(workspace), column: severityColumn, into: &workspace.severityTop)
        }
    }

    /// Selects into `top` the top features of class `column` of `classifier` (none without a column),
    /// scoring each feature from the classifier's own table.
    private static func selectWords(
        _ classifier: TextClassifier, _ features: SparseVector, column: Int?, into top: inout TopFeatureSelection
    ) {
        guard let column else {
            classifier.selectTopCandidates(limit: 0, into: &top)
            return
        }
        classifier.selectTopFeatures(features, classIndex: column, limit: explanationWords, into: &top)
    }

    // MARK: - Scoring

    /// Triages a batch: classifies every text, builds the N × F priority feature matrix and scores
    /// it with one BLAS matrix product.
    ///
    /// - Parameters:
    ///   - disputes: the batch, scored in one matrix product.
    ///   - explain: include factor contributions and top words (default `true`).
    /// - Returns: one result per dispute, in order.
    public func score(_ disputes: [Dispute], explain: Bool = true) -> [TriageResult] {
        var workspace = ScoringWorkspace()
        return score(disputes, explain: explain, workspace: &workspace)
    }

    /// As ``score(_:explain:)``, reusing `workspace` across batches.
    public func score(_ disputes: [Dispute], explain: Bool, workspace: inout ScoringWorkspace) -> [TriageResult] {
        let f = PriorityFeatures.count
        var features = Matrix(rows: disputes.count, columns: f)
        // Each classification moves into its result; the priorities are filled in once the batch is scored.
        var results: [TriageResult] = []
        results.reserveCapacity(disputes.count)
        features.storage.withUnsafeMutableBufferPointer { matrix in
            // `disputes[i].field`, not a loop variable: binding each dispute copies it (retaining
            // its id and text) where only its fields are read.
            for i in disputes.indices {
                let c = classify(disputes[i].text, explain: explain, workspace: &workspace)
                PriorityFeatures.fill(
                    UnsafeMutableBufferPointer(rebasing: matrix[(i * f)..<((i + 1) * f)]),
                    subject: c.subjectProbabilities, severity: c.severityProbabilities, facts: disputes[i].facts)
                results.append(
                    TriageResult(
                        id: disputes[i].id, priority: 0, coldStartPriority: 0, classification: c, explanation: nil)
                )
            }
        }
        // One product scores both heads: the learned priority and the cold-start rule.
        let logits = priorityModel.logits(features)
        features.values.withUnsafeBufferPointer { matrix in
            results.withUnsafeMutableBufferPointer { results in
                for i in results.indices {
                    let z = logits[i, 0]
                    results[i].priority = 100 * StableMath.sigmoid(z)
                    results[i].coldStartPriority = 100 * StableMath.sigmoid(logits[i, 1])
                    if explain {
                        results[i].explanation = priorityModel.explain(
                            UnsafeBufferPointer(rebasing: matrix[(i * f)..<((i + 1) * f)]), logit: z,
                            paymentRiskShare: disputes[i].facts.paymentRiskShare)
                    }
                }
            }
        }
        return results
    }

    // MARK: - Learning

    /// Learns one feedback event: the priority model learns `urgent` (from the corrected subject and
    /// severity when given, else from the predicted distributions), and each corrected label
    /// updates its text classifier.
    public mutating func learn(_ feedback: Feedback) throws {
        // The text is transformed once: the same features serve the prediction and both updates.
        var workspace = ScoringWorkspace()
        let c = classify(feedback.dispute.text, explain: false, workspace: &workspace)
        var subject = (0..<Subject.allCases.count).map { c.subjectProbabilities[$0] }
        if let corrected = feedback.subject {
            subject = Self.oneHot(Subject.allCases.firstIndex(of: corrected)!, Subject.allCases.count)
        }
        var severity = (0..<Severity.allCases.count).map { c.severityProbabilities[$0] }
        if let corrected = feedback.severity { severity = Self.oneHot(corrected.level, Severity.allCases.count) }
        var row = [Float](repeating: 0, count: PriorityFeatures.count)
        PriorityFeatures.fill(&row, subject: subject, severity: severity, facts: feedback.dispute.facts)
        priorityModel.learn(row, urgent: feedback.urgent)
        if let corrected = feedback.subject {
            try subjectClassifier.update(features: workspace.subjectFeatures, label: corrected.rawValue)
        }
        if let corrected = feedback.severity {
            try severityClassifier.update(features: severityFeatures(workspace), label: corrected.rawValue)
        }
        if feedback.subject != nil || feedback.severity != nil {
            refreshColumns()
            if joint?.refresh(workspace.subjectFeatures, subjectClassifier.model, severityClassifier.model) == false {
                joint = JointLinearScorer(subjectClassifier.model, severityClassifier.model)
            }
        }
    }

    /// Replaces the priority model (e.g. to start from a different prior).
    package mutating func setPriorityModel(_ model: PriorityModel) { priorityModel = model }

    // MARK: - Helpers

    /// The classifier's probabilities in taxonomy order (0 for a label it lacks), in fixed storage.
    static func taxonomyOrder<Vector: SIMD>(_ probabilities: [Float], columns: [Int?], as _: Vector.Type) -> Vector
    where Vector.Scalar == Float {
        precondition(columns.count <= Vector.scalarCount, "taxonomy larger than its storage")
        var vector = Vector()
        for (i, column) in columns.enumerated() { vector[i] = column.map { probabilities[$0] } ?? 0 }
        return vector
    }

    /// The first index of the largest of `values[0 ..< count]`.
    static func argmax<Vector: SIMD>(_ values: Vector, count: Int) -> Int where Vector.Scalar == Float {
        var best = 0
        for i in 0..<count where values[i] > values[best] { best = i }
        return best
    }

    static func oneHot(_ index: Int, _ count: Int) -> [Float] {
        var v = [Float](repeating: 0, count: count)
        v[index] = 1
        return v
    }
}

/// Buffers reused across scoring calls so classifying does not allocate per text.
public struct ScoringWorkspace: Sendable {
    var features = FeatureWorkspace()
    var subjectFeatures = SparseVector()
    var severityFeatures = SparseVector()
    var scores: [Float] = []
    var severityScores: [Float] = []
    var jointScores: [Float] = []
    var top = TopFeatureSelection()
    var severityTop = TopFeatureSelection()
    /// Whether explanation words hold the model's name table (the default). A writer that names
    /// them from ``TriageModel/wordNames`` itself turns this off: each result then holds no
    /// reference to count up when it is made and down when it is freed.
    package var wordsCarryNames = true

    /// Empty buffers.
    public init() {}
}
