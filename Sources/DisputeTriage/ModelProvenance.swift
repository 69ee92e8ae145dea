/// Where a model came from, recorded in its manifest: ``TriageModel/provenance``.
public struct ModelProvenance: Codable, Sendable, Equatable {
    /// SHA-256 of the training file, or "" if unknown.
    public var trainingDataSHA256: String
    /// Number of training records.
    public var trainingRecords: Int
    /// When the model was written (ISO 8601). `triage train` records the wall-clock time unless
    /// `--created-at` is given; `make model` passes a fixed value so rebuilds are byte-identical.
    public var createdAt: String
    /// Free-form metrics (e.g. cross-validated accuracy), by name.
    public var metrics: [String: Double]

    /// A provenance record.
    public init(
        trainingDataSHA256: String = "", trainingRecords: Int = 0, createdAt: String = "1970-01-01T00:00:00Z",
        metrics: [String: Double] = [:]
    ) {
        self.trainingDataSHA256 = trainingDataSHA256
        self.trainingRecords = trainingRecords
        self.createdAt = createdAt
        self.metrics = metrics
    }
}
