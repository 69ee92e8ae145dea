import Foundation
@_spi(Components) import Learners
import Testing

@_spi(Components) @testable import TextFeatures

private let corpus = [
    "Credit note requested for invoice INV-2024-00123",
    "Price differs from the purchase order: credit note needed for this invoice",
    "Quantity short on delivery, invoice total $1,234.56",
    "Invoice paid twice, please issue a credit note",
]

private let unseen = [
    "Zebra xylophone quokka",
    "Facture payée deux fois, merci d’émettre un avoir",
    "",
    "!!! ... ---",
    String(repeating: "invoice credit note ", count: 40),
]

/// Independent re-implementation of `transform` for word n-grams (no character n-grams), built only
/// from the public tokenizer and hasher, to check the extractor's counting, sorting, weighting and normalisation.
private func referenceTransform(_ text: String, _ extractor: FeatureExtractor) -> SparseVector {
    let configuration = extractor.configuration
    let tokens = Tokenizer(configuration: configuration.tokenizer).tokens(in: text)
    let hasher = FeatureHasher(seed: configuration.seed)
    let hashes = tokens.map(hasher.hash)
    var grams: [UInt64] = []
    for position in hashes.indices {
        var gram = hashes[position]
        grams.append(gram)
        var order = 2
        while order <= configuration.wordNGrams && position - order + 1 >= 0 {
            gram = FeatureHasher.combine(hashes[position - order + 1], gram)
            grams.append(gram)
            order += 1
        }
    }
    var counts: [Int: Float] = [:]
    for gram in grams {
        let index: Int
        switch configuration.space {
        case let .hashing(bits):
            index = Int(gram & UInt64((1 << bits) - 1))
        case let .vocabulary(_, oovBits):
            let vocabulary = extractor.vocabulary!
            if let found = vocabulary.index(of: gram) {
                index = Int(found)
            } else {
                index = vocabulary.count + Int(FeatureHasher.mix(gram) & UInt64((1 << oovBits) - 1))
            }
        }
        let sign: Float = configuration.signedHashing && gram >> 63 == 1 ? -1 : 1
        counts[index, default: 0] += sign
    }
    var vector = SparseVector()
    for index in counts.keys.sorted() {
        let count = counts[index]!
        if count == 0 { continue }
        var value = configuration.weighting.weight(count: abs(count)) * (count < 0 ? -1 : 1)
        if configuration.inverseDocumentFrequency { value *= extractor.inverseDocumentFrequency[index] }
        vector.append(index: Int32(index), value: value)
    }
    let norm = normOfNormedPart(vector, extractor)
    if configuration.l2Normalize && norm > 0 { vector.values = vector.values.map { $0 / norm } }
    return vector
}

