@_spi(Components) import TextFeatures

/// The few named features that push one class up the most, best first (ties by name), chosen by
/// ``TextClassifier/selectTopFeatures(_:classIndex:limit:into:)`` in one pass over a document's
/// feature contributions: a bounded insertion, no sort of every feature and no string building.
///
/// Reuse one selection across documents: once it has capacity, selecting does not allocate.
///
/// ```swift
/// var top = TopFeatureSelection()
/// classifier.selectTopFeatures(x, classIndex: 2, limit: 5, into: &top)
/// top.indices.map { classifier.extractor.name(of: Int($0)) }   // the words
/// ```
package struct TopFeatureSelection: Sendable {
    /// Feature indices, best first: the first ``count`` entries (the rest is room).
    private var slots: [Int32] = []
    /// Their contributions, decreasing.
    private var scores: [Float] = []
    /// Number of features selected.
    package private(set) var count = 0
    /// The current document's positive contributions of named features.
    package var candidates = ContributionCandidates()

    /// An empty selection.
    package init() {}

    /// Feature indices, best first.
    package var indices: [Int32] { Array(slots[..<count]) }
    /// Their contributions (score units), decreasing.
    package var contributions: [Float] { Array(scores[..<count]) }

    /// The feature index at `position` (0 is the best; `position < count`).
    package func index(at position: Int) -> Int32 { slots[position] }

    /// Keeps the `limit` largest ``candidates``, best first, exact ties by their name in `extractor`.
    /// A bounded insertion into storage kept between documents: nothing is allocated once it has
    /// room for `limit`.
    mutating func selectCandidates(limit: Int, names extractor: FeatureExtractor) {
        if slots.count < limit {
            slots = [Int32](repeating: 0, count: limit)
            scores = [Float](repeating: 0, count: limit)
        }
        count = 0
        guard limit > 0 else { return }
        let n = candidates.count
        // The candidates are reached in place (a mutating access), not read while `slots` and
        // `scores` are written: reading them would retain and release both arrays per call.
        count = candidates.withUnsafeStorage { indices, contributions in
            slots.withUnsafeMutableBufferPointer { slots in
                scores.withUnsafeMutableBufferPointer { scores in
                    var kept = 0
                    for i in 0..<n {
                        let contribution = contributions[i]
                        if kept == limit, contribution < scores[limit - 1] { continue }
                        let index = indices[i]
                        var position = kept
                        while position > 0 {
                            let other = scores[position - 1]
                            // Names are read only to break exact ties.
                            let before =
                                contribution != other
                                ? contribution > other
                                : extractor.name(of: Int(index)) < extractor.name(of: Int(slots[position - 1]))
                            guard before else { break }
                            position -= 1
                        }
                        guard position < limit else { continue }
                        kept = min(kept + 1, limit)
                        var moved = kept - 1
                        while moved > position {
                            slots[moved] = slots[moved - 1]
                            scores[moved] = scores[moved - 1]
                            moved -= 1
                        }
                        slots[position] = index
                        scores[position] = contribution
                    }
                    return kept
                }
            }
        }
    }
}

extension TextClassifier {
    /// Selects into `selection` the `limit` named features of `features` with the largest positive
    /// contribution to class `classIndex`, best first, ties by name: the words behind a prediction.
    /// Allocation-free once `selection` has capacity.
    package func selectTopFeatures(
        _ features: SparseVector, classIndex: Int, limit: Int, into selection: inout TopFeatureSelection
    ) {
        extractor.explainableBitmap.withUnsafeBufferPointer { named in
            model.collectContributions(features, classIndex: classIndex, named: named, into: &selection.candidates)
        }
        selectTopCandidates(limit: limit, into: &selection)
    }

    /// Ranks the candidates already collected in `selection` (see ``selectTopFeatures(_:classIndex:limit:into:)``).
    package func selectTopCandidates(limit: Int, into selection: inout TopFeatureSelection) {
        selection.selectCandidates(limit: limit, names: extractor)
    }
}
