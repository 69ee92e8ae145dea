import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import ModelFormat

@Suite("ModelDirectory")
struct ModelDirectoryTests {
    struct Info: Codable, Sendable, Equatable {
        var labels: [String]
        var threshold: Double
    }

    struct OtherInfo: Codable, Sendable {
        var vocabularySize: Int
    }

    static let kind = "text-classifier"
    static let info = Info(labels: ["fraud", "service", "billing"], threshold: 0.75)
    static let files: [String: [UInt8]] = [
        "weights.safetensors": SafeTensors.encode(["w": Tensor(float32: [1, 2, 3])], metadata: ["k": "v"]),
        "vocabulary.txt": Array("refund\nchargeback\n".utf8),
        "empty.bin": [],
    ]

    static func manifest(kind: String = kind, info: Info = info) -> ModelManifest<Info> {
        ModelManifest(kind: kind, libraryVersion: "0.1.0", createdAt: "2026-01-02T03:04:05Z", info: info)
    }

    static func contents(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Rewrites keys of the manifest JSON at `model`.
    static func editManifest(at model: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = model.appendingPathComponent(ModelDirectory.manifestName)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    // MARK: - Round trip

    @Test("write then read returns the same files and manifest")
    func roundTrip() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            var manifest = Self.manifest()
            manifest.files = ["stale.bin": "0000"]  // replaced by the real checksums
            try ModelDirectory.write(manifest: manifest, files: Self.files, to: url)
            #expect(ModelDirectory.isModelDirectory(url))
            #expect(Self.contents(url) == (Array(Self.files.keys) + [ModelDirectory.manifestName]).sorted())

            let (read, files) = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            #expect(files == Self.files)
            #expect(read.info == Self.info)
            #expect(read.kind == Self.kind)
            #expect(read.formatVersion == ModelManifest<Info>.currentFormatVersion)
            #expect(read.formatVersion == 1)
            #expect(read.libraryVersion == "0.1.0")
            #expect(read.createdAt == "2026-01-02T03:04:05Z")
            #expect(read.files == Self.files.mapValues { SHA256.hexDigest($0) })
            #expect(read.files["empty.bin"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }
    }

    @Test("the manifest on disk is sorted, pretty JSON ending in a newline, and identical for identical input")
    func reproducibleManifest() throws {
        try TemporaryDirectory.with { root in
            let first = root.appendingPathComponent("a")
            let second = root.appendingPathComponent("b")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: first)
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: second)
            let a = try Data(contentsOf: first.appendingPathComponent(ModelDirectory.manifestName))
            let b = try Data(contentsOf: second.appendingPathComponent(ModelDirectory.manifestName))
            #expect(a == b)
            #expect(a.last == 0x0A)
            let text = String(decoding: a, as: UTF8.self)
            let createdAt = try #require(text.range(of: "\"createdAt\""))
            let kind = try #require(text.range(of: "\"kind\""))
            #expect(createdAt.lowerBound < kind.lowerBound)
        }
    }

    @Test("write creates missing parent directories and fills an empty existing directory")
    func parentsAndEmptyDirectory() throws {
        try TemporaryDirectory.with { root in
            let nested = root.appendingPathComponent("x/y/model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: nested)
            #expect(try ModelDirectory.read(at: nested, expectedKind: Self.kind, as: Info.self).files == Self.files)

            let empty = root.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
            try ModelDirectory.write(manifest: Self.manifest(), files: ["a": [1]], to: empty)
            #expect(try ModelDirectory.read(at: empty, expectedKind: Self.kind, as: Info.self).files == ["a": [1]])
        }
    }

    // MARK: - Checksums

    @Test("a flipped byte in a data file is a checksum mismatch")
    func flippedByte() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let weights = url.appendingPathComponent("weights.safetensors")
            var bytes = [UInt8](try Data(contentsOf: weights))
            bytes[bytes.count - 3] ^= 0xFF
            try Data(bytes).write(to: weights)

            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .checksumMismatch(path, expected, actual)? = error else {
                Issue.record("expected checksumMismatch, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("model/weights.safetensors"))
            #expect(expected == SHA256.hexDigest(Self.files["weights.safetensors"]!))
            #expect(actual == SHA256.hexDigest(bytes))
            #expect(error?.description.contains("checksum mismatch") == true)
        }
    }

    @Test("reading with a decoder returns what it decoded from the verified files")
    func decodeWhileVerifying() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let sizes = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self) { manifest, files in
                (manifest.info, files.mapValues(\.count))
            }
            #expect(sizes.0 == Self.manifest().info)
            #expect(sizes.1 == Self.files.mapValues(\.count))
        }
    }

    @Test("a damaged file fails the read even when its decoder succeeds or fails otherwise")
    func checksumWinsOverDecoding() throws {
        struct DecoderFailure: Error {}
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let weights = url.appendingPathComponent("weights.safetensors")
            var bytes = [UInt8](try Data(contentsOf: weights))
            bytes[0] ^= 0xFF
            try Data(bytes).write(to: weights)

            var decoded = false
            let accepted = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self) { _, _ in decoded = true }
            }
            #expect(decoded, "the decoder ran on the unverified bytes")
            let rejected = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self) { _, _ in
                    throw DecoderFailure()
                }
            }
            for error in [accepted, rejected] {
                guard case let .checksumMismatch(path, _, actual)? = error else {
                    Issue.record("expected checksumMismatch, got \(String(describing: error))")
                    continue
                }
                #expect(path.hasSuffix("model/weights.safetensors"))
                #expect(actual == SHA256.hexDigest(bytes))
            }
        }
    }

    @Test("a decoder's own error comes through, naming the model directory, when every checksum matches")
    func decoderErrorOnIntactFiles() throws {
        struct DecoderFailure: Error, CustomStringConvertible {
            var description: String { "temperature must be > 0" }
        }
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            #expect(throws: ModelFormatError.invalidContents(path: url.path, reason: "temperature must be > 0")) {
                try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self) { _, _ in
                    throw DecoderFailure()
                }
            }
            let malformed = ModelFormatError.malformed(path: url.path + "/x", reason: "bad")
            #expect(throws: malformed) {
                try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self) { _, _ in throw malformed }
            }
        }
    }

    @Test("a model is written where its parent directories are missing; an impossible place is a typed error")
    func writeCreatesParentsOrFailsTyped() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("a/b/model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            #expect(ModelDirectory.isModelDirectory(url))
            let file = root.appendingPathComponent("file")
            try Data("x".utf8).write(to: file)
            let error = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(
                    manifest: Self.manifest(), files: Self.files, to: file.appendingPathComponent("model"))
            }
            guard case let .writeFailed(path, reason)? = error else {
                Issue.record("expected writeFailed, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("/file/model"))
            #expect(reason == "cannot create \(file.path): mkdir: File exists", "\(reason)")
        }
    }

    @Test("a truncated data file is a checksum mismatch")
    func truncatedFile() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let vocabulary = url.appendingPathComponent("vocabulary.txt")
            try Data(Self.files["vocabulary.txt"]!.dropLast(1)).write(to: vocabulary)
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .checksumMismatch(path, _, actual)? = error else {
                Issue.record("expected checksumMismatch, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("vocabulary.txt"))
            #expect(actual == SHA256.hexDigest(Array(Self.files["vocabulary.txt"]!.dropLast(1))))
        }
    }

    @Test("a data file listed in the manifest but missing is unreadable")
    func missingDataFile() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            try FileManager.default.removeItem(at: url.appendingPathComponent("empty.bin"))
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .unreadable(path, _)? = error else {
                Issue.record("expected unreadable, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("empty.bin"))
        }
    }

    // MARK: - Manifest validation

    @Test("formatVersion 99 is unsupportedVersion naming 99")
    func newerVersion() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            try Self.editManifest(at: url) { $0["formatVersion"] = 99 }
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .unsupportedVersion(path, found, supported)? = error else {
                Issue.record("expected unsupportedVersion, got \(String(describing: error))")
                return
            }
            #expect(found == 99)
            #expect(supported == 1)
            #expect(path.hasSuffix("model/manifest.json"))
            #expect(error?.description.contains("version 99") == true)
        }
    }

    @Test("formatVersion 0 or negative is malformed", arguments: [0, -1])
    func invalidVersion(version: Int) throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            try Self.editManifest(at: url) { $0["formatVersion"] = version }
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .malformed(_, reason)? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("formatVersion \(version)"))
        }
    }

    @Test("wrong kind is malformed and names both kinds")
    func wrongKind() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(kind: "dispute-triage"), files: Self.files, to: url)
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .malformed(path, reason)? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("manifest.json"))
            #expect(reason.contains("dispute-triage"))
            #expect(reason.contains(Self.kind))
        }
    }

    @Test(
        "manifest that is not JSON, lacks required keys, or has a different Info is malformed", arguments: [0, 1, 2, 3])
    func malformedManifest(variant: Int) throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let manifestURL = url.appendingPathComponent(ModelDirectory.manifestName)
            switch variant {
            case 0: try Data("not json {".utf8).write(to: manifestURL)
            case 1: try Self.editManifest(at: url) { $0["kind"] = nil }
            case 2: try Self.editManifest(at: url) { $0["files"] = nil }
            default: try Self.editManifest(at: url) { $0["info"] = ["labels": "not an array"] }
            }
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case .malformed? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
        }
    }

    /// The reason used to be Swift's `DecodingError` dump ("DecodingError.typeMismatch: … Debug description: …").
    @Test(
        "a manifest field of the wrong type or missing is named by its path",
        arguments: [
            (0, "field 'info.threshold': Expected to decode Double"),
            (1, "field 'info.labels.1': Expected to decode String"),
            (2, "field 'info.threshold': missing"),
        ])
    func malformedFieldIsNamed(variant: Int, reason: String) throws {
        let infos: [[String: Any]] = [
            ["labels": ["a"], "threshold": "high"], ["labels": ["a", 7], "threshold": 1], ["labels": ["a"]],
        ]
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            try Self.editManifest(at: url) { $0["info"] = infos[variant] }
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .malformed(path, found)? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(path.hasSuffix("model/manifest.json"))
            #expect(found.hasPrefix(reason), "\(found)")
            #expect(!found.contains("DecodingError"), "\(found)")
        }
    }

    @Test("reading with another Info type fails as malformed")
    func otherInfoType() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: OtherInfo.self)
            }
            guard case .malformed? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
        }
    }

    @Test("missing manifest or missing directory is unreadable")
    func missingManifest() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            try FileManager.default.removeItem(at: url.appendingPathComponent(ModelDirectory.manifestName))
            #expect(!ModelDirectory.isModelDirectory(url))
            for target in [url, root.appendingPathComponent("does-not-exist")] {
                let error = #expect(throws: ModelFormatError.self) {
                    _ = try ModelDirectory.read(at: target, expectedKind: Self.kind, as: Info.self)
                }
                guard case let .unreadable(path, reason)? = error else {
                    Issue.record("expected unreadable, got \(String(describing: error))")
                    continue
                }
                #expect(path == target.path)
                #expect(reason.contains("manifest.json"))
            }
        }
    }

    @Test(
        "manifest naming a file outside the directory is rejected",
        arguments: ["../x", "..", ".", "sub/x", "/etc/passwd"])
    func pathTraversal(name: String) throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: ["a": [1]], to: url)
            // A real file at the escaped location with a matching checksum, so only the name check can refuse it.
            let secret: [UInt8] = Array("secret".utf8)
            try Data(secret).write(to: root.appendingPathComponent("x"))
            try Self.editManifest(at: url) {
                $0["files"] = ["a": SHA256.hexDigest([1]), name: SHA256.hexDigest(secret)]
            }
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case let .malformed(_, reason)? = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("not a plain name"))
        }
    }

    // MARK: - Overwriting

    @Test("writing over a non-model, non-empty directory is refused and leaves it untouched")
    func refusesNonModelDirectory() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("documents")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            let notes = Data("keep me".utf8)
            try notes.write(to: url.appendingPathComponent("notes.txt"))
            let error = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            }
            #expect(error == .refusingToOverwrite(path: url.path))
            #expect(Self.contents(url) == ["notes.txt"])
            #expect(try Data(contentsOf: url.appendingPathComponent("notes.txt")) == notes)
            #expect(Self.contents(root) == ["documents"])  // no temporary or aside directory left
        }
    }

    @Test("writing over a regular file is refused and leaves it untouched")
    func refusesRegularFile() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try Data("plain file".utf8).write(to: url)
            let error = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            }
            #expect(error == .refusingToOverwrite(path: url.path))
            #expect(try Data(contentsOf: url) == Data("plain file".utf8))
            #expect(Self.contents(root) == ["model"])
        }
    }

    @Test("writing over an existing model replaces it entirely")
    func replacesExistingModel() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let newInfo = Info(labels: ["only"], threshold: 0.1)
            try ModelDirectory.write(manifest: Self.manifest(info: newInfo), files: ["new.bin": [9, 9]], to: url)
            let (manifest, files) = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            #expect(files == ["new.bin": [9, 9]])
            #expect(manifest.info == newInfo)
            #expect(Self.contents(url) == ["manifest.json", "new.bin"])  // old files are gone, not merged
            #expect(Self.contents(root) == ["model"])  // no aside or temporary left
        }
    }

    @Test("no temporary or aside directory is left after a successful write")
    func noLeftovers() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            for _ in 0..<3 {
                try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
                let entries = Self.contents(root)
                #expect(entries == ["model"])
                #expect(!entries.contains { $0.hasPrefix(".model.tmp-") || $0 == ".model.previous" })
            }
        }
    }

    @Test("a failed write keeps the previous model and leaves no temporary directory")
    func failedWriteKeepsOldModel() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            // "sub/x" cannot be created inside the temporary directory (no "sub" there).
            let error = #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(manifest: Self.manifest(), files: ["sub/x": [1]], to: url)
            }
            guard case .writeFailed? = error else {
                Issue.record("expected writeFailed, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("previous model is unchanged") == true)
            #expect(try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self).files == Self.files)
            #expect(Self.contents(root) == ["model"])
        }
    }

    /// A name like "../escape" would land outside the model directory: `write` refuses it up front.
    @Test("write refuses file names that read would reject")
    func writeRejectsNonPlainNames() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(manifest: Self.manifest(), files: ["../escape": [1]], to: url)
            }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escape").path))
        }
    }

    /// A data file named "manifest.json" would be overwritten by the manifest: `write` refuses it.
    @Test("write refuses a data file named manifest.json")
    func writeRejectsManifestName() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            #expect(throws: ModelFormatError.self) {
                try ModelDirectory.write(
                    manifest: Self.manifest(), files: [ModelDirectory.manifestName: [1, 2]], to: url)
            }
        }
    }

    // MARK: - Crash recovery

    @Test("a model left aside by a crash between the two renames is loaded")
    func loadsAsideModel() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: Self.files, to: url)
            let aside = root.appendingPathComponent(".model.previous")
            #expect(ModelDirectory.asideURL(for: url).path == aside.path)
            try FileManager.default.moveItem(at: url, to: aside)  // destination missing, old model aside
            #expect(!ModelDirectory.isModelDirectory(url))
            let (manifest, files) = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            #expect(files == Self.files)
            #expect(manifest.info == Self.info)
        }
    }

    @Test("the destination wins over an aside model when both exist")
    func destinationPreferredOverAside() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            let aside = ModelDirectory.asideURL(for: url)
            try ModelDirectory.write(manifest: Self.manifest(), files: ["old": [1]], to: aside)
            try ModelDirectory.write(manifest: Self.manifest(), files: ["new": [2]], to: url)
            #expect(try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self).files == ["new": [2]])
        }
    }

    @Test("writing after a crash replaces the aside model and cleans it up")
    func writeAfterCrash() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try ModelDirectory.write(manifest: Self.manifest(), files: ["old": [1]], to: url)
            try FileManager.default.moveItem(at: url, to: ModelDirectory.asideURL(for: url))
            try ModelDirectory.write(manifest: Self.manifest(), files: ["new": [2]], to: url)
            #expect(try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self).files == ["new": [2]])
            #expect(Self.contents(root) == ["model"])
        }
    }

    @Test("an aside directory without a manifest is not loaded")
    func asideWithoutManifest() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            try FileManager.default.createDirectory(
                at: ModelDirectory.asideURL(for: url), withIntermediateDirectories: false)
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: Self.kind, as: Info.self)
            }
            guard case .unreadable? = error else {
                Issue.record("expected unreadable, got \(String(describing: error))")
                return
            }
        }
    }
}
