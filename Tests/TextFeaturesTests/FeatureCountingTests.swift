import Testing

@_spi(Components) @testable import TextFeatures

/// The ways of counting a document's feature occurrences (a count table for long documents,
/// sorting for short ones, the word memo for a workspace in steady use) must give bit-identical vectors.
@Suite struct FeatureCountingTests {
    static let training = [
        "The unit price on invoice INV-2024-0042 differs from the PO price of 12,50 EUR.",
        "Nous avons reçu des marchandises endommagées, la palette était écrasée à l'arrivée.",
        "You billed us twice for the same delivery; please issue a credit note.",
        "Le montant de la TVA est faux : 20 % au lieu de 5,5 %.",
        "Freight charges were not agreed; our contract says delivery is free over 500 EUR.",
    ]

    /// Long and short texts, repeated words (counts above 1) and unseen words.
    static let texts =
        training + [
            String(repeating: "credit note invoice price différence remise promotion ", count: 40),
            (0..<300).map { "word\($0 % 37) prix\($0 % 11)" }.joined(separator: " "),
            "short",
            String(repeating: "é", count: 2000),
            // Counts above the 64 term weights kept in a table.
            String(repeating: "credit ", count: 100) + String(repeating: "note ", count: 64),
            // The longest token (64 bytes): with 1…8-grams it has more keys than the memo keeps for a word.
            String(repeating: "abcdefgh", count: 9) + " credit " + String(repeating: "abcdefgh", count: 9),
        ]

    static func vectors(_ extractor: FeatureExtractor, counting: FeatureWorkspace.Counting) -> [SparseVector] {
        var workspace = FeatureWorkspace()
        workspace.counting = counting
        return texts.map { text in
            var vector = SparseVector()
            extractor.transform(text, into: &vector, workspace: &workspace)
            return vector
        }
    }

    static let configurations: [FeatureConfiguration] = [
        FeatureConfiguration(),
        .with { $0.space = .vocabulary(minCount: 1, oovBits: 6) },
        .with {
            $0.space = .hashing(bits: 10); $0.signedHashing = true
        },  // counts can cancel out
        .with {
            $0.space = .hashing(bits: 12); $0.weighting = .raw; $0.l2Normalize = false
        },
        .with { $0.characterNGrams = 1...8 },
        .with { $0.characterNGrams = nil },
        .with { $0.separateOutOfVocabulary = false },
        .with {
            $0.inverseDocumentFrequency = false; $0.weighting = .binary
        },
    ]

    @Test(arguments: configurations.indices)
    func tableAndSortingAgree(configuration: Int) throws {
        let extractor = try FeatureExtractor.fit(
            configuration: Self.configurations[configuration], texts: Self.training)
        let table = Self.vectors(extractor, counting: .table)
        let sorting = Self.vectors(extractor, counting: .sorting)
        let automatic = Self.vectors(extractor, counting: .automatic)
        let memo = Self.vectors(extractor, counting: .wordMemo)
        for i in Self.texts.indices {
            #expect(memo[i].indices == sorting[i].indices, "text \(i)")
            #expect(memo[i].values.map(\.bitPattern) == sorting[i].values.map(\.bitPattern), "text \(i)")
            #expect(table[i].indices == sorting[i].indices, "text \(i)")
            #expect(table[i].values.map(\.bitPattern) == sorting[i].values.map(\.bitPattern), "text \(i)")
            #expect(automatic[i] == sorting[i], "text \(i)")
            #expect(table[i].isWellFormed)
        }
        if Self.configurations[configuration].characterNGrams != nil {
            #expect(table.contains { $0.count > 100 })  // the long texts really are long
        }
    }

    @Test func tableKeepsDocumentsApart() throws {
        // One workspace, many documents through the table: counts must not leak between them.
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: Self.training)
        var workspace = FeatureWorkspace()
        workspace.counting = .table
        var first = SparseVector(), again = SparseVector(), other = SparseVector()
        extractor.transform(Self.texts[0], into: &first, workspace: &workspace)
        for text in Self.texts { extractor.transform(text, into: &other, workspace: &workspace) }
        extractor.transform(Self.texts[0], into: &again, workspace: &workspace)
        #expect(first == again)
    }

    @Test func aWorkspaceInSteadyUseSwitchesToTheTable() throws {
        // Short texts alone are sorted until the workspace has seen a few documents; either way the
        // vectors are the same, and the table is only allocated once the workspace is in steady use.
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: Self.training)
        var workspace = FeatureWorkspace()
        var vector = SparseVector()
        extractor.transform("short text", into: &vector, workspace: &workspace)
        #expect(workspace.countTable.isEmpty)
        let expected = extractor.transform("short text")
        for _ in 0..<FeatureExtractor.denseCountingWarmUpDocuments {
            extractor.transform("short text", into: &vector, workspace: &workspace)
        }
        #expect(workspace.countTable.count == extractor.dimension)
        #expect(vector == expected)
        #expect(workspace.present.allSatisfy { $0 == 0 } && workspace.presentWords.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [FeatureWorkspace.Counting.table, .wordMemo])
    func documentsStayApartAndRepeatedWordsAgree(counting: FeatureWorkspace.Counting) throws {
        // Every text twice through one workspace (the second time from the memo), against one-off
        // transforms; the memo's per-document occurrences must not leak into the next document.
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: Self.training)
        var workspace = FeatureWorkspace()
        workspace.counting = counting
        for text in Self.texts + Self.texts {
            var vector = SparseVector()
            extractor.transform(text, into: &vector, workspace: &workspace)
            #expect(vector == extractor.transform(text))
        }
        #expect(workspace.memo.slots.allSatisfy { $0.occurrences == 0 })
        #expect((workspace.memo.wordCount > 0) == (counting == .wordMemo))
    }

    @Test func aMemoServesOneExtractor() throws {
        // Two extractors with different vocabularies through one workspace: the second does not use
        // the first one's memo (its keys would be wrong), and both give their one-off vectors.
        let first = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: Self.training)
        let second = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: Self.texts)
        var workspace = FeatureWorkspace()
        workspace.counting = .wordMemo
        for text in Self.texts {
            for extractor in [first, second] {
                var vector = SparseVector()
                extractor.transform(text, into: &vector, workspace: &workspace)
                #expect(vector == extractor.transform(text))
            }
        }
        #expect(workspace.memo.owner === first.memoOwner)
    }
}
