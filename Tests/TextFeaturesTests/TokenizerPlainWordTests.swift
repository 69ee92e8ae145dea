@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

/// The scanner's fast path for plain words (ASCII letters with punctuation around them, ended by
/// ASCII white space) must give the tokens of the general path. A span ended by a no-break space
/// takes the general path (the fast path needs ASCII white space), so the two are compared on the
/// same spans.
@Suite struct TokenizerPlainWordTests {
    static let alphabet =
        Array("aZq!\"#$%&'()*+,-./09:;<=>?@[\\]^_`{|}~wW".unicodeScalars) + ["\u{E9}", "\u{7F}", "\u{1}"]

    static func spans(count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 1...9, using: &rng)
            var span = String.UnicodeScalarView()
            for _ in 0..<length { span.append(alphabet.randomElement(using: &rng)!) }
            return String(span)
        }
    }

    static let fixed = [
        "(hello),", "\"quoted\"", "www.", "www.,", "http://", "e.g.", "don't", "l'article", "#tag", "tag#",
        "50%", "a@b.c", "$x", "...end", "UPPER.", "it's.", "qu'il", String(repeating: "long", count: 30) + ".",
    ]

    @Test(arguments: [Tokenizer(), Tokenizer.with { $0.lowercase = false }, Tokenizer.with { $0.classTokens = false }])
    func plainWordsMatchTheGeneralPath(tokenizer: Tokenizer) {
        for span in Self.fixed + Self.spans(count: 5000, seed: 7) {
            let general = tokenizer.collect("x " + span + "\u{A0}y")
            #expect(tokenizer.collect("x " + span + " y") == general, "\(span)")
            #expect(tokenizer.collect("x " + span) == Array(general.dropLast()), "\(span)")
        }
    }
}
