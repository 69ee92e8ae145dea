/// The JSON manifest at the root of every model directory (`manifest.json`).
///
/// It records what the model is, how it was made and the SHA-256 of every other file, so a loader
/// can refuse a damaged or newer model before reading any weights. `Info` is the model-specific
/// part (labels, feature configuration, metrics…).
///
/// ```swift
/// let manifest = ModelManifest(kind: "text-classifier", libraryVersion: "0.1.0", createdAt: "2026-11-29T00:00:00Z", info: myInfo)
/// ```
package struct ModelManifest<Info: Codable & Sendable>: Codable, Sendable {
    /// The format version this library writes and the newest it reads.
    package static var currentFormatVersion: Int { 1 }

    /// Format version of this manifest.
    package var formatVersion: Int
    /// What kind of model the directory holds (e.g. `"text-classifier"`, `"dispute-triage"`).
    package var kind: String
    /// Version of DisputeTriage that wrote it.
    package var libraryVersion: String
    /// When it was written (ISO 8601). It is part of the manifest's bytes: give a fixed value for
    /// byte-identical rebuilds (`triage train --created-at`).
    package var createdAt: String
    /// SHA-256 (hex) of every other file, by file name.
    package var files: [String: String]
    /// The model-specific description.
    package var info: Info

    /// A manifest at the current format version with no files listed yet.
    package init(kind: String, libraryVersion: String, createdAt: String, info: Info) {
        self.formatVersion = Self.currentFormatVersion
        self.kind = kind
        self.libraryVersion = libraryVersion
        self.createdAt = createdAt
        self.files = [:]
        self.info = info
    }
}

/// The part of a manifest read first, to check the version before decoding the rest.
struct ManifestHeader: Codable {
    var formatVersion: Int
    var kind: String
}
