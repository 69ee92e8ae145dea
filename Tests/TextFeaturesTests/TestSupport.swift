@_spi(Components) import TextFeatures
@_spi(Components) import TriageTestSupport

typealias SeededGenerator = SplitMix64

/// A token copied out of the tokenizer's scratch memory.
struct CollectedToken: Equatable, CustomStringConvertible {
    var kind: TokenKind
    var bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var description: String { "\(kind):\(text)" }
}

extension Tokenizer {
    /// A tokenizer with the default configuration modified by `change`.
    static func with(_ change: (inout TokenizerConfiguration) -> Void) -> Tokenizer {
        var configuration = TokenizerConfiguration()
        change(&configuration)
        return Tokenizer(configuration: configuration)
    }

    /// Every token of raw (possibly invalid) UTF-8 bytes, copied.
    func collect(bytes: [UInt8]) -> [CollectedToken] {
        var result: [CollectedToken] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachToken(inUTF8: buffer) { result.append(CollectedToken(kind: $0.kind, bytes: Array($0.bytes))) }
        }
        return result
    }

    /// Every token of `text`, copied.
    func collect(_ text: String) -> [CollectedToken] {
        var result: [CollectedToken] = []
        forEachToken(in: text) { result.append(CollectedToken(kind: $0.kind, bytes: Array($0.bytes))) }
        return result
    }

    /// The tokens' exact UTF-8 bytes (String `==` compares canonical equivalence, which would hide
    /// whether accents were folded or a decomposed sequence was kept).
    func byteTokens(_ text: String) -> [[UInt8]] { collect(text).map(\.bytes) }
}

/// Whether `bytes` is well-formed UTF-8.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
}

extension FeatureConfiguration {
    /// The default configuration modified by `change`.
    static func with(_ change: (inout FeatureConfiguration) -> Void) -> FeatureConfiguration {
        var configuration = FeatureConfiguration()
        change(&configuration)
        return configuration
    }
}

extension FeatureConfiguration {
    /// The default configuration without character n-grams (word n-grams only), modified by `change`;
    /// tests that reason about individual word features start here so they do not depend on the
    /// character n-gram default.
    static func words(_ change: (inout FeatureConfiguration) -> Void = { _ in }) -> FeatureConfiguration {
        var configuration = FeatureConfiguration()
        configuration.characterNGrams = nil
        change(&configuration)
        return configuration
    }
}
