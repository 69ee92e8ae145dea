/// A seeded, stratified split of training examples into a part to fit on and a validation part
/// to choose settings and fit the probability temperature on.
///
/// Each class gives `round(fraction · n_c)` examples to validation, but always keeps at least one
/// for fitting (a class seen once stays whole in the fitting part), so every class is learnt and
/// the validation mix matches the data's.
///
/// ```swift
/// let split = ValidationSplit(labels: ["a", "a", "b", "b"], fraction: 0.5, seed: 1)
/// split.validation.count   // 2: one "a" and one "b"
/// ```
package struct ValidationSplit: Sendable, Equatable {
    /// Indices to fit on, increasing.
    package let training: [Int]
    /// Held-out indices, increasing.
    package let validation: [Int]

    /// Splits examples by their `labels`; `fraction` in [0, 1).
    package init(labels: [String], fraction: Double, seed: UInt64) {
        var byClass: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
        var generator = SeededGenerator(seed: seed)
        var held = [Bool](repeating: false, count: labels.count)
        for label in byClass.keys.sorted() {
            var members = byClass[label]!
            generator.shuffle(&members)
            let take = min(Int((fraction * Double(members.count)).rounded()), members.count - 1)
            for i in members.prefix(max(take, 0)) { held[i] = true }
        }
        training = labels.indices.filter { !held[$0] }
        validation = labels.indices.filter { held[$0] }
    }
}
