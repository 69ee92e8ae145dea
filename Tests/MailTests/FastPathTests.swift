import Testing

@testable import Mail

/// The byte-level fast paths must answer what the String (Unicode) code answers, or decline so
/// that the String code does: `cleaningKey`, attribution lines, the Content-Type split.
@Suite("Byte-level fast paths")
struct FastPathTests {
    static let samples = [
        "Best Regards,", "  *From:* Jane <j@x.example>", "___", "__init", "CORDIALEMENT", "Envoyé : lundi 2 mars",
        "ÀÉÎÕÜ×ÞßÿÆ", "\u{A0}Objet\u{A0}:\u{A0}Facture", "It\u{2019}s paid", "Prix : 320 €", "Œuvre", "ÇA VA",
        "a\u{85}b", "\u{2003}indented", "tail\u{2028}", "\u{202F}x", "Straße", "İstanbul", "ΣΊΣΥΦΟΣ", "\t\u{B}x\u{C}\r",
        "a\u{0}b", "*", "_", "", " ", "\u{A0}", "Re\u{301}sume\u{301}", "– — … « » “ ”", "\u{1F600} ok",
    ]

    @Test("the fast path agrees with the Unicode path or declines")
    func fastPathAgrees() {
        for sample in Self.samples {
            if let fast = sample.fastCleaningKey() {
                #expect(fast == sample.unicodeCleaningKey, "\(sample.debugDescription)")
            }
            #expect(sample.cleaningKey == sample.unicodeCleaningKey, "\(sample.debugDescription)")
        }
    }

    @Test("the fast path takes ASCII and Latin-1 lines (it exists to skip Unicode lower-casing)")
    func fastPathTaken() {
        #expect("Best Regards,".fastCleaningKey() == "best regards,")
        #expect("Envoyé : LUNDI".fastCleaningKey() == "envoyé : lundi")
        #expect("It\u{2019}s \u{A0}paid".fastCleaningKey() == "it's  paid")
    }

    @Test("random strings over an alphabet of the cases that matter")
    func randomStrings() {
        let alphabet: [String] = [
            "a", "Z", " ", "\t", "*", "_", "É", "é", "×", "ß", "\u{A0}", "\u{2019}", "€", "\u{2003}",
            "\u{85}", "Œ", "İ", ":", "\u{B}", "\u{301}",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 60) {
                text += alphabet[Int((state >> UInt64(step * 4 % 56)) % UInt64(alphabet.count))]
            }
            #expect(text.cleaningKey == text.unicodeCleaningKey, "\(text.debugDescription)")
        }
    }

    @Test("byte-level attribution test: endings, no-break spaces, decomposed accents")
    func attributions() {
        #expect(QuoteMarkers.isAttribution("on mon, 2 mar 2026, jane <j@x.example> wrote:"))
        #expect(QuoteMarkers.isAttribution("le lun. 2 mars 2026 à 08:15, ar <ar@x.example> a écrit\u{A0}:  "))
        #expect(QuoteMarkers.isAttribution("le lun. 2 mars, ar a e\u{301}crit :"))
        #expect(!QuoteMarkers.isAttribution("here is what i wrote"))
        #expect(!QuoteMarkers.isAttribution("the invoice says:"))
    }

    @Test("Content-Type split on the bytes as split(separator:maxSplits:) splits it")
    func contentTypeSplit() {
        for value in [
            "text/plain", "/x/y", "//text/plain", "text/", "text//plain", "text", "", "/", "a/b/c", "text /plain",
            "te\u{301}xt/plain",
        ] {
            #expect(
                ContentType.typeAndSubtype(value) == value.split(separator: "/", maxSplits: 1),
                "\(value.debugDescription)")
        }
    }
}
