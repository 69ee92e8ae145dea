/// Turns a stream of token hashes into word n-gram hashes, and a word's bytes into character
/// n-gram hashes. Shared by fitting and transforming so both see exactly the same features.
struct NGramGenerator {
    let maxOrder: Int
    // Hashes of the previous three tokens, most recent first.
    private var previous: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var seen = 0

    init(maxOrder: Int) { self.maxOrder = maxOrder }

    /// Emits the unigram of `hash` and every longer n-gram that ends with it (`order` = n).
    @inline(__always)
    mutating func push(_ hash: UInt64, _ body: (_ gramHash: UInt64, _ order: Int) -> Void) {
        body(hash, 1)
        if maxOrder >= 2 && seen >= 1 {
            var gram = FeatureHasher.combine(previous.0, hash)
            body(gram, 2)
            if maxOrder >= 3 && seen >= 2 {
                gram = FeatureHasher.combine(previous.1, gram)
                body(gram, 3)
                if maxOrder >= 4 && seen >= 3 {
                    body(FeatureHasher.combine(previous.2, gram), 4)
                }
            }
        }
        previous = (hash, previous.0, previous.1)
        seen += 1
    }

    /// Emits hashes of the character n-grams of `"<" + word + ">"` for each length in `lengths`.
    @inline(__always)
    static func characterNGrams(
        of word: UnsafeBufferPointer<UInt8>, lengths: ClosedRange<Int>, seed: UInt64, _ body: (UInt64) -> Void
    ) {
        let total = word.count + 2
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            i == 0 ? UInt8(ascii: "<") : i == total - 1 ? UInt8(ascii: ">") : word[i - 1]
        }
        let base: UInt64 = 0x8422_2325_cbf2_9ce4 ^ (seed &* 0xC2B2_AE3D_27D4_EB4F)
        for start in 0..<total {
            var h = base
            for offset in 0..<min(lengths.upperBound, total - start) {
                h ^= UInt64(byte(start + offset))
                h = h &* 0x0000_0100_0000_01B3
                if offset + 1 >= lengths.lowerBound { body(FeatureHasher.mix(h)) }
            }
        }
    }
}
