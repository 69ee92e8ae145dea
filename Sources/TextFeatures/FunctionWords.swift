/// The English and French words that carry grammar, not content: articles, prepositions, pronouns,
/// conjunctions, auxiliary and modal verbs. Explanations leave out features made only of these,
/// class tokens (`<money>`, `<num>`, …) and single letters: "of the" or "<num> <money>" may weigh
/// in a prediction, but they tell a collector nothing about the dispute. Such features still count
/// in every score; they are only never *named* as the reason.
///
/// Negations ("not", "never", "jamais"), quantities ("only", "more", "twice"), "same", "again",
/// "until" and greetings ("please", "merci") are content here: they are what severity and
/// duplicate-billing predictions rest on.
///
/// ```swift
/// FunctionWords.isExplainable("of the")        // false
/// FunctionWords.isExplainable("the <num>")     // false
/// FunctionWords.isExplainable("pay <money>")   // true
/// FunctionWords.isExplainable("deja paye")     // true
/// ```
package enum FunctionWords {
    /// Whether a feature name (tokens separated by single spaces, as the extractor names word
    /// n-grams) holds at least one content word.
    package static func isExplainable(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            // Byte by byte, no `String` per token: a model's every name is tested once at load.
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                if isContent(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return true }
                start = end + 1
            }
            return false
        }
    }

    /// Whether one token (UTF-8) is a content word: not a class token, not one character, not listed.
    private static func isContent(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = token.first, let last = token.last else { return false }
        if first == UInt8(ascii: "<") && last == UInt8(ascii: ">") { return false }
        // One character: one byte, or one multi-byte scalar (its continuation bytes are 10xxxxxx).
        if token.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) { return false }
        guard token.count <= longest else { return true }
        let key = pack(token)
        var slot = slot(of: key)
        while true {
            let entry = table[slot]
            if entry == key { return false }
            if entry == 0 { return true }
            slot = (slot + 1) & (table.count - 1)
        }
    }

    /// Up to 16 bytes as one number (zero-padded; tokens never contain a zero byte).
    private static func pack(_ bytes: some Collection<UInt8>) -> UInt128 {
        var value: UInt128 = 0
        for (i, byte) in bytes.enumerated() { value |= UInt128(byte) << (8 * i) }
        return value
    }

    /// The byte length of the longest of ``words`` (at most 16, so that each packs into one number).
    private static let longest = words.map(\.utf8.count).max()!

    /// ``words`` packed, in an open-addressing table a quarter full (0 = empty): a test is a
    /// multiply and a compare or two, which keeps loading a model's tens of thousands of names cheap.
    private static let table: [UInt128] = {
        var table = [UInt128](repeating: 0, count: 1024)
        for word in words {
            let key = pack(word.utf8)
            var slot = slot(of: key)
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = key
        }
        return table
    }()

    /// Where `key`'s probe starts in a 1024-entry table.
    private static func slot(of key: UInt128) -> Int {
        let mixed = (UInt64(truncatingIfNeeded: key) ^ UInt64(truncatingIfNeeded: key >> 64)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 54)
    }

    /// Lower case, with and without accents (names are folded as their extractor's configuration says).
    package static let words: Set<String> = english.union(french)

    private static let english: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "such",
        "of", "at", "by", "for", "with", "about", "into", "onto", "through", "during", "before", "after",
        "to", "from", "in", "on", "off", "over", "under", "up", "down", "out", "as", "per", "via",
        "upon", "within", "without", "between", "among", "towards", "toward",
        "and", "or", "but", "if", "so", "than", "then", "because", "while", "though", "although",
        "whether", "also", "just", "very", "too", "here", "there", "when", "where", "which", "what",
        "who", "whom", "whose", "why", "how",
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
        "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers",
        "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having",
        "do", "does", "did", "doing", "done", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "ll", "ve", "re", "im", "ive", "weve", "youre", "dont",
        "let", "lets",
    ]

    private static let french: Set<String> = [
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cet", "cette", "ces",
        "ca", "ça", "ceci", "cela", "celui", "celle", "ceux", "celles",
        "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
        "leur", "leurs",
        "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "se", "lui",
        "moi", "toi", "soi", "eux", "en", "y",
        "et", "ou", "mais", "donc", "or", "ni", "car", "que", "qu", "qui", "quoi", "dont", "si", "comme",
        "quand", "lorsque", "puis", "alors", "aussi", "tres", "très",
        "a", "à", "dans", "par", "pour", "sur", "sous", "avec", "chez", "vers", "entre", "selon",
        "est", "sont", "etait", "était", "etaient", "étaient", "ete", "été", "etre", "être", "suis",
        "sommes", "etes", "êtes", "sera", "seront", "serait", "seraient",
        "ai", "as", "avons", "avez", "ont", "avait", "avaient", "avoir", "aura", "auront", "aurait",
        "eu", "ne", "peut", "peux", "pouvons", "pouvez", "peuvent", "pourriez", "pourrions",
        "pourrait", "pourraient", "pouvoir", "doit", "devons", "devez", "doivent", "devrait",
        "devriez",
    ]
}
