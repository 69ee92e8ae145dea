import Foundation
import Testing
@_spi(Components) import TextFeatures

@Suite("TermWeighting")
struct TermWeightingTests {
    @Test func weights() {
        #expect(TermWeighting.raw.weight(count: 3) == 3)
        #expect(TermWeighting.binary.weight(count: 3) == 1)
        #expect(TermWeighting.binary.weight(count: 1) == 1)
        #expect(abs(TermWeighting.log1p.weight(count: 3) - Float(log(4.0))) < 1e-6)
        #expect(abs(TermWeighting.log1p.weight(count: 1) - Float(log(2.0))) < 1e-6)
    }

    @Test func log1pIsIncreasingAndDamped() {
        var previous: Float = 0
        for count in 1...100 {
            let w = TermWeighting.log1p.weight(count: Float(count))
            #expect(w > previous)
            #expect(w < Float(count))
            previous = w
        }
    }

    @Test func codableRawValuesAreStable() throws {
        #expect(TermWeighting.allCases.map(\.rawValue) == ["raw", "log1p", "binary"])
        let data = try JSONEncoder().encode(TermWeighting.allCases)
        #expect(try JSONDecoder().decode([TermWeighting].self, from: data) == TermWeighting.allCases)
    }
}
