/// What a dispute is about and how severe it is, with full distributions and the words behind them.
///
/// ```swift
/// let c = model.classify("Nous avons déjà payé la facture F-2291 le 3 mars")
/// c.subject.label            // .alreadyPaid
/// Array(c.subjectWords)      // ["deja paye", "paye", …]
/// ```
public struct DisputeClassification: Sendable, Equatable {
    /// Most probable subject.
    public var subject: LabelPrediction<Subject>
    /// Most probable severity.
    public var severity: LabelPrediction<Severity>
    /// P(subject), indexed like `Subject.allCases` (fixed storage, so classifying allocates nothing;
    /// the lane past the taxonomy is 0).
    package var subjectProbabilities: SIMD16<Float>
    /// P(severity), indexed like `Severity.allCases`.
    package var severityProbabilities: SIMD4<Float>
    /// Words and phrases that pushed the predicted subject up the most (empty unless asked for). Only
    /// those holding a content word are named: not "of the", `<money>` or a single letter.
    public var subjectWords: ExplanationWords
    /// Words and phrases that pushed the predicted severity up the most (empty unless asked for).
    public var severityWords: ExplanationWords
}
