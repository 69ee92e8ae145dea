import SystemSupport
@_spi(Components) import TextFeatures

/// Naive-Bayes log-count-ratio feature scaling for logistic regression (the NBSVM idea of Wang &
/// Manning, 2012, in a multiclass form): feature `j` is multiplied by how strongly it separates
/// some class from the rest, `max_c |log(p_cj / q_cj)|`, where `p_c` and `q_c` are the smoothed,
/// normalised feature sums of class `c` and of all other classes. The factors are rescaled to
/// mean 1 over the features seen and mixed with 1 by ``share``, so `C` keeps its meaning. A model
/// fitted on scaled features has its weights multiplied by the same factors afterwards, so it
/// scores unscaled features exactly as it scored the scaled ones.
struct NaiveBayesScaling {
    /// 0 = no scaling, 1 = the full ratio.
    var share: Float
    /// Added to every feature sum.
    var smoothing: Float = 1

    /// One factor per feature, from examples `examples[i]` with class index `targets[i]`.
    func factors<S: Sequence>(examples: S, targets: [Int], classCount k: Int, dimension: Int) -> [Float]
    where S.Element == LabeledExample {
        var sums = [Double](repeating: 0, count: dimension * k)
        var seen = [Bool](repeating: false, count: dimension)
        for (example, target) in zip(examples, targets) {
            for (index, value) in zip(example.features.indices, example.features.values) {
                sums[Int(index) * k + target] += Double(abs(value)) * Double(example.weight)
                seen[Int(index)] = true
            }
        }
        let alpha = Double(smoothing)
        var classTotal = [Double](repeating: 0, count: k)
        var featureTotal = [Double](repeating: 0, count: dimension)
        for j in 0..<dimension where seen[j] {
            for c in 0..<k {
                classTotal[c] += sums[j * k + c] + alpha
                featureTotal[j] += sums[j * k + c]
            }
        }
        let grandTotal = classTotal.reduce(0, +)
        var ratio = [Float](repeating: 0, count: dimension)
        var sum = 0.0, count = 0
        for j in 0..<dimension where seen[j] {
            var best = 0.0
            for c in 0..<k {
                let inClass = (sums[j * k + c] + alpha) / classTotal[c]
                let rest =
                    (featureTotal[j] - sums[j * k + c] + Double(k - 1) * alpha) / max(grandTotal - classTotal[c], 1e-30)
                best = max(best, abs(log(inClass / rest)))
            }
            ratio[j] = Float(best)
            sum += best
            count += 1
        }
        let mean = count > 0 && sum > 0 ? Float(sum / Double(count)) : 1
        return ratio.enumerated().map { j, r in seen[j] ? (1 - share) + share * r / mean : 1 }
    }
}
