/// Seeded 64-bit hashing of token bytes and n-grams (FNV-1a followed by the MurmurHash3 finaliser).
///
/// The seed is part of the model: the same seed gives the same buckets on every platform.
///
/// ```swift
/// let hasher = FeatureHasher(seed: 42)
/// let h = hasher.hash("invoice")
/// let bigram = FeatureHasher.combine(hasher.hash("credit"), hasher.hash("note"))
/// ```
package struct FeatureHasher: Sendable, Equatable {
    /// The seed mixed into every hash.
    package let seed: UInt64

    /// A hasher with the given seed.
    package init(seed: UInt64) { self.seed = seed }

    /// Hash of raw bytes.
    @inlinable
    package func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return FeatureHasher.mix(h)
    }

    /// Hash of a string's UTF-8 bytes (convenience; allocation-free for native strings).
    package func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    /// Order-sensitive combination of two hashes, used for word bigrams.
    @inlinable
    package static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x9E37_79B9_7F4A_7C15 ^ (second &+ 0x632B_E59B_D9B4_E019))
    }

    /// MurmurHash3's 64-bit finaliser: spreads every input bit over the output.
    @inlinable
    package static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
