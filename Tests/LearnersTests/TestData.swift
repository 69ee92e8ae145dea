@_spi(Components) import Learners
@_spi(Components) import TextFeatures

/// Small helpers shared by the learner tests.
enum TestData {
    static func vector(_ dense: [Float]) -> SparseVector {
        var v = SparseVector()
        for (i, value) in dense.enumerated() where value != 0 { v.append(index: Int32(i), value: value) }
        return v
    }

    /// `count` copies of each label name, in a seeded shuffle: the labels of a stratified split.
    static func shuffledLabels(_ sizes: [(name: String, count: Int)], seed: UInt64 = 2) -> [String] {
        var labels: [String] = []
        for (name, count) in sizes { labels += [String](repeating: name, count: count) }
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&labels)
        return labels
    }

    /// A seeded, linearly separable-ish 3-class problem in `dimension` features.
    static func blobs(count: Int, dimension: Int = 12, seed: UInt64 = 3) -> [LabeledExample] {
        var generator = SeededGenerator(seed: seed)
        let names = ["alpha", "beta", "gamma"]
        return (0..<count).map { i in
            let c = i % 3
            var dense = [Float](repeating: 0, count: dimension)
            for j in 0..<dimension { dense[j] = Float(generator.nextUnit()) * 0.3 }
            for j in 0..<4 { dense[(c * 4 + j) % dimension] += 1 }
            return LabeledExample(features: vector(dense), label: names[c])
        }
    }
}
