@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

@Suite("Tokenizer")
struct TokenizerTests {
    let tokenizer = Tokenizer()

    // MARK: Case and accent folding

    @Test func caseFolding() {
        #expect(tokenizer.tokens(in: "INVOICE") == ["invoice"])
        #expect(tokenizer.tokens(in: "INVOICE") == tokenizer.tokens(in: "invoice"))
        #expect(tokenizer.tokens(in: "Credit NOTE Issued") == ["credit", "note", "issued"])
    }

    @Test func accentsAreFoldedToASCII() {
        #expect(tokenizer.byteTokens("\u{C9}T\u{C9}") == [Array("ete".utf8)])  // "ÉTÉ", precomposed
        #expect(tokenizer.byteTokens("factur\u{E9}") == [Array("facture".utf8)])
    }

    @Test func accentsAreKeptWhenFoldingIsOff() {
        let keep = Tokenizer.with { $0.foldAccents = false }
        #expect(keep.byteTokens("\u{C9}T\u{C9}") == [[0xC3, 0xA9, 0x74, 0xC3, 0xA9]])  // "été", lower-cased
        #expect(keep.byteTokens("\u{E9}t\u{E9}") == [[0xC3, 0xA9, 0x74, 0xC3, 0xA9]])
        #expect(keep.byteTokens("Stra\u{DF}e") == [Array("stra\u{DF}e".utf8)])
    }

    @Test func decomposedAccentsAreFolded() {
        // "e" + U+0301 COMBINING ACUTE ACCENT, upper- and lower-case.
        #expect(tokenizer.byteTokens("e\u{301}te\u{301}") == [Array("ete".utf8)])
        #expect(tokenizer.byteTokens("E\u{301}TE\u{301}") == [Array("ete".utf8)])
        #expect(tokenizer.byteTokens("factur" + "e\u{301}") == tokenizer.byteTokens("factur\u{E9}"))
        // Without folding the combining mark stays part of the word.
        let keep = Tokenizer.with { $0.foldAccents = false }
        #expect(keep.byteTokens("e\u{301}t\u{E9}") == [[0x65, 0xCC, 0x81, 0x74, 0xC3, 0xA9]])
    }

    @Test(arguments: [
        ("\u{152}UVRE", "oeuvre"), ("c\u{153}ur", "coeur"), ("Stra\u{DF}e", "strasse"), ("\u{C6}sir", "aesir"),
        ("gar\u{E7}on", "garcon"), ("na\u{EF}ve", "naive"), ("\u{C5}ngstr\u{F6}m", "angstrom"),
        ("\u{141}\u{F3}d\u{17A}", "lodz"), ("\u{17D}LU\u{164}OU\u{10C}K\u{DD}", "zlutoucky"), ("\u{178}", "y"),
    ])
    func latinLettersFoldToASCII(input: String, expected: String) {
        #expect(tokenizer.byteTokens(input) == [Array(expected.utf8)])
    }

