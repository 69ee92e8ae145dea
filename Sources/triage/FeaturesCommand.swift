import ArgumentParser
import Foundation
@_spi(Components) import Learners
@_spi(Components) import TextFeatures

/// `triage features` (hidden): writes the feature vectors the library trains on, so another
/// learner can be fitted on exactly the same matrix (Benchmarks/results/training.md compares
/// scikit-learn's logistic regression on them with DisputeTriage's own).
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write the feature vectors of labelled data in svmlight format (for comparing learners).",
        discussion: """
            Fits the features on --data (as `triage train` would with the same flags) and writes \
            DIR/train.svm (as batch training sees them), one DIR/NAME.svm per --apply file (as scoring \
            sees them), \
            DIR/labels.txt (line i names label i) and DIR/features.tsv (index, IDF, name).
            Example: triage features --data train.csv --label product_group --apply test.csv --out /tmp/f
            """,
        shouldDisplay: false)

    @OptionGroup var input: LabeledDataOptions

    @Option(name: .customLong("apply"), help: "Labelled data to transform with the fitted features (repeatable).")
    var applied: [String] = []

    @Option(help: "Directory to write (created if missing).")
    var out: String

    @OptionGroup var training: TrainingFlags

    func validate() throws {
        let names = ["train"] + applied.map(Self.outputName)
        guard Set(names).count == names.count else {
            throw ValidationError("--apply files need distinct names other than 'train', got \(names.dropFirst())")
        }
    }

    /// The output name of an applied file: its name without directory and extension.
    static func outputName(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    func run() throws {
        let options = try training.options()
        var configuration = options.features
        configuration.seed = options.seed
        let train = try LabeledTexts.read(path: input.data, textField: input.textField, labelFields: [input.label])
        let extractor = try FeatureExtractor.fit(configuration: configuration, texts: train.texts)
        let sets =
            try [("train", train)]
            + applied.map { path in
                (
                    Self.outputName(path),
                    try LabeledTexts.read(path: path, textField: input.textField, labelFields: [input.label])
                )
            }
        let labels = Array(Set(sets.flatMap { $0.1.labels[input.label]! })).sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        try OutputDirectory.create(out)

        for (name, data) in sets {
            let file = try OutputFile(path: out + "/" + name + ".svm")
            var workspace = FeatureWorkspace()
            var vector = SparseVector()
            for (text, label) in zip(data.texts, data.labels[input.label]!) {
                extractor.transform(text, into: &vector, workspace: &workspace)
                // The training rows as batch training sees them (see FeatureConfiguration.separateOutOfVocabulary).
                if name == "train" { extractor.removeOutOfVocabulary(from: &vector) }
                try file.write(
                    line: "\(labelIndex[label]!)"
                        + zip(vector.indices, vector.values).map { " \($0):\($1)" }.joined())
            }
            try file.commit()
            Standard.error("\(name): \(data.texts.count) rows → \(out)/\(name).svm")
        }
        let labelFile = try OutputFile(path: out + "/labels.txt")
        for label in labels { try labelFile.write(line: label) }
        try labelFile.commit()
        let featureFile = try OutputFile(path: out + "/features.tsv")
        for index in 0..<extractor.dimension {
            let idf = extractor.inverseDocumentFrequency.isEmpty ? 1 : extractor.inverseDocumentFrequency[index]
            try featureFile.write(line: "\(index)\t\(idf)\t\(extractor.name(of: index))")
        }
        try featureFile.commit()
        Standard.error("\(extractor.dimension) features, \(labels.count) labels")
    }
}
