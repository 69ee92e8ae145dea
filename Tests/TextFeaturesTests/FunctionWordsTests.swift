import Testing
@_spi(Components) import TextFeatures

/// Which feature names explanations may show: at least one content word.
@Suite struct FunctionWordsTests {
    @Test(arguments: [
        "of", "of the", "the <num>", "<money>", "<num> <money>", "could you", "pouvez vous", "de la",
        "x", "m", "à", "é", "y", "<id> de", "", "je ne",
    ])
    func grammarAloneIsNotExplainable(name: String) {
        #expect(!FunctionWords.isExplainable(name), "\(name)")
    }

    @Test(arguments: [
        "cracked", "on hold", "pay <money>", "deja paye", "déjà payé", "never", "not", "jamais", "pas",
        "twice", "same", "the same", "until", "merci", "please", "<money> ht", "ab",
        "responsabilite-civile-professionnelle", "internationalisation", "ç€",
    ])
    func aContentWordIsExplainable(name: String) {
        #expect(FunctionWords.isExplainable(name), "\(name)")
    }

    /// Every listed word is found in the lookup table, alone and as a bigram with another, and a
    /// word one letter longer is not (so the probe neither misses nor matches on a prefix).
    @Test func everyListedWordIsFound() {
        for word in FunctionWords.words {
            #expect(!FunctionWords.isExplainable(word), "\(word)")
            #expect(!FunctionWords.isExplainable("\(word) the"), "\(word)")
            let longer = word + "q"
            if !FunctionWords.words.contains(longer) {
                #expect(FunctionWords.isExplainable(longer), "\(longer)")
            }
        }
    }
}
