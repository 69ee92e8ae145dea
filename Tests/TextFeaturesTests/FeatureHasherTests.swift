@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

@Suite("FeatureHasher")
struct FeatureHasherTests {
    @Test func hashIsDeterministic() {
        let a = FeatureHasher(seed: 42)
        let b = FeatureHasher(seed: 42)
        for word in ["invoice", "credit", "", "facture", "\u{E9}t\u{E9}", "<money>"] {
            #expect(a.hash(word) == b.hash(word))
            #expect(a.hash(word) == a.hash(word))
        }
        #expect(a == b)
    }

    @Test func hashDependsOnSeed() {
        let words = ["invoice", "credit", "note", "", "x"]
        for (s1, s2) in [(UInt64(0), UInt64(1)), (0x5EED, 0x5EEE), (42, 1 << 63)] {
            let h1 = FeatureHasher(seed: s1), h2 = FeatureHasher(seed: s2)
            for word in words { #expect(h1.hash(word) != h2.hash(word), "seeds \(s1)/\(s2) collide on \(word)") }
        }
        #expect(FeatureHasher(seed: 1) != FeatureHasher(seed: 2))
    }

    /// Pinned values (computed independently): the seed and hash are part of every saved model, so
    /// changing the function silently breaks shipped models.
    @Test func hashValuesArePinned() {
        #expect(FeatureHasher(seed: 0).hash("invoice") == 0x8A79_2F1F_A56D_6757)
        #expect(FeatureHasher(seed: 0x5EED).hash("invoice") == 0x335A_96FF_62AF_3D49)
        #expect(FeatureHasher(seed: 42).hash("invoice") == 0x0695_82A2_5A6E_09F7)
        #expect(FeatureHasher(seed: 0x5EED).hash("") == 0xFB98_F969_894A_7EA4)
        let h = FeatureHasher(seed: 0x5EED)
        #expect(FeatureHasher.combine(h.hash("credit"), h.hash("note")) == 0x8D3D_9754_19A7_BE94)
        #expect(FeatureHasher.mix(1) == 0xB456_BCFC_34C2_CB2C)
        #expect(FeatureHasher.mix(0x1234_5678_9ABC_DEF0) == 0x18B8_C062_F6F4_2398)
    }

    @Test func stringAndByteHashesAgree() {
        let hasher = FeatureHasher(seed: 7)
        for word in ["invoice", "", "\u{E9}t\u{E9}", "\u{65E5}\u{672C}"] {
            let viaBytes = Array(word.utf8).withUnsafeBufferPointer { hasher.hash($0) }
            #expect(viaBytes == hasher.hash(word))
        }
    }

    @Test func distinctWordsGetDistinctHashes() {
        let hasher = FeatureHasher(seed: 0x5EED)
        let words = (0..<2_000).map { "w\($0)" } + ["invoice", "invoices", "Invoice", "ab", "ba"]
        #expect(Set(words.map(hasher.hash)).count == words.count)
    }

    @Test func combineIsOrderSensitiveAndDeterministic() {
        let hasher = FeatureHasher(seed: 0x5EED)
        let credit = hasher.hash("credit"), note = hasher.hash("note")
        #expect(FeatureHasher.combine(credit, note) != FeatureHasher.combine(note, credit))
        #expect(FeatureHasher.combine(credit, note) == FeatureHasher.combine(credit, note))
        #expect(FeatureHasher.combine(credit, credit) != credit)
        #expect(FeatureHasher.combine(credit, note) != credit && FeatureHasher.combine(credit, note) != note)
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let a = rng.next(), b = rng.next()
            #expect(FeatureHasher.combine(a, b) != FeatureHasher.combine(b, a))
        }
    }

    @Test func mixIsABijectionOnASample() {
        #expect(FeatureHasher.mix(0) == 0)
        var rng = SeededGenerator(seed: 4)
        let inputs = (0..<5_000).map { _ in rng.next() } + Array(0..<1_000)
        #expect(Set(inputs.map(FeatureHasher.mix)).count == Set(inputs).count)
        // Avalanche: flipping one input bit flips about half of the output bits.
        var flipped = 0
        for bit in 0..<64 {
            flipped += (FeatureHasher.mix(12345) ^ FeatureHasher.mix(12345 ^ (1 << UInt64(bit)))).nonzeroBitCount
        }
        #expect((24 * 64...40 * 64).contains(flipped))
    }
}
