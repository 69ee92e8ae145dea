/// A seeded, stratified assignment of training examples to K folds, for choosing settings on
/// out-of-fold predictions (``Tuning/selectionFolds``): each fold is held out once and scored by
/// the candidates fitted on the other folds.
///
/// Each class's examples are shuffled and dealt to the folds in turn, the deal continuing from one
/// class to the next (classes in label order), so every fold holds about 1/K of every class and
/// the folds' sizes differ by at most one. A class seen once is never held out: it stays in every
/// fold's fitting part, so every class is learnt (as in ``ValidationSplit``).
///
/// ```swift
/// let folds = StratifiedFolds(labels: ["a", "a", "b", "b", "b", "c"], count: 2, seed: 1)
/// folds.heldOut        // [0, 1, 2, 3, 4]: "c" is seen once
/// folds.validation(0)  // about half of the "a" and "b" rows
/// ```
package struct StratifiedFolds: Sendable, Equatable {
    /// The number of folds K.
    package let count: Int
    /// The fold each example is held out in, `nil` for an example never held out.
    package let assignment: [Int?]

    /// Assigns examples with `labels` to `count` (≥ 2) folds.
    package init(labels: [String], count: Int, seed: UInt64) {
        precondition(count >= 2, "K-fold needs at least two folds")
        self.count = count
        var byClass: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int?](repeating: nil, count: labels.count)
        var next = 0
        for label in byClass.keys.sorted() {
            var members = byClass[label]!
            guard members.count > 1 else { continue }
            generator.shuffle(&members)
            for i in members {
                assignment[i] = next
                next = (next + 1) % count
            }
        }
        self.assignment = assignment
    }

    /// The examples held out in some fold, increasing.
    package var heldOut: [Int] { assignment.indices.filter { assignment[$0] != nil } }

    /// The examples held out in `fold`, increasing.
    package func validation(_ fold: Int) -> [Int] { assignment.indices.filter { assignment[$0] == fold } }

    /// The examples fitted on when `fold` is held out, increasing.
    package func training(_ fold: Int) -> [Int] { assignment.indices.filter { assignment[$0] != fold } }
}
