import Foundation
@_spi(Components) import Learners
import ModelFormat
@_spi(Components) import TextFeatures

/// Everything a model directory holds: one ``TextClassifier`` per label field (e.g. `subject`,
/// `severity`) and, for a dispute model, the priority model. Saved as `manifest.json` (what, how,
/// checksums), `weights.safetensors` (all arrays) and `features.<n>.json` (feature names for
/// explanations, one file per distinct feature extractor).
///
/// ```swift
/// let bundle = try ModelBundle.load(from: URL(fileURLWithPath: "Models/default"))
/// try bundle.save(to: URL(fileURLWithPath: "/tmp/my-model"))
/// ```
package struct ModelBundle: Sendable, Equatable {
    /// Kind string in the manifest.
    package static let kind = "dispute-triage"

    /// Classifiers by label field.
    package var classifiers: [String: TextClassifier]
    /// The priority model (absent in models trained for a single text label).
    package var priority: PriorityModel?
    /// Description of the data the model was trained on.
    package var provenance: Provenance

    /// Where a model came from (stored in the manifest).
    package typealias Provenance = ModelProvenance

    /// A bundle from its parts.
    package init(
        classifiers: [String: TextClassifier], priority: PriorityModel? = nil, provenance: Provenance = Provenance()
    ) {
        self.classifiers = classifiers
        self.priority = priority
        self.provenance = provenance
    }

    struct Info: Codable, Sendable {
        var provenance: Provenance
        /// Feature extractors by key (names left out: they live in `features.<key>.json`).
        var features: [String: FeatureExtractorInfo]
        var classifiers: [String: TextClassifierInfo]
        var priority: PriorityModel.Info?
    }

    static let weightsFile = "weights.safetensors"

    /// Saves atomically (see ``ModelDirectory/write(manifest:files:to:)``). Classifiers with equal
    /// feature extractors share one stored copy.
    /// - Throws: ``ModelFormatError``.
    package func save(to url: URL) throws {
        let (manifest, files) = try encoded()
        try ModelDirectory.write(manifest: manifest, files: files, to: url)
    }

    /// SHA-256 (hex) of the `weights.safetensors` file this bundle saves as: a fingerprint of every
    /// learned number, equal across processes that hold the same model (used by the desk to show
    /// that replicas and replays agree).
    package func weightsSHA256() throws -> String {
        let (_, files) = try encoded()
        return SHA256.hexDigest(files[Self.weightsFile] ?? [])
    }

    /// The manifest and file contents that ``save(to:)`` writes.
    private func encoded() throws -> (ModelManifest<Info>, [String: [UInt8]]) {
        var tensors: [String: Tensor] = [:]
        var files: [String: [UInt8]] = [:]
        var featureInfos: [String: FeatureExtractorInfo] = [:]
        var storedExtractors: [(key: String, extractor: FeatureExtractor)] = []
        var classifierInfos: [String: TextClassifierInfo] = [:]
        for field in classifiers.keys.sorted() {
            let classifier = classifiers[field]!
            let key: String
            if let existing = storedExtractors.first(where: { $0.extractor == classifier.extractor }) {
                key = existing.key
            } else {
                key = "features.\(storedExtractors.count)"
                storedExtractors.append((key, classifier.extractor))
                var (info, parts) = classifier.extractor.archive(prefix: key)
                tensors.merge(parts) { first, _ in first }
                // Feature names are large; they get their own file to keep the manifest readable.
                files[key + ".json"] = JSONString.encoderArray(info.names)
                info.names = []
                featureInfos[key] = info
            }
            let (info, parts) = classifier.archive(prefix: "text.\(field)", featuresKey: key)
            tensors.merge(parts) { first, _ in first }
            classifierInfos[field] = info
        }
        var priorityInfo: PriorityModel.Info? = nil
        if let priority {
            let (info, parts) = priority.archive(prefix: "priority")
            tensors.merge(parts) { first, _ in first }
            priorityInfo = info
        }
        files[Self.weightsFile] = SafeTensors.encode(
            tensors, metadata: ["format": Self.kind, "library_version": LibraryVersion.current])
        let manifest = ModelManifest(
            kind: Self.kind, libraryVersion: LibraryVersion.current, createdAt: provenance.createdAt,
            info: Info(
                provenance: provenance, features: featureInfos, classifiers: classifierInfos, priority: priorityInfo))
        return (manifest, files)
    }

    /// Loads and verifies a model directory.
    /// - Throws: ``ModelFormatError``: missing, damaged or newer model, or
    ///   ``ModelFormatError/invalidContents(path:reason:)`` when the contents do not fit together.
    package static func load(from url: URL) throws -> ModelBundle {
        // Decoded while the files' checksums are computed on another thread.
        try ModelDirectory.read(at: url, expectedKind: kind, as: Info.self) { manifest, files in
            try decode(manifest, files, from: url)
        }
    }

    /// The bundle in `files` (the model directory `url`'s), as its manifest describes it.
    private static func decode(_ manifest: ModelManifest<Info>, _ files: [String: [UInt8]], from url: URL) throws
        -> ModelBundle
    {
        let weightsPath = url.appendingPathComponent(weightsFile).path
        guard let weightBytes = files[weightsFile] else {
            throw ModelFormatError.unreadable(path: weightsPath, reason: "not listed in the manifest")
        }
        let (tensors, _) = try SafeTensors.decode(weightBytes, path: weightsPath)
        let decoder = JSONDecoder()
        var extractors: [String: FeatureExtractor] = [:]
        for (key, info) in manifest.info.features {
            let namesFile = key + ".json"
            guard let nameBytes = files[namesFile],
                let names = JSONString.decodeArray(nameBytes)
                    ?? (try? decoder.decode([String].self, from: Data(nameBytes)))
            else {
                throw ModelFormatError.malformed(
                    path: url.appendingPathComponent(namesFile).path, reason: "missing or not a JSON array of strings")
            }
            var full = info
            full.names = names
            extractors[key] = try FeatureExtractor(info: full, tensors: tensors, prefix: key, path: weightsPath)
        }
        var classifiers: [String: TextClassifier] = [:]
        for (field, info) in manifest.info.classifiers {
            guard let extractor = extractors[info.featuresKey] else {
                throw ModelFormatError.malformed(
                    path: url.appendingPathComponent(ModelDirectory.manifestName).path,
                    reason: "classifier '\(field)' refers to unknown features '\(info.featuresKey)'")
            }
            classifiers[field] = try TextClassifier(
                info: info, extractor: extractor, tensors: tensors, prefix: "text.\(field)", path: weightsPath)
        }
        var priority: PriorityModel? = nil
        if let info = manifest.info.priority {
            priority = try PriorityModel(info: info, tensors: tensors, prefix: "priority", path: weightsPath)
        }
        return ModelBundle(classifiers: classifiers, priority: priority, provenance: manifest.info.provenance)
    }
}
