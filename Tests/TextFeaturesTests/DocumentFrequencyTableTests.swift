@_spi(Components) import Learners
import Testing

@testable import TextFeatures

@Suite("DocumentFrequencyTable")
struct DocumentFrequencyTableTests {
    /// Against a Dictionary and a per-document set: counts each hash once per document, keeps the
    /// first name given, tells whether a named add counted, and survives growing from a tiny table
    /// (keys sharing low or high bits too).
    @Test func countsOncePerDocumentAndKeepsTheFirstName() {
        var table = DocumentFrequencyTable(capacity: 4)
        var expectedCounts: [UInt64: Int32] = [:]
        var expectedNames: [UInt64: String] = [:]
        var generator = SeededGenerator(seed: 5)
        for document in 0..<300 {
            var seen = Set<UInt64>()
            for _ in 0..<(1 + generator.next(below: 40)) {
                let r = UInt64(generator.next(below: 900))
                // Some keys differ only in high bits, some only in low bits, one is 0.
                let key = r % 3 == 0 ? r << 50 : (r % 3 == 1 ? r : r &* 0x1_0000_0001)
                let firstInDocument = !seen.contains(key)
                if r % 2 == 0 {
                    // The fit skips a repeated word's character n-grams on this answer.
                    let counted = table.add(key, document: Int32(document)) { "k\(key) d\(document)" }
                    #expect(counted == firstInDocument)
                    if expectedNames[key] == nil { expectedNames[key] = "k\(key) d\(document)" }
                } else {
                    table.add(key, document: Int32(document))
                }
                if seen.insert(key).inserted { expectedCounts[key, default: 0] += 1 }
            }
        }
        var counts: [UInt64: Int32] = [:]
        var names: [UInt64: String] = [:]
        table.forEach { key, df, name in
            #expect(counts[key] == nil)
            counts[key] = df
            names[key] = name
        }
        #expect(counts == expectedCounts)
        #expect(names == expectedNames)
        #expect(table.count == expectedCounts.count)
    }
}
