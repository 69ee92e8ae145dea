@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

@Suite("Vocabulary")
struct VocabularyTests {
    @Test func documentedExample() {
        let vocabulary = Vocabulary(hashes: [17, 42, 99])
        #expect(vocabulary.index(of: 42) == 1)
        #expect(vocabulary.index(of: 17) == 0)
        #expect(vocabulary.index(of: 99) == 2)
        #expect(vocabulary.index(of: 7) == nil)
        #expect(vocabulary.count == 3)
        #expect(vocabulary.hashes == [17, 42, 99])
    }

    @Test func emptyVocabularyMissesEverything() {
        let vocabulary = Vocabulary(hashes: [])
        #expect(vocabulary.count == 0)
        for hash: UInt64 in [0, 1, 15, 16, .max] { #expect(vocabulary.index(of: hash) == nil) }
    }

    @Test func collidingSlotsAreProbed() {
        // Same low bits: all land in the same slot of a 16- or 32-slot table.
        let hashes: [UInt64] = [0, 32, 64, 96, 128, 1 << 40, 1 << 63, 5]
        let vocabulary = Vocabulary(hashes: hashes)
        for (index, hash) in hashes.enumerated() { #expect(vocabulary.index(of: hash) == Int32(index)) }
        for miss: UInt64 in [160, 192, 1 << 41, 37, 3] { #expect(vocabulary.index(of: miss) == nil) }
    }

    @Test func zeroAndMaxAreValidHashes() {
        let vocabulary = Vocabulary(hashes: [.max, 0])
        #expect(vocabulary.index(of: .max) == 0)
        #expect(vocabulary.index(of: 0) == 1)
        #expect(vocabulary.index(of: .max - 1) == nil)
    }

    @Test func duplicateHashesKeepTheirFirstIndex() {
        let vocabulary = Vocabulary(hashes: [9, 4, 9, 4])
        #expect(vocabulary.index(of: 9) == 0)
        #expect(vocabulary.index(of: 4) == 1)
        #expect(vocabulary.count == 4)
    }

    @Test(arguments: [1, 7, 8, 9, 16, 17, 1_000, 20_000])
    func randomVocabulariesHitAndMiss(size: Int) {
        var rng = SeededGenerator(seed: UInt64(size))
        var seen = Set<UInt64>()
        var hashes: [UInt64] = []
        while hashes.count < size {
            let h = rng.next()
            if seen.insert(h).inserted { hashes.append(h) }
        }
        let vocabulary = Vocabulary(hashes: hashes)
        var wrong = 0
        for (index, hash) in hashes.enumerated() where vocabulary.index(of: hash) != Int32(index) { wrong += 1 }
        #expect(wrong == 0)
        var falseHits = 0
        for _ in 0..<2_000 {
            let probe = rng.next()
            if !seen.contains(probe) && vocabulary.index(of: probe) != nil { falseHits += 1 }
        }
        #expect(falseHits == 0)
    }

    @Test func equalityComparesHashesInOrder() {
        #expect(Vocabulary(hashes: [1, 2, 3]) == Vocabulary(hashes: [1, 2, 3]))
        #expect(Vocabulary(hashes: [1, 2, 3]) != Vocabulary(hashes: [3, 2, 1]))
        #expect(Vocabulary(hashes: []) != Vocabulary(hashes: [0]))
    }
}
