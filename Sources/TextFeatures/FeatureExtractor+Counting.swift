// Counting a document's feature occurrences, the last step of ``FeatureExtractor/transform(utf8:into:workspace:)``:
// keys → (index, count) in index order → term weight → IDF → L2 norm. Two ways give bit-identical
// vectors (`FeatureCountingTests`): a per-feature count table walked through a presence bitmap,
// and sorting the keys; the table is faster once allocated, sorting avoids allocating it for a
// one-off short text.
extension FeatureExtractor {
    /// Counts the keys per feature, then weights and normalises. Long documents, and every document
    /// once the workspace is in steady use, are counted in the dimension-sized table; a one-off short
    /// text is sorted and merged instead (cheaper than allocating the table).
    func aggregate(workspace: inout FeatureWorkspace, into vector: inout SparseVector) {
        vector.removeAll()
        let useTable: Bool
        switch workspace.counting {
        case .automatic:
            // A one-off transform of a short text sorts rather than allocating the table.
            useTable =
                dimension <= Self.denseCountingMaximumDimension
                && (workspace.keys.count >= Self.denseCountingMinimumKeys
                    || workspace.documents >= Self.denseCountingWarmUpDocuments)
        case .table, .wordMemo: useTable = dimension <= Self.denseCountingMaximumDimension
        case .sorting: useTable = false
        }
        if useTable {
            countInTable(workspace: &workspace, into: &vector)  // weights and normalises as it walks the table
        } else {
            countBySorting(workspace: &workspace, into: &vector)
            applyInverseDocumentFrequencyAndNorm(to: &vector)
        }
    }

    /// From this many feature occurrences a document is counted in the table.
    static let denseCountingMinimumKeys = 512
    /// After this many documents a workspace counts every document in the table.
    static let denseCountingWarmUpDocuments = 16
    /// Above this dimension the count table (4 bytes and 1 bit per feature) would be too large.
    static let denseCountingMaximumDimension = 1 << 20

    /// Counts through `workspace.countTable`, marking each feature seen in the `present` bitmap
    /// (and its word in `presentWords`), then walks the bitmaps in index order: the distinct
    /// features come out sorted without a sort, and the walk clears the bitmaps for the next
    /// document.
    private func countInTable(workspace: inout FeatureWorkspace, into vector: inout SparseVector) {
        allocateCountTable(&workspace)
        workspace.keys.withUnsafeBufferPointer { keys in
            CountTable.with(&workspace.countTable, &workspace.present, &workspace.presentWords) { counts in
                for key in keys { counts.add(key: key, occurrences: 1) }
            }
        }
        emitCounts(workspace: &workspace, into: &vector)
    }

    /// Sorts the keys and merges equal indices into counts.
    private func countBySorting(workspace: inout FeatureWorkspace, into vector: inout SparseVector) {
        KeySort.sort(&workspace.keys, scratch: &workspace.sortScratch, counts: &workspace.sortCounts)
        let weighting = configuration.weighting
        workspace.keys.withUnsafeBufferPointer { keys in
            var i = 0
            while i < keys.count {
                let index = keys[i] >> 1
                var count: Float = 0
                while i < keys.count && keys[i] >> 1 == index {
                    count += keys[i] & 1 == 1 ? -1 : 1
                    i += 1
                }
                if count == 0 { continue }
                let value = weighting.weight(count: abs(count))
                vector.append(index: Int32(index), value: count < 0 ? -value : value)
            }
        }
    }

    /// Multiplies by the IDF (a tight loop, so its random reads can overlap) and L2-normalises:
    /// over the vocabulary's features only when ``FeatureConfiguration/separateOutOfVocabulary``
    /// is set and the text has any (the out-of-vocabulary buckets come last in index order).
    private func applyInverseDocumentFrequencyAndNorm(to vector: inout SparseVector) {
        var squaredNorm: Float = 0
        let normedEnd = normedEntryCount(vector.indices)
        vector.indices.withUnsafeBufferPointer { indices in
            vector.values.withUnsafeMutableBufferPointer { values in
                inverseDocumentFrequency.withUnsafeBufferPointer { idf in
                    if idf.count > 0 {
                        for j in 0..<indices.count { values[j] *= idf[Int(indices[j])] }
                    }
                }
                for j in 0..<normedEnd { squaredNorm += values[j] * values[j] }
            }
        }
        if configuration.l2Normalize && squaredNorm > 0 {
            let scale = 1 / squaredNorm.squareRoot()
            vector.values.withUnsafeMutableBufferPointer { values in
                for j in values.indices { values[j] *= scale }
            }
        }
    }
}

extension FeatureExtractor {
    /// How many leading entries of a document's sorted `indices` count in its L2 norm: all of
    /// them, or with ``FeatureConfiguration/separateOutOfVocabulary`` those inside the vocabulary
    /// (all again when there are none, so a text of unseen words still gets a unit vector).
    private func normedEntryCount(_ indices: [Int32]) -> Int {
        guard let start = outOfVocabularyStart else { return indices.count }
        let inside = vocabularyEntryCount(indices, start: start)
        return inside > 0 ? inside : indices.count
    }

    /// The number of entries of sorted `indices` below `start`.
    private func vocabularyEntryCount(_ indices: [Int32], start: Int) -> Int {
        var end = indices.count
        while end > 0 && Int(indices[end - 1]) >= start { end -= 1 }
        return end
    }

    /// The first index of the out-of-vocabulary buckets when they are kept apart
    /// (``FeatureConfiguration/separateOutOfVocabulary`` in a vocabulary space), else `nil`.
    package var outOfVocabularyStart: Int? {
        guard configuration.separateOutOfVocabulary, let vocabulary else { return nil }
        return vocabulary.count
    }

    /// Removes the out-of-vocabulary entries of `vector` when they are kept apart: batch
    /// training sees only the vocabulary's features, so the buckets' weights are learned online
    /// only, never from the rare features of the training texts.
    package func removeOutOfVocabulary(from vector: inout SparseVector) {
        guard let start = outOfVocabularyStart else { return }
        let end = vocabularyEntryCount(vector.indices, start: start)
        vector.indices.removeSubrange(end...)
        vector.values.removeSubrange(end...)
    }
}
