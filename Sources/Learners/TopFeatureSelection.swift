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
    /// Feature indices, best first.
    package private(set) var indices: [Int32] = []
    /// Their contributions (score units), decreasing.
    package private(set) var contributions: [Float] = []
    /// The current document's positive contributions of named features.
    package var candidates = ContributionCandidates()

    /// An empty selection.
    package init() {}

    /// Number of features selected.
    package var count: Int { indices.count }

    mutating func removeAll(reservingCapacity capacity: Int) {
        indices.removeAll(keepingCapacity: true)
        contributions.removeAll(keepingCapacity: true)
        indices.reserveCapacity(capacity)
        contributions.reserveCapacity(capacity)
    }

    /// Inserts `index` at `position`, then drops the entry past `limit`.
    mutating func insert(_ index: Int32, contribution: Float, at position: Int, limit: Int) {
        guard position < limit else { return }
        indices.insert(index, at: position)
        contributions.insert(contribution, at: position)
        if indices.count > limit {
            indices.removeLast()
            contributions.removeLast()
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
        extractor.nameBitmap.withUnsafeBufferPointer { named in
            model.collectContributions(features, classIndex: classIndex, named: named, into: &selection.candidates)
        }
        selectTopCandidates(limit: limit, into: &selection)
    }

    /// Ranks the candidates already collected in `selection` (see ``selectTopFeatures(_:classIndex:limit:into:)``).
    package func selectTopCandidates(limit: Int, into selection: inout TopFeatureSelection) {
        selection.removeAll(reservingCapacity: limit + 1)
        guard limit > 0 else { return }
        let candidates = selection.candidates
        for i in 0..<candidates.count {
            let contribution = candidates.contributions[i]
            if selection.count == limit, contribution < selection.contributions[limit - 1] { continue }
            let index = candidates.indices[i]
            var position = selection.count
            while position > 0 {
                let other = selection.contributions[position - 1]
                // Names are read only to break exact ties.
                let before =
                    contribution != other
                    ? contribution > other
                    : extractor.name(of: Int(index)) < extractor.name(of: Int(selection.indices[position - 1]))
                guard before else { break }
                position -= 1
            }
            selection.insert(index, contribution: contribution, at: position, limit: limit)
        }
    }
}
