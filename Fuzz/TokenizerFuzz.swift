// libFuzzer harness for the TextFeatures tokenizer and feature extractor.
//
// Built together with FuzzSupport.swift and Sources/TextFeatures/*.swift into one module (see
// scripts/fuzz.sh), so the module's internal API is visible and no `import TextFeatures` is needed.
//
// For every input (arbitrary bytes, usually invalid UTF-8) it
//   1. tokenizes the bytes with three tokenizer configurations and checks each token:
//      non-empty, at most Tokenizer.maxTokenBytes bytes, valid UTF-8, class tokens carry exactly
//      their class text, word tokens hold no white space (and no ASCII capitals when lower-casing),
//      no class tokens at all when class tokens are off;
//   2. runs FeatureExtractor.transform(utf8:) with an unfitted hashing extractor and a small fitted
//      vocabulary extractor, and checks the vector: well formed, indices inside the dimension,
//      finite values, unit length when L2 normalisation is on.
// Any violated invariant prints a message and aborts, which libFuzzer reports as a crash.

private let configurations: [TokenizerConfiguration] = {
    let standard = TokenizerConfiguration()
    var raw = TokenizerConfiguration()
    raw.lowercase = false
    raw.foldAccents = false
    raw.frenchElision = false
    raw.classTokens = false
    var mixed = TokenizerConfiguration()
    mixed.foldAccents = false
    mixed.classTokens = false
    return [standard, raw, mixed]
}()

private let tokenizers = configurations.map { Tokenizer(configuration: $0) }

private let unfittedExtractor: FeatureExtractor = {
    var configuration = FeatureConfiguration()
    configuration.space = .hashing(bits: 10)
    configuration.inverseDocumentFrequency = false
    configuration.signedHashing = true
    configuration.wordNGrams = 3
    configuration.characterNGrams = 1...5
    // swift-format-ignore: NeverUseForceTry
    return try! FeatureExtractor.unfitted(configuration: configuration)
}()

private let fittedExtractor: FeatureExtractor = {
    var configuration = FeatureConfiguration()
    configuration.space = .vocabulary(minCount: 1, oovBits: 4)
    let texts = [
        "Invoice INV-2024-0042 was charged twice: $1,234.56 on 15/03/2024.",
        "L'article facturé 1 234,56 € ne correspond pas au bon de commande PO#55821.",
        "Qty short on delivery, see https://example.com/pod and contact ap@example.com",
        "Remise de 10 % non appliquée sur la facture F23/0456",
    ]
    // swift-format-ignore: NeverUseForceTry
    return try! FeatureExtractor.fit(configuration: configuration, texts: texts)
}()

private let extractors = [unfittedExtractor, fittedExtractor]

nonisolated(unsafe) private var vector = SparseVector()
nonisolated(unsafe) private var workspace = FeatureWorkspace(reservingCapacity: 256)

@inline(__always)
private func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

private func checkToken(_ token: Token, _ configuration: TokenizerConfiguration) {
    let bytes = token.bytes
    invariant(bytes.count > 0, "empty token")
    invariant(bytes.count <= Tokenizer.maxTokenBytes, "token of \(bytes.count) bytes exceeds maxTokenBytes")
    invariant(String(validating: bytes, as: UTF8.self) != nil, "token is not valid UTF-8: \(Array(bytes))")
    if let classText = token.kind.classText {
        invariant(configuration.classTokens, "class token \(token.kind) emitted with classTokens off")
        invariant(
            bytes.elementsEqual(UnsafeBufferPointer(start: classText.utf8Start, count: classText.utf8CodeUnitCount)),
            "class token \(token.kind) has text \(Array(bytes))")
    } else {
        invariant(!bytes.contains(where: isASCIISpace), "word token contains white space: \(Array(bytes))")
        if configuration.lowercase {
            invariant(
                !bytes.contains(where: { (0x41...0x5A).contains($0) }), "lower-cased word has capitals: \(Array(bytes))"
            )
        }
    }
}

private func checkVector(_ vector: SparseVector, _ extractor: FeatureExtractor) {
    invariant(vector.isWellFormed, "transform produced an ill-formed vector")
    var squaredNorm: Double = 0
    for (index, value) in zip(vector.indices, vector.values) {
        invariant(
            index >= 0 && Int(index) < extractor.dimension, "feature index \(index) outside 0..<\(extractor.dimension)")
        invariant(value.isFinite && value != 0, "feature value \(value)")
        squaredNorm += Double(value) * Double(value)
    }
    if extractor.configuration.l2Normalize && vector.count > 0 {
        invariant(abs(squaredNorm - 1) < 1e-3, "L2-normalised vector has squared norm \(squaredNorm)")
    }
}

func fuzzOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    for (tokenizer, configuration) in zip(tokenizers, configurations) {
        var count = 0
        tokenizer.forEachToken(inUTF8: bytes) { token in
            checkToken(token, configuration)
            count += 1
        }
        // Tokens are separated by at least one byte, so there are never more tokens than bytes.
        invariant(count <= bytes.count, "\(count) tokens from \(bytes.count) bytes")
    }
    for extractor in extractors {
        extractor.transform(utf8: bytes, into: &vector, workspace: &workspace)
        checkVector(vector, extractor)
    }
}
