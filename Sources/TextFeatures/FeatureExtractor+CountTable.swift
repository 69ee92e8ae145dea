// The count table of a workspace in steady use: a document's keys are added into a dimension-sized
// table, marking each feature in a presence bitmap, and the bitmap is walked in index order into the
// vector (sorted without a sort), weighting, multiplying by the IDF and summing the squared norm on
// the way. Bit-identical to sorting the keys and weighting afterwards (`FeatureCountingTests`): the
// same products, and the norm's squares added in the same order.
extension FeatureExtractor {
    /// Allocates the workspace's count table, bitmaps and position scratch for this extractor's dimension.
    func allocateCountTable(_ workspace: inout FeatureWorkspace) {
        guard workspace.countTable.count < dimension else { return }
        let words = (dimension + 63) / 64
        workspace.countTable = [UInt32](repeating: 0, count: dimension)
        workspace.present = [UInt64](repeating: 0, count: words)
        workspace.presentWords = [UInt64](repeating: 0, count: (words + 63) / 64)
        // Room for the positions a bitmap word writes beyond the last feature (see `decodePresent`).
        workspace.positions = [Int32](repeating: 0, count: dimension + Self.positionsPerWord)
    }

    /// Positions written unconditionally per bitmap word: a long text's features fill most words
    /// with one or two, so the walk has no data-dependent branch in the common case.
    static let positionsPerWord = 4

    /// Pointers to a workspace's count table and bitmaps, for adding a document's keys.
    struct CountTable {
        let table: UnsafeMutablePointer<UInt32>
        let present: UnsafeMutablePointer<UInt64>
        let presentWords: UnsafeMutablePointer<UInt64>

        static func with<R>(
            _ table: inout [UInt32], _ present: inout [UInt64], _ presentWords: inout [UInt64],
            _ body: (CountTable) -> R
        ) -> R {
            table.withUnsafeMutableBufferPointer { table in
                present.withUnsafeMutableBufferPointer { present in
                    presentWords.withUnsafeMutableBufferPointer { presentWords in
                        body(
                            CountTable(
                                table: table.baseAddress!, present: present.baseAddress!,
                                presentWords: presentWords.baseAddress!))
                    }
                }
            }
        }

        /// Adds `occurrences` of the packed `key` (subtracts them for a negative sign bit). No
        /// data-dependent branch: the table is all zeros between documents (``emitCounts(workspace:into:)``
        /// clears what it reads), so a feature's first occurrence needs no test.
        @inline(__always)
        func add(key: UInt64, occurrences: UInt32) {
            let index = Int(key >> 1)
            let word = index >> 6
            let delta = key & 1 == 1 ? 0 &- occurrences : occurrences  // two's complement
            table[index] = table[index] &+ delta
            present[word] |= 1 << UInt64(index & 63)
            presentWords[word >> 6] |= 1 << UInt64(word & 63)
        }
    }

