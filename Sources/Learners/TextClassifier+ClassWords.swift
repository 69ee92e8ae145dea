@_spi(Components) import TextFeatures

extension TextClassifier {
    /// What each class rests on: per class (in ``ClassLabels`` order), the `limit` words and phrases
    /// that push it up the most, best first, each with its contribution in score units.
    ///
    /// A feature is weighed as one occurrence in a text (its term weight of a count of 1 times its
    /// IDF, before the text's normalisation), by the contribution explanations use: what it adds to
    /// the class above the mean class. Only features explanations may name count
    /// (``FeatureExtractor/explainableBitmap``): words and phrases with a content word.
    ///
    /// ```swift
    /// let words = classifier.classWords(limit: 5)
    /// words[0].label                       // "already_paid"
    /// words[0].words.map(\.name)           // ["deja paye", "paid", …]
    /// ```
    package func classWords(limit: Int) -> [(label: String, words: [(name: String, contribution: Float)])] {
        let explainable = extractor.explainableBitmap
        let idf = extractor.inverseDocumentFrequency
        let once = extractor.configuration.weighting.weight(count: 1)
        var indices: [Int32] = []
        var values: [Float] = []
        for j in 0..<extractor.dimension where (explainable[j >> 6] >> UInt64(j & 63)) & 1 != 0 {
            indices.append(Int32(j))
            values.append(once * (idf.isEmpty ? 1 : idf[j]))
        }
        let everyWord = SparseVector(indices: indices, values: values)
        var selection = TopFeatureSelection()
        return model.labels.names.enumerated().map { classIndex, label in
            selectTopFeatures(everyWord, classIndex: classIndex, limit: limit, into: &selection)
            let words = zip(selection.indices, selection.contributions).map { (extractor.name(of: Int($0)), $1) }
            return (label, words)
        }
    }
}
