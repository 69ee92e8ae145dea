import Foundation
@_spi(Components) import Learners
import Testing

@Suite struct TemperatureScalingTests {
    @Test func recoversTheTemperatureOfOverconfidentScores() {
        // Calibrated two-class scores: P(class 0) = σ(z). Sample labels from it, then inflate by 4.
        var generator = SeededGenerator(seed: 11)
        var scores: [[Float]] = []
        var targets: [Int] = []
        for _ in 0..<4000 {
            let z = Float(generator.nextUnit() * 6 - 3)
            let p0 = 1 / (1 + exp(-z))
            targets.append(generator.nextUnit() < Double(p0) ? 0 : 1)
            scores.append([4 * z, 0])
        }
        let t = TemperatureScaling.fit(scores: scores, targets: targets)
        #expect(abs(t - 4) < 0.5)
        #expect(
            TemperatureScaling.negativeLogLikelihood(scores, targets, temperature: t)
                < TemperatureScaling.negativeLogLikelihood(scores, targets, temperature: 1))
    }

    @Test func nothingToFitGivesOne() {
        #expect(TemperatureScaling.fit(scores: [], targets: []) == 1)
    }
}