    @Test func greekAndCyrillicAreLowerCased() {
        #expect(
            tokenizer.byteTokens("\u{3A3}\u{39F}\u{3A6}\u{399}\u{391}") == [
                Array("\u{3C3}\u{3BF}\u{3C6}\u{3B9}\u{3B1}".utf8)
            ])
        #expect(
            tokenizer.byteTokens("\u{41C}\u{41E}\u{421}\u{41A}\u{412}\u{410}") == [
                Array("\u{43C}\u{43E}\u{441}\u{43A}\u{432}\u{430}".utf8)
            ])
        #expect(tokenizer.byteTokens("\u{401}\u{416}") == [Array("\u{451}\u{436}".utf8)])  // Ё is outside А–Я
    }

    @Test func lowercaseOffKeepsCaseButFoldedLettersBecomeLowerASCII() {
        let keepCase = Tokenizer.with { $0.lowercase = false }
        #expect(keepCase.tokens(in: "Invoice PO") == ["Invoice", "PO"])
        #expect(keepCase.byteTokens("\u{C9}T\u{C9}") == [Array("eTe".utf8)])
    }

    // MARK: Elision

    @Test(arguments: [
        ("l'article", ["article"]), ("L'Article", ["article"]), ("qu\u{2019}il", ["il"]), ("QU\u{2019}IL", ["il"]),
        ("d\u{2019}avoir", ["avoir"]), ("jusqu'au", ["au"]), ("lorsqu'il", ["il"]), ("puisqu\u{2019}elle", ["elle"]),
        ("c'est", ["est"]), ("n'est", ["est"]), ("j'ai", ["ai"]), ("s'il", ["il"]), ("m'a", ["a"]), ("t'a", ["a"]),
        ("l\u{2BC}avoir", ["avoir"]), ("aujourd'hui", ["aujourdhui"]),
        ("don't", ["dont"]), ("customer's", ["customers"]), ("DON\u{2019}T", ["dont"]),
        ("clients' invoice", ["clients", "invoice"]), ("l'", ["l"]), ("l'12", ["l", "<num>"]), ("l'2024", ["<id>"]),
        ("Qu'il l'a fait jusqu'\u{E0} l'\u{E9}t\u{E9}", ["il", "a", "fait", "a", "ete"]),
    ])
    func frenchElision(input: String, expected: [String]) {
        #expect(tokenizer.tokens(in: input) == expected)
    }

    @Test func elisionCanBeDisabled() {
        let noElision = Tokenizer.with { $0.frenchElision = false }
        #expect(noElision.tokens(in: "l'article") == ["larticle"])
        #expect(noElision.tokens(in: "qu\u{2019}il") == ["quil"])
        #expect(noElision.tokens(in: "don't") == ["dont"])
    }

    // MARK: Class tokens

    @Test(arguments: [
        ("$1,234.56", [TokenKind.money]),
        ("1 234,56 \u{20AC}", [.number, .number, .money]),
        ("1\u{202F}234,56\u{202F}\u{20AC}", [.number, .number, .money]),
        ("1\u{A0}234,56\u{A0}\u{20AC}", [.number, .number, .money]),
        ("980,00\u{20AC}", [.money]), ("\u{20AC}", [.money]), ("\u{A3}12", [.money]),
        ("12k$", [.money]), ("15%", [.percent]), ("(15%),", [.percent]), ("-15%", [.percent]),
        ("2024-03-15", [.date]), ("15/03/2024", [.date]), ("3.4.24", [.date]), ("15.03.2024.", [.date]),
        ("INV-2024-00123", [.identifier]), ("PO#55821", [.identifier]), ("#55821", [.identifier]),
        ("4500012345", [.identifier]), ("F23/0456", [.identifier]), ("555-1234", [.identifier]),
        ("jane.doe@example.com", [.email]), ("Jane.Doe@Example.COM", [.email]), ("<jane2@ex.io>", [.email]),
        ("https://x.y/z", [.url]), ("http://example.com/a?b=1", [.url]), ("www.example.com", [.url]),
        ("HTTPS://X.Y", [.url]), ("(https://x.y/z).", [.url]),
        ("42", [.number]), ("1,234.5", [.number]), ("1.234.567", [.number]), ("12345", [.number]),
        ("3rd", [.number, .word]), ("10kg", [.number, .word]),
    ])
    func classTokens(input: String, kinds: [TokenKind]) {
        let tokens = tokenizer.collect(input)
        #expect(tokens.map(\.kind) == kinds, "\(input) → \(tokens)")
        for token in tokens where token.kind != .word {
            #expect(token.text == "\(token.kind.classText!)")
        }
    }

    @Test
    func frenchSpacedPercent() {
        #expect(tokenizer.tokens(in: "10 %") == ["<num>", "<pct>"])
        #expect(
            tokenizer.tokens(in: "p\u{E9}nalit\u{E9} de 10\u{202F}% par jour") == [
                "penalite", "de", "<num>", "<pct>", "par", "jour",
            ])
    }

    @Test func shortAlphanumericsSplitIntoNumberAndWord() {
        #expect(tokenizer.tokens(in: "3rd") == ["<num>", "rd"])
        #expect(tokenizer.tokens(in: "10kg") == ["<num>", "kg"])
        #expect(tokenizer.tokens(in: "ab12") == ["ab", "<num>"])
    }

    @Test func documentedExamples() {
        #expect(tokenizer.tokens(in: "INV-2024-0042 for $1,200") == ["<id>", "for", "<money>"])
        #expect(
            tokenizer.tokens(in: "L'article factur\u{E9} 1 234,56 \u{20AC} (INV-2024-0042)")
                == ["article", "facture", "<num>", "<num>", "<money>", "<id>"])
    }

    @Test func classTextsAreDistinct() {
        let texts = TokenKind.allCases.compactMap { $0.classText.map { "\($0)" } }
        #expect(texts == ["<num>", "<money>", "<pct>", "<date>", "<id>", "<email>", "<url>"])
        #expect(TokenKind.word.classText == nil)
    }

    @Test func classTokensOffKeepsDigitsInWords() {
        let plain = Tokenizer.with { $0.classTokens = false }
        #expect(plain.tokens(in: "abc123") == ["abc123"])
        #expect(plain.tokens(in: "3rd") == ["3rd"])
        #expect(plain.tokens(in: "10kg") == ["10kg"])
        #expect(plain.tokens(in: "INV-2024-00123") == ["inv", "2024", "00123"])
        #expect(plain.tokens(in: "$1,234.56") == ["1", "234", "56"])
        #expect(plain.tokens(in: "jane@example.com") == ["jane", "example", "com"])
        #expect(plain.collect("PO#55821 15% 2024-03-15").allSatisfy { $0.kind == .word })
    }

    // MARK: Punctuation and white space

    @Test(arguments: [
        ("(invoice),", ["invoice"]), ("\"invoice\"", ["invoice"]), ("...wait!!!", ["wait"]), ("[a]", ["a"]),
        ("credit-note", ["credit", "note"]), ("e-mail", ["e", "mail"]), ("a/b", ["a", "b"]),
        ("invoice:", ["invoice"]), ("\u{AB}\u{A0}prix\u{A0}\u{BB}", ["prix"]), ("\u{2014}", [String]()),
        ("Price\u{1F600}diff", ["price", "diff"]),
    ])
    func punctuationIsTrimmedAndSplits(input: String, expected: [String]) {
        #expect(tokenizer.tokens(in: input) == expected)
    }

    @Test func whiteSpaceVariantsSeparate() {
        let text = "a\tb\nc\r\nd\u{A0}e\u{2009}f\u{202F}g\u{3000}h\u{85}i\u{2028}j"
        #expect(tokenizer.tokens(in: text) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        #expect(tokenizer.tokens(in: "").isEmpty)
        #expect(tokenizer.tokens(in: " \t\n\u{A0} ").isEmpty)
    }

    @Test func tokenTextMatchesBytes() {
        var texts: [String] = []
        tokenizer.forEachToken(in: "Qty short") { token in
            texts.append(token.text)
            #expect(token.kind == .word)
            #expect(Array(token.bytes) == Array(token.text.utf8))
        }
        #expect(texts == ["qty", "short"])
    }

    // MARK: Truncation

    @Test func longASCIITokenIsTruncated() {
        let tokens = tokenizer.collect(String(repeating: "a", count: 200) + " next")
        #expect(tokens.count == 2)
        #expect(tokens.first?.bytes == [UInt8](repeating: UInt8(ascii: "a"), count: Tokenizer.maxTokenBytes))
        #expect(tokens.last?.text == "next")
    }

    @Test(arguments: [
        String(repeating: "\u{E9}", count: 50),  // 2-byte scalars, boundary aligned
        "a" + String(repeating: "\u{E9}", count: 50),  // 2-byte scalars, misaligned by one
        String(repeating: "\u{65E5}", count: 30),  // 3-byte scalars (CJK)
        "ab" + String(repeating: "\u{10428}", count: 20),  // 4-byte scalars (Deseret small letter)
        "a" + String(repeating: "\u{10428}", count: 20),
    ])
    func longMultiByteTokenIsTruncatedOnScalarBoundary(word: String) throws {
        let keep = Tokenizer.with { $0.foldAccents = false }
        let tokens = keep.collect(word)
        let token = try #require(tokens.first)
        #expect(tokens.count == 1)
        #expect(token.bytes.count <= Tokenizer.maxTokenBytes)
        #expect(token.bytes.count > Tokenizer.maxTokenBytes - 4)
        #expect(isValidUTF8(token.bytes))
        #expect(Array(word.utf8).starts(with: token.bytes))
    }

    @Test func foldedLongTokenIsTruncated() {
        // Each "é" folds to one byte, so 100 of them fit as 64 "e".
        let tokens = tokenizer.collect(String(repeating: "\u{E9}", count: 100))
        #expect(tokens.map(\.bytes) == [[UInt8](repeating: UInt8(ascii: "e"), count: Tokenizer.maxTokenBytes)])
        // A folded "œ" → "oe" straddling the limit stays ASCII (and therefore valid).
        let straddle = tokenizer.collect(String(repeating: "a", count: 63) + "\u{153}")
        #expect(straddle.first?.bytes.count == Tokenizer.maxTokenBytes)
        #expect(straddle.first.map { isValidUTF8($0.bytes) } == true)
    }

    // MARK: Invalid UTF-8

    @Test(
        arguments: [
            [0x61, 0xFF, 0x62],  // lone 0xFF
            [0x61, 0xFE, 0x62],
            [0x61, 0x80, 0x62],  // lone continuation byte
            [0x61, 0xC3, 0x62],  // truncated 2-byte sequence
            [0x61, 0xE2, 0x82, 0x62],  // truncated 3-byte sequence
            [0x61, 0xF0, 0x9F, 0x98, 0x62],  // truncated 4-byte sequence
            [0x61, 0xC0, 0xAF, 0x62],  // overlong "/"
            [0x61, 0xC1, 0xBF, 0x62],
            [0x61, 0xE0, 0x80, 0xAF, 0x62],  // overlong 3-byte
            [0x61, 0xF0, 0x80, 0x80, 0xAF, 0x62],  // overlong 4-byte
            [0x61, 0xED, 0xA0, 0x80, 0x62],  // UTF-16 surrogate U+D800
            [0x61, 0xED, 0xBF, 0xBF, 0x62],  // U+DFFF
            [0x61, 0xF4, 0x90, 0x80, 0x80, 0x62],  // above U+10FFFF
            [0x61, 0xF5, 0x80, 0x80, 0x80, 0x62],
        ] as [[UInt8]])
    func invalidUTF8SeparatesTokens(bytes: [UInt8]) {
        let tokens = tokenizer.collect(bytes: bytes)
        #expect(tokens.map(\.text) == ["a", "b"])
    }

    @Test func invalidUTF8AtEdgesAndNextToClassTokens() {
        #expect(tokenizer.collect(bytes: [0x61, 0xE2, 0x82]).map(\.text) == ["a"])
        #expect(tokenizer.collect(bytes: [0xFF, 0xFF]).isEmpty)
        #expect(tokenizer.collect(bytes: [0xC3]).isEmpty)
        #expect(tokenizer.collect(bytes: []).isEmpty)
        #expect(tokenizer.collect(bytes: Array("15%".utf8) + [0xFF] + Array("x".utf8)).map(\.text) == ["<pct>", "x"])
        // A valid accented letter right before an invalid byte is still folded.
        #expect(
            tokenizer.collect(bytes: [0x43, 0x61, 0x66, 0xC3, 0xA9, 0xFF, 0x6F, 0x6B]).map(\.text) == ["cafe", "ok"])
        // The replacement character itself is treated as a separator too.
        #expect(tokenizer.tokens(in: "a\u{FFFD}b") == ["a", "b"])
    }

    @Test func stringAndByteEntryPointsAgree() {
        let text = "L'article factur\u{E9} 1 234,56 \u{20AC} (INV-2024-0042) www.x.com don't"
        #expect(tokenizer.collect(text) == tokenizer.collect(bytes: Array(text.utf8)))
    }

    // MARK: Fuzzing

    /// Fragments that drive the scanner into every branch when glued together at random.
    static let fragments: [[UInt8]] =
        [
            "a", "Z", "0", "9", "$", "%", "#", "@", ".", ",", "-", "/", "'", ":", " ", "\t", "\n",
            "\u{2019}", "\u{E9}", "\u{C9}", "e\u{301}", "\u{153}", "\u{DF}", "\u{20AC}", "\u{A0}", "\u{202F}",
            "\u{65E5}", "\u{10428}", "\u{1F600}", "http://", "www.", "l'", "qu'", "INV-", "2024-03-15",
        ].map { Array($0.utf8) } + [
            [0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xC0, 0xAF],
        ]

    @Test func fuzzedBytesNeverCrashAndEmitValidTokens() {
        var rng = SeededGenerator(seed: 0xF022)
        let tokenizers = [
            Tokenizer(),
            Tokenizer.with {
                $0.lowercase = false; $0.foldAccents = false; $0.frenchElision = false; $0.classTokens = false
            },
        ]
        var emitted = 0
        var failures: [String] = []
        for iteration in 0..<2_000 {
            let length = Int.random(in: 0...300, using: &rng)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length + 8)
            if iteration % 2 == 0 {
                for _ in 0..<length { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
            } else {
                while bytes.count < length { bytes += Self.fragments.randomElement(using: &rng)! }
            }
            for (which, tokenizer) in tokenizers.enumerated() {
                let classTokens = tokenizer.configuration.classTokens
                for token in tokenizer.collect(bytes: bytes) {
                    emitted += 1
                    var problem: String? = nil
                    if token.bytes.isEmpty {
                        problem = "empty token"
                    } else if !isValidUTF8(token.bytes) {
                        problem = "invalid UTF-8"
                    } else if token.bytes.count > Tokenizer.maxTokenBytes {
                        problem = "too long"
                    } else if token.kind != .word, token.text != "\(token.kind.classText!)" {
                        problem = "bad class text"
                    } else if token.kind == .word
                        && token.text.unicodeScalars.contains(where: { $0.properties.isWhitespace })
                    {
                        problem = "white space inside a word"
                    } else if token.kind == .word && classTokens
                        && token.bytes.contains(where: { (0x30...0x39).contains($0) })
                    {
                        problem = "digit inside a word although class tokens are on"
                    } else if which == 0 && token.kind == .word
                        && token.bytes.contains(where: { (0x41...0x5A).contains($0) })
                    {
                        problem = "upper-case ASCII although lower-casing is on"
                    }
                    if let problem, failures.count < 5 {
                        failures.append(
                            "iteration \(iteration), tokenizer \(which): \(problem) in \(token) from \(bytes)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(emitted > 10_000)  // the fuzz actually exercised the emit paths
    }
}