/// The Euclidean norm of the entries that count in `x`'s normalisation: inside the vocabulary when
/// out-of-vocabulary features are kept apart and `x` has any, else all of them.
private func normOfNormedPart(_ x: SparseVector, _ extractor: FeatureExtractor) -> Float {
    var values = x.values
    if extractor.configuration.separateOutOfVocabulary, let vocabulary = extractor.vocabulary {
        let inside = zip(x.indices, x.values).filter { Int($0.0) < vocabulary.count }.map(\.1)
        if !inside.isEmpty { values = inside }
    }
    return values.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

private func isApproximatelyEqual(_ a: SparseVector, _ b: SparseVector, tolerance: Float = 1e-5) -> Bool {
    a.indices == b.indices && zip(a.values, b.values).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

private func norm(_ x: SparseVector) -> Float { x.values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

@Suite("FeatureExtractor")
struct FeatureExtractorTests {
    let hasher = FeatureHasher(seed: 0x5EED)

    // MARK: Vocabulary space

    @Test func vocabularyFitShapes() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let vocabulary = try #require(extractor.vocabulary)
        #expect(vocabulary.count > 20)
        #expect(extractor.dimension == vocabulary.count + (1 << 12))
        #expect(extractor.inverseDocumentFrequency.count == extractor.dimension)
        #expect(extractor.names.count == extractor.dimension)
        #expect(extractor.documentCount == corpus.count)
        #expect(vocabulary.hashes == vocabulary.hashes.sorted())  // reproducible order
    }

    @Test func transformsAreSortedDistinctInRangeAndUnitLength() throws {
        for configuration in [
            FeatureConfiguration(), .words(),
            .words {
                $0.characterNGrams = 1...8; $0.wordNGrams = 4
            },
        ] {
            let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            for text in corpus + unseen {
                let x = extractor.transform(text)
                #expect(x.isWellFormed, "\(text)")
                #expect(Set(x.indices).count == x.count)
                #expect(x.indices.allSatisfy { $0 >= 0 && Int($0) < extractor.dimension })
                #expect(x.values.allSatisfy { $0.isFinite && $0 > 0 })
                if x.count > 0 {
                    #expect(abs(normOfNormedPart(x, extractor) - 1) < 1e-5, "\(text)")
                } else {
                    #expect(text.allSatisfy { !$0.isLetter && !$0.isNumber })
                }
            }
        }
    }

    @Test func withoutL2NormalisationVectorsAreNotUnitLength() throws {
        let configuration = FeatureConfiguration.words {
            $0.l2Normalize = false; $0.weighting = .raw; $0.inverseDocumentFrequency = false
        }
        let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
        let x = extractor.transform("invoice invoice credit")
        // unigrams invoice ×2, credit ×1; bigrams "invoice invoice", "invoice credit"
        #expect(x.values.sorted() == [1, 1, 1, 2])
    }

    @Test func unseenWordsGoToOOVBuckets() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let vocabularyCount = try #require(extractor.vocabulary).count
        let x = extractor.transform("zebra xylophone quokka")
        #expect(x.count >= 3)
        #expect(x.indices.allSatisfy { Int($0) >= vocabularyCount && Int($0) < extractor.dimension })
        let seen = extractor.transform("invoice")
        #expect(seen.indices.count == 1)
        #expect(seen.indices.allSatisfy { Int($0) < vocabularyCount })
        // OOV buckets carry the IDF of a feature seen in no document.
        let n = Float(corpus.count)
        for index in x.indices {
            #expect(abs(extractor.inverseDocumentFrequency[Int(index)] - (logf(1 + n) + 1)) < 1e-6)
        }
    }

    @Test(arguments: [true, false])
    func outOfVocabularyFeaturesCountInTheNormOnlyWhenNotKeptApart(separate: Bool) throws {
        let extractor = try FeatureExtractor.fit(
            configuration: .words {
                $0.separateOutOfVocabulary = separate; $0.wordNGrams = 1
            }, texts: corpus)
        let vocabularyCount = try #require(extractor.vocabulary).count
        let x = extractor.transform("invoice zebra")
        #expect(x.count == 2)
        #expect(Int(x.indices[0]) < vocabularyCount && Int(x.indices[1]) >= vocabularyCount)
        let invoice = extractor.inverseDocumentFrequency[Int(x.indices[0])] * log1pf(1)
        let zebra = extractor.inverseDocumentFrequency[Int(x.indices[1])] * log1pf(1)
        // Kept apart: the vocabulary's part alone has unit length, the bucket is scaled alike.
        let scale = separate ? 1 / invoice : 1 / (invoice * invoice + zebra * zebra).squareRoot()
        #expect(abs(x.values[0] - invoice * scale) < 1e-6)
        #expect(abs(x.values[1] - zebra * scale) < 1e-6)
        // A text of unseen words only is still a unit vector.
        #expect(abs(norm(extractor.transform("zebra xylophone")) - 1) < 1e-6)
        #expect(extractor.outOfVocabularyStart == (separate ? vocabularyCount : nil))
    }

    @Test func removingOutOfVocabularyKeepsTheVocabularyEntries() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: corpus)
        let vocabularyCount = try #require(extractor.vocabulary).count
        for text in corpus + unseen {
            let x = extractor.transform(text)
            var kept = x
            extractor.removeOutOfVocabulary(from: &kept)
            let inside = zip(x.indices, x.values).filter { Int($0.0) < vocabularyCount }
            #expect(kept.indices == inside.map(\.0) && kept.values == inside.map(\.1), "\(text)")
        }
        // Not kept apart, or no vocabulary: nothing is removed.
        let kinds = [
            FeatureConfiguration.with { $0.separateOutOfVocabulary = false }, .with { $0.space = .hashing(bits: 10) },
        ]
        for configuration in kinds {
            let other = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            var x = other.transform(unseen[0])
            let before = x
            other.removeOutOfVocabulary(from: &x)
            #expect(x == before && !x.indices.isEmpty)
        }
    }

    @Test func singleOOVBucketAggregatesUnseenWords() throws {
        let configuration = FeatureConfiguration.words {
            $0.space = .vocabulary(minCount: 1, oovBits: 0)
            $0.wordNGrams = 1
            $0.weighting = .raw
            $0.inverseDocumentFrequency = false
            $0.l2Normalize = false
        }
        let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
        let count = try #require(extractor.vocabulary).count
        #expect(extractor.dimension == count + 1)
        let x = extractor.transform("zebra yak invoice")
        let invoiceIndex = try #require(extractor.vocabulary?.index(of: hasher.hash("invoice")))
        #expect(x.indices == [invoiceIndex, Int32(count)])
        #expect(x.values == [1, 2])
    }

    @Test func minCountDropsRareFeatures() throws {
        let all = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let frequent = try FeatureExtractor.fit(
            configuration: .words { $0.space = .vocabulary(minCount: 2, oovBits: 12) }, texts: corpus)
        let allVocabulary = try #require(all.vocabulary)
        let frequentVocabulary = try #require(frequent.vocabulary)
        #expect(frequentVocabulary.count < allVocabulary.count)
        #expect(frequentVocabulary.index(of: hasher.hash("invoice")) != nil)  // in all 4 documents
        #expect(frequentVocabulary.index(of: hasher.hash("twice")) == nil)  // in one document
        #expect(allVocabulary.index(of: hasher.hash("twice")) != nil)
        let creditNote = FeatureHasher.combine(hasher.hash("credit"), hasher.hash("note"))
        #expect(frequentVocabulary.index(of: creditNote) != nil)  // in 3 documents
    }

    @Test
    func hugeMinCountDoesNotTrap() throws {
        let configuration = FeatureConfiguration.words { $0.space = .vocabulary(minCount: Int.max, oovBits: 4) }
        do {
            let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            #expect(extractor.vocabulary?.count == 0)  // no feature reaches that many documents
        } catch {
            #expect(error is FeatureError)  // rejecting the configuration would be fine too
        }
    }

    @Test func inverseDocumentFrequencyFavoursRareWords() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let vocabulary = try #require(extractor.vocabulary)
        let common = Int(try #require(vocabulary.index(of: hasher.hash("invoice"))))  // 4 of 4 documents
        let medium = Int(try #require(vocabulary.index(of: hasher.hash("credit"))))  // 3 of 4
        let rare = Int(try #require(vocabulary.index(of: hasher.hash("twice"))))  // 1 of 4
        let idf = extractor.inverseDocumentFrequency
        #expect(idf[common] < idf[medium])
        #expect(idf[medium] < idf[rare])
        #expect(abs(idf[common] - 1) < 1e-6)  // ln(5/5) + 1
        #expect(abs(idf[medium] - (logf(5.0 / 4.0) + 1)) < 1e-6)
        #expect(abs(idf[rare] - (logf(5.0 / 2.0) + 1)) < 1e-6)
        // A word repeated inside one document still counts once.
        let repeated = try FeatureExtractor.fit(
            configuration: FeatureConfiguration.words(), texts: ["late late late", "on time"])
        let late = Int(try #require(repeated.vocabulary?.index(of: hasher.hash("late"))))
        #expect(abs(repeated.inverseDocumentFrequency[late] - (logf(3.0 / 2.0) + 1)) < 1e-6)
    }

    @Test func rareWordWeighsMoreThanCommonWordInTransform() throws {
        let extractor = try FeatureExtractor.fit(configuration: .words { $0.wordNGrams = 1 }, texts: corpus)
        let x = extractor.transform("invoice twice")
        let vocabulary = try #require(extractor.vocabulary)
        let invoice = try #require(vocabulary.index(of: hasher.hash("invoice")))
        let twice = try #require(vocabulary.index(of: hasher.hash("twice")))
        let value = Dictionary(uniqueKeysWithValues: zip(x.indices, x.values))
        let twiceValue = try #require(value[twice])
        let invoiceValue = try #require(value[invoice])
        #expect(twiceValue > invoiceValue)
    }

    @Test(arguments: [(TermWeighting.raw, Float(3)), (.log1p, 2), (.binary, 1)])
    func weightingRatioOnRepeatedWord(weighting: TermWeighting, expectedRatio: Float) throws {
        let configuration = FeatureConfiguration.words {
            $0.wordNGrams = 1
            $0.weighting = weighting
            $0.inverseDocumentFrequency = false
            $0.l2Normalize = false
        }
        let extractor = try FeatureExtractor.fit(configuration: configuration, texts: ["late invoice"])
        let x = extractor.transform("late late late invoice")
        #expect(x.count == 2)
        let vocabulary = try #require(extractor.vocabulary)
        let value = Dictionary(uniqueKeysWithValues: zip(x.indices, x.values))
        let lateIndex = try #require(vocabulary.index(of: hasher.hash("late")))
        let invoiceIndex = try #require(vocabulary.index(of: hasher.hash("invoice")))
        let late = try #require(value[lateIndex])
        let invoice = try #require(value[invoiceIndex])
        #expect(abs(late / invoice - expectedRatio) < 1e-5)
        #expect(abs(invoice - weighting.weight(count: 1)) < 1e-6)
    }

    @Test func bigramNameInVocabularyMode() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let vocabulary = try #require(extractor.vocabulary)
        let creditNote = FeatureHasher.combine(hasher.hash("credit"), hasher.hash("note"))
        let index = Int(try #require(vocabulary.index(of: creditNote)))
        #expect(extractor.name(of: index) == "credit note")
        #expect(extractor.names[index] == "credit note")
        let names = Set(extractor.transform("Credit note").indices.map { extractor.name(of: Int($0)) })
        #expect(names == ["credit", "note", "credit note"])
        #expect(extractor.name(of: -1) == "")
        #expect(extractor.name(of: extractor.dimension) == "")
        #expect(extractor.name(of: vocabulary.count) == "")  // OOV bucket
        // Class tokens keep their class text as a name.
        let id = Int(try #require(vocabulary.index(of: hasher.hash("<id>"))))
        #expect(extractor.name(of: id) == "<id>")
    }

    @Test func trigramNames() throws {
        let extractor = try FeatureExtractor.fit(configuration: .words { $0.wordNGrams = 3 }, texts: corpus)
        let names = Set(extractor.transform("issue a credit").indices.map { extractor.name(of: Int($0)) })
        #expect(names.isSuperset(of: ["issue", "a", "credit", "issue a", "a credit", "issue a credit"]))
    }

    /// The fit counts a repeated word's character n-grams once per document without recomputing
    /// them: every vocabulary entry's IDF against document frequencies counted with a set per
    /// document of every n-gram of every token, on texts that repeat words.
    @Test func characterNGramFrequenciesWithRepeatedWords() throws {
        let configuration = FeatureConfiguration.words {
            $0.characterNGrams = 2...4; $0.wordNGrams = 2
        }
        let texts = corpus + unseen + ["note note note credit", "credit credit", "note"]
        let extractor = try FeatureExtractor.fit(configuration: configuration, texts: texts)
        let tokenizer = Tokenizer(configuration: configuration.tokenizer)
        let hasher = FeatureHasher(seed: configuration.seed)
        var frequency: [UInt64: Int] = [:]
        for text in texts {
            var grams = Set<UInt64>()
            var generator = NGramGenerator(maxOrder: configuration.wordNGrams)
            tokenizer.forEachToken(in: text) { token in
                generator.push(hasher.hash(token.bytes)) { gram, _ in grams.insert(gram) }
                if token.kind == .word {
                    NGramGenerator.characterNGrams(of: token.bytes, lengths: 2...4, seed: configuration.seed) {
                        grams.insert($0)
                    }
                }
            }
            for gram in grams { frequency[gram, default: 0] += 1 }
        }
        let vocabulary = try #require(extractor.vocabulary)
        let n = Float(texts.count)
        #expect(vocabulary.count == frequency.count)
        for (index, hash) in vocabulary.hashes.enumerated() {
            let df = Float(try #require(frequency[hash]))
            #expect(extractor.inverseDocumentFrequency[index] == logf((1 + n) / (1 + df)) + 1)
        }
    }

    @Test func fittingIsDeterministic() throws {
        let first = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let second = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        #expect(first == second)
        #expect(first.vocabulary?.hashes == second.vocabulary?.hashes)
        for text in corpus + unseen { #expect(first.transform(text) == second.transform(text)) }
        let otherSeed = try FeatureExtractor.fit(configuration: .words { $0.seed = 1 }, texts: corpus)
        #expect(otherSeed != first)
        let otherTexts = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus.dropLast())
        #expect(otherTexts != first)
    }

    @Test func reusedWorkspaceMatchesFreshTransform() throws {
        for configuration in [
            FeatureConfiguration(),
            .words(),
            .words {
                $0.characterNGrams = 2...4; $0.wordNGrams = 3
            },
            .words {
                $0.space = .hashing(bits: 12); $0.signedHashing = true
            },
        ] {
            let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            var workspace = FeatureWorkspace(reservingCapacity: 4)
            var vector = SparseVector()
            for text in (corpus + unseen + corpus.reversed()) {
                extractor.transform(text, into: &vector, workspace: &workspace)
                #expect(vector == extractor.transform(text), "\(text)")
            }
        }
    }

    @Test func transformMatchesReferenceImplementation() throws {
        for configuration in [
            FeatureConfiguration.words(),
            .words {
                $0.wordNGrams = 1; $0.weighting = .raw; $0.inverseDocumentFrequency = false; $0.l2Normalize = false
            },
            .words {
                $0.wordNGrams = 3; $0.weighting = .binary
            },
            .words {
                $0.wordNGrams = 4; $0.space = .vocabulary(minCount: 1, oovBits: 3); $0.signedHashing = true
            },
            .words {
                $0.space = .hashing(bits: 6); $0.weighting = .raw; $0.l2Normalize = false
            },
            .words {
                $0.space = .hashing(bits: 8); $0.signedHashing = true; $0.inverseDocumentFrequency = false
            },
        ] {
            let extractor = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            for text in corpus + unseen {
                let actual = extractor.transform(text)
                let expected = referenceTransform(text, extractor)
                #expect(
                    isApproximatelyEqual(actual, expected), "\(configuration.space) \(text): \(actual) vs \(expected)")
            }
        }
    }

    @Test func transformOfLongRandomTextsMatchesReference() throws {
        // Many features per document exercise the extractor's own sort (quicksort above 16 keys).
        let words = [
            "invoice", "credit", "note", "price", "po", "short", "late", "paid", "twice", "zebra",
            "15%", "$12", "INV-2024-00123", "2024-03-15", "l'avoir", "qu'il", "été", "a", "b", "c",
        ]
        var rng = SeededGenerator(seed: 77)
        let extractor = try FeatureExtractor.unfitted(
            configuration: .words {
                $0.space = .hashing(bits: 7)  // small: forces collisions and merged counts
                $0.signedHashing = true
                $0.inverseDocumentFrequency = false
                $0.weighting = .raw
                $0.l2Normalize = false
                $0.wordNGrams = 2
            })
        var workspace = FeatureWorkspace()
        var vector = SparseVector()
        for _ in 0..<60 {
            let text = (0..<Int.random(in: 0...400, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                .joined(separator: " ")
            extractor.transform(text, into: &vector, workspace: &workspace)
            #expect(vector.isWellFormed)
            #expect(isApproximatelyEqual(vector, referenceTransform(text, extractor)))
        }
    }

    // MARK: Hashing space

    @Test(arguments: [4, 10, 16])
    func hashingSpaceDimensionIsTwoToTheBits(bits: Int) throws {
        let extractor = try FeatureExtractor.fit(
            configuration: .words { $0.space = .hashing(bits: bits) }, texts: corpus)
        #expect(extractor.dimension == 1 << bits)
        #expect(extractor.vocabulary == nil)
        #expect(extractor.inverseDocumentFrequency.count == 1 << bits)
        #expect(extractor.names.count == 1 << bits)
        for text in corpus + unseen {
            let x = extractor.transform(text)
            #expect(x.isWellFormed)
            #expect(x.indices.allSatisfy { Int($0) < 1 << bits })
        }
    }

    @Test func hashingBucketNamesAndIDF() throws {
        let extractor = try FeatureExtractor.fit(configuration: .words { $0.space = .hashing(bits: 16) }, texts: corpus)
        let bucket = Int(hasher.hash("invoice") & 0xFFFF)
        #expect(
            extractor.name(of: bucket).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.contains(
                "invoice"))
        #expect(extractor.inverseDocumentFrequency[bucket] <= 1 + 1e-6)  // in every document
        #expect(extractor.inverseDocumentFrequency.allSatisfy { $0 >= 1 - 1e-6 && $0.isFinite })
    }

    @Test func signedHashingYieldsNegativeValues() throws {
        let text = (0..<60).map { "word\(UnicodeScalar(UInt8(97 + $0 % 26)))\(UnicodeScalar(UInt8(97 + $0 / 26)))" }
            .joined(separator: " ")
        let signed = try FeatureExtractor.unfitted(
            configuration: .words {
                $0.space = .hashing(bits: 18); $0.signedHashing = true; $0.inverseDocumentFrequency = false
            })
        let x = signed.transform(text)
        #expect(x.values.contains { $0 < 0 })
        #expect(x.values.contains { $0 > 0 })
        #expect(abs(norm(x) - 1) < 1e-5)
        let unsigned = try FeatureExtractor.unfitted(
            configuration: .words {
                $0.space = .hashing(bits: 18); $0.inverseDocumentFrequency = false
            })
        let y = unsigned.transform(text)
        #expect(y.values.allSatisfy { $0 > 0 })
        #expect(x.indices == y.indices)
        #expect(zip(x.values, y.values).allSatisfy { abs(abs($0) - $1) < 1e-6 })
    }

    @Test func unfittedExtractorRequiresHashingWithoutIDF() throws {
        let ok = try FeatureExtractor.unfitted(
            configuration: .words {
                $0.space = .hashing(bits: 10); $0.inverseDocumentFrequency = false
            })
        #expect(ok.dimension == 1024)
        #expect(ok.documentCount == 0)
        #expect(ok.inverseDocumentFrequency.isEmpty)
        #expect(throws: FeatureError.self) {
            try FeatureExtractor.unfitted(configuration: FeatureConfiguration.words())
        }
        #expect(throws: FeatureError.self) {
            try FeatureExtractor.unfitted(configuration: .words { $0.space = .hashing(bits: 10) })  // IDF still on
        }
        #expect(throws: FeatureError.self) {
            try FeatureExtractor.unfitted(
                configuration: .words {
                    $0.space = .hashing(bits: 3); $0.inverseDocumentFrequency = false
                })
        }
    }

    @Test
    func unfittedRejectsOversizedHashingSpace() {
        let error = #expect(throws: FeatureError.self) {
            try FeatureExtractor.unfitted(
                configuration: .words {
                    $0.space = .hashing(bits: 40); $0.inverseDocumentFrequency = false
                })
        }
        #expect(error == .invalidConfiguration("hashing bits must be 4…28, got 40"))
    }

    // MARK: Character n-grams

    @Test func characterNGramsAddFeatures() throws {
        let words = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let characters = try FeatureExtractor.fit(configuration: .words { $0.characterNGrams = 3...5 }, texts: corpus)
        #expect(characters.vocabulary!.count > words.vocabulary!.count)
        for text in ["invoice", "credit note", "zebra"] {
            #expect(characters.transform(text).count > words.transform(text).count)
        }
        // "<invoice>" has 7 + 6 + 5 = 18 character n-grams of lengths 3…5, plus the word itself.
        #expect(characters.transform("invoice").count == 19)
        // Class tokens get no character n-grams.
        #expect(characters.transform("$1,234.56").count == 1)
    }

    @Test func characterNGramsMakeTyposOverlap() throws {
        func extractor(_ characterNGrams: ClosedRange<Int>?) throws -> FeatureExtractor {
            try FeatureExtractor.unfitted(
                configuration: .words {
                    $0.space = .hashing(bits: 20); $0.inverseDocumentFrequency = false;
                    $0.characterNGrams = characterNGrams
                })
        }
        func similarity(_ e: FeatureExtractor, _ a: String, _ b: String) -> Float {
            let x = e.transform(a), y = e.transform(b)
            var dense = [Float](repeating: 0, count: e.dimension)
            for (i, v) in zip(y.indices, y.values) { dense[Int(i)] = v }
            return x.dot(dense)
        }
        #expect(similarity(try extractor(nil), "invoice", "invoce") == 0)
        #expect(similarity(try extractor(3...5), "invoice", "invoce") > 0.3)
    }

    // MARK: Validation and restoring

    @Test func invalidConfigurationsThrowOnFit() {
        let nineGrams = #expect(throws: FeatureError.self) {
            try FeatureExtractor.fit(configuration: .words { $0.wordNGrams = 9 }, texts: corpus)
        }
        #expect(nineGrams == .invalidConfiguration("wordNGrams must be 1…4, got 9"))
        let fortyBits = #expect(throws: FeatureError.self) {
            try FeatureExtractor.fit(configuration: .words { $0.space = .hashing(bits: 40) }, texts: corpus)
        }
        #expect(fortyBits == .invalidConfiguration("hashing bits must be 4…28, got 40"))
    }

    @Test func restoringFromPartsRoundTrips() throws {
        for configuration in [
            FeatureConfiguration(), .words(), .words { $0.space = .hashing(bits: 8) },
            .words { $0.inverseDocumentFrequency = false },
        ] {
            let fitted = try FeatureExtractor.fit(configuration: configuration, texts: corpus)
            let restored = try FeatureExtractor(
                configuration: fitted.configuration, vocabularyHashes: fitted.vocabulary?.hashes,
                inverseDocumentFrequency: fitted.inverseDocumentFrequency, names: fitted.names,
                documentCount: fitted.documentCount)
            #expect(restored == fitted)
            #expect(restored.dimension == fitted.dimension)
            for text in corpus + unseen { #expect(restored.transform(text) == fitted.transform(text)) }
        }
    }

    @Test func restoringInconsistentPartsThrows() throws {
        let fitted = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let hashes = fitted.vocabulary!.hashes
        func restore(
            _ configuration: FeatureConfiguration = FeatureConfiguration.words(), hashes: [UInt64]?,
            idf: [Float]? = nil, names: [String]? = nil
        ) throws {
            _ = try FeatureExtractor(
                configuration: configuration, vocabularyHashes: hashes,
                inverseDocumentFrequency: idf ?? fitted.inverseDocumentFrequency, names: names ?? fitted.names,
                documentCount: fitted.documentCount)
        }
        func isInconsistentState(_ error: FeatureError?) -> Bool {
            if case .inconsistentState? = error { return true }
            return false
        }
        #expect(
            isInconsistentState(
                #expect(throws: FeatureError.self) {
                    try restore(hashes: hashes, idf: Array(fitted.inverseDocumentFrequency.dropLast()))
                }))
        #expect(
            isInconsistentState(
                #expect(throws: FeatureError.self) {
                    try restore(hashes: hashes, names: Array(fitted.names.dropLast()))
                }))
        #expect(isInconsistentState(#expect(throws: FeatureError.self) { try restore(hashes: nil) }))
        #expect(
            isInconsistentState(
                #expect(throws: FeatureError.self) {
                    try restore(.with { $0.space = .hashing(bits: 8) }, hashes: hashes)
                }))
        #expect(throws: FeatureError.self) { try restore(.with { $0.wordNGrams = 9 }, hashes: hashes) }
    }

    // MARK: Bytes

    @Test func invalidUTF8InTransformActsAsSeparator() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        let bytes: [UInt8] =
            Array("credit".utf8) + [0xFF] + Array("note".utf8) + [0xC0, 0xAF, 0xED, 0xA0, 0x80] + Array("due".utf8)
        var vector = SparseVector()
        var workspace = FeatureWorkspace()
        bytes.withUnsafeBufferPointer { extractor.transform(utf8: $0, into: &vector, workspace: &workspace) }
        #expect(vector == extractor.transform("credit note due"))
    }

    @Test func emptyAndPunctuationOnlyTextsGiveEmptyVectors() throws {
        let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: corpus)
        #expect(extractor.transform("").count == 0)
        #expect(extractor.transform("  ... !!! -- ").count == 0)
        let empty = try FeatureExtractor.fit(configuration: FeatureConfiguration.words(), texts: [String]())
        #expect(empty.documentCount == 0)
        #expect(empty.vocabulary?.count == 0)
        let x = empty.transform("invoice")
        #expect(x.count == 1)
        #expect(x.indices.allSatisfy { $0 >= 0 && Int($0) < empty.dimension })
    }
}