    /// Writes the indices of the counted document's features, ascending, to `workspace.positions`
    /// and clears the bitmaps for the next document; returns how many.
    private func decodePresent(_ workspace: inout FeatureWorkspace) -> Int {
        var found = 0
        workspace.present.withUnsafeMutableBufferPointer { present in
            workspace.presentWords.withUnsafeMutableBufferPointer { presentWords in
                workspace.positions.withUnsafeMutableBufferPointer { positions in
                    for summary in 0..<presentWords.count where presentWords[summary] != 0 {
                        var wordBits = presentWords[summary]
                        presentWords[summary] = 0
                        // Wrapping arithmetic: the indices are below the dimension (an Int32), and
                        // checked conversions and additions cost an instruction each per position.
                        while wordBits != 0 {
                            let word = summary &<< 6 | wordBits.trailingZeroBitCount
                            wordBits &= wordBits &- 1
                            var bits = present[word]
                            present[word] = 0
                            let base = Int32(truncatingIfNeeded: word &<< 6)
                            // Once the bits run out these write junk at `found`, overwritten later (no
                            // popcount: the baseline x86-64 target has no instruction for it).
                            for _ in 0..<Self.positionsPerWord {
                                positions[found] = base | Int32(truncatingIfNeeded: bits.trailingZeroBitCount & 63)
                                found &+= bits != 0 ? 1 : 0
                                bits &= bits &- 1
                            }
                            while bits != 0 {
                                positions[found] = base | Int32(truncatingIfNeeded: bits.trailingZeroBitCount)
                                found &+= 1
                                bits &= bits &- 1
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// Walks the counted document into `vector`: term weight, sign, IDF, then the L2 norm (over the
    /// vocabulary's features only when ``outOfVocabularyStart`` is set and the text has any). Clears
    /// the counts it reads, so the table is all zeros for the next document.
    func emitCounts(workspace: inout FeatureWorkspace, into vector: inout SparseVector) {
        let found = decodePresent(&workspace)
        vector.removeAll()
        // Written through pointers into storage sized up front: no per-entry capacity checks.
        vector.indices.append(contentsOf: repeatElement(0, count: found))
        vector.values.append(contentsOf: repeatElement(0, count: found))
        let vocabularyEnd = Int32(clamping: outOfVocabularyStart ?? Int(Int32.max))
        var written = 0
        var squaredNorm: Float = 0
        workspace.countTable.withUnsafeMutableBufferPointer { table in
            workspace.positions.withUnsafeBufferPointer { positions in
                countWeights.withUnsafeBufferPointer { countWeights in
                    inverseDocumentFrequency.withUnsafeBufferPointer { idf in
                        vector.indices.withUnsafeMutableBufferPointer { indices in
                            vector.values.withUnsafeMutableBufferPointer { values in
                                let walk = CountWalk(
                                    table: table, positions: positions, countWeights: countWeights, idf: idf,
                                    indices: indices, values: values, weighting: configuration.weighting)
                                (written, squaredNorm) =
                                    configuration.signedHashing
                                    ? walk.signed(found: found, vocabularyEnd: vocabularyEnd)
                                    : walk.unsigned(found: found, vocabularyEnd: vocabularyEnd)
                            }
                        }
                    }
                }
            }
        }
        vector.indices.removeLast(found - written)
        vector.values.removeLast(found - written)
        if configuration.l2Normalize && squaredNorm > 0 {
            let scale = 1 / squaredNorm.squareRoot()
            vector.values.withUnsafeMutableBufferPointer { values in
                for j in values.indices { values[j] *= scale }
            }
        }
    }

    /// The walk of ``emitCounts(workspace:into:)`` over the decoded positions: each writes the entries
    /// and returns how many it kept and the squared norm to scale by. The norm adds the squares in
    /// index order, over the vocabulary's features (a prefix: positions are ascending) or, for a text
    /// of unseen words only, over all, so that it still gets a unit vector.
    struct CountWalk {
        let table: UnsafeMutableBufferPointer<UInt32>
        let positions: UnsafeBufferPointer<Int32>
        let countWeights: UnsafeBufferPointer<Float>
        let idf: UnsafeBufferPointer<Float>
        let indices: UnsafeMutableBufferPointer<Int32>
        let values: UnsafeMutableBufferPointer<Float>
        let weighting: TermWeighting

        /// The term weight of a feature seen `magnitude` times.
        @inline(__always)
        func weight(_ magnitude: Int) -> Float {
            magnitude < countWeights.count ? countWeights[magnitude] : weighting.weight(count: Float(magnitude))
        }

        /// `value` times the IDF of the feature at `index` (unchanged without IDF).
        @inline(__always)
        func withIDF(_ value: Float, at index: Int32) -> Float {
            idf.count > 0 ? value * idf[Int(index)] : value
        }

        /// Without signed hashing every count is positive: every entry is kept, and the vocabulary's
        /// entries come first.
        @inline(__always)
        func unsigned(found: Int, vocabularyEnd: Int32) -> (written: Int, squaredNorm: Float) {
            var inside = found
            while inside > 0 && positions[inside - 1] >= vocabularyEnd { inside -= 1 }
            var squared: Float = 0
            // Past the vocabulary, the squares count only for a text without vocabulary features.
            // Constant flags, so each call is a loop without per-entry tests.
            if idf.count > 0 {
                walk(0..<inside, withIDF: true, summing: true, &squared)
                if inside == 0 {
                    walk(inside..<found, withIDF: true, summing: true, &squared)
                } else {
                    walk(inside..<found, withIDF: true, summing: false, &squared)
                }
            } else {
                walk(0..<inside, withIDF: false, summing: true, &squared)
                if inside == 0 {
                    walk(inside..<found, withIDF: false, summing: true, &squared)
                } else {
                    walk(inside..<found, withIDF: false, summing: false, &squared)
                }
            }
            return (found, squared)
        }

        /// Writes the entries of `range` (positive counts), adding their squares to `squared` when
        /// `summing`.
        @inline(__always)
        func walk(_ range: Range<Int>, withIDF: Bool, summing: Bool, _ squared: inout Float) {
            for j in range {
                let index = positions[j]
                let count = table[Int(index)]
                table[Int(index)] = 0
                var value = weight(Int(count))
                if withIDF { value *= idf[Int(index)] }
                indices[j] = index
                values[j] = value
                if summing { squared += value * value }
            }
        }

        /// With signed hashing a count can be negative (a negative value) or zero (occurrences that
        /// cancelled out: not kept).
        @inline(__always)
        func signed(found: Int, vocabularyEnd: Int32) -> (written: Int, squaredNorm: Float) {
            var written = 0
            var inside = 0
            var squaredInside: Float = 0
            var squaredAll: Float = 0
            for j in 0..<found {
                let index = positions[j]
                let count = Int32(bitPattern: table[Int(index)])
                table[Int(index)] = 0
                var value = weight(Int(count.magnitude))
                if count < 0 { value = -value }
                value = withIDF(value, at: index)
                indices[written] = index
                values[written] = value
                let kept = count != 0
                let square = kept ? value * value : 0
                let isInside = kept && index < vocabularyEnd
                squaredAll += square
                squaredInside += isInside ? square : 0
                inside += isInside ? 1 : 0
                written += kept ? 1 : 0
            }
            return (written, inside > 0 ? squaredInside : squaredAll)
        }
    }
}
