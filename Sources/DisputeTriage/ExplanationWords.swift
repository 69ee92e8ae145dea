@_spi(Components) import Learners

/// The words and phrases behind a prediction, best first: a collection of strings.
///
/// Scoring keeps them as a few feature numbers and reads the names from the model's feature table
/// only when a word is asked for, so explaining a dispute builds no strings.
///
/// ```swift
/// let c = model.classify("Nous avons déjà payé la facture F-2291 le 3 mars")
/// c.subjectWords.first                     // "deja paye"
/// c.subjectWords.joined(separator: ", ")   // "deja paye, paye, …"
/// Array(c.subjectWords)                    // [String]
/// ```
public struct ExplanationWords: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    /// The model's feature names, shared by every result (one reference, no copy).
    package let names: FeatureNameTable?
    /// Feature numbers of the words, the first ``endIndex`` valid. Stored, so a writer holding results
    /// in an array reads it in place without copying the value (which would retain `names`).
    package private(set) var features: SIMD8<Int32>
    /// Number of words.
    public let endIndex: Int

    /// The most words one value holds.
    package static let capacity = SIMD8<Int32>.scalarCount

    /// No words.
    package init() {
        names = nil
        features = SIMD8()
        endIndex = 0
    }

    /// The words `features[0 ..< count]` of `names` (at most ``capacity``). Without `names` the
    /// words are feature numbers only, for a writer that names them from the model's tables
    /// (`TriageModel.wordNames`); as strings they read as empty.
    package init(names: FeatureNameTable?, features: SIMD8<Int32>, count: Int) {
        precondition(count >= 0 && count <= Self.capacity, "ExplanationWords: \(count) words")
        self.names = names
        self.features = features
        self.endIndex = count
    }

    /// The features `selection` chose, named from `names`.
    init(names: FeatureNameTable?, selection: borrowing TopFeatureSelection) {
        var features = SIMD8<Int32>()
        let count = Swift.min(selection.count, Self.capacity)
        for position in 0..<count { features[position] = selection.index(at: position) }
        self.init(names: names, features: features, count: count)
    }

    /// 0.
    public var startIndex: Int { 0 }

    /// The word at `position` (0 is the strongest).
    public subscript(position: Int) -> String {
        precondition(position >= 0 && position < endIndex, "ExplanationWords: index out of range")
        return names?.name(of: Int(features[position])) ?? ""
    }

    /// The words as `["a", "b"]`.
    public var description: String { Array(self).description }

    /// Equal when they hold the same words in the same order.
    public static func == (lhs: ExplanationWords, rhs: ExplanationWords) -> Bool { lhs.elementsEqual(rhs) }
}
