import Foundation
import SystemSupport

/// Reads and writes a model directory: `manifest.json` plus data files whose SHA-256 the manifest records.
///
/// **Writes are atomic and durable**: files go to a temporary directory beside the destination,
/// each is fsynced, then the old model is renamed aside, the new one renamed into place, and the
/// parent directory fsynced. If the process dies between the two renames, ``read(at:expectedKind:as:)``
/// finds the previous model under its aside name and loads it, so a crash never leaves no model.
///
/// ```swift
/// try ModelDirectory.write(manifest: manifest, files: ["weights.safetensors": bytes], to: url)
/// let (manifest, files) = try ModelDirectory.read(at: url, expectedKind: "text-classifier", as: MyInfo.self)
/// ```
package enum ModelDirectory {
    /// Name of the manifest file.
    package static let manifestName = "manifest.json"

    /// Whether `url` looks like a model directory (has a manifest).
    package static func isModelDirectory(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path)
    }

    /// Writes `files` and the manifest (with their checksums filled in) atomically to `url`.
    /// - Throws: ``ModelFormatError/refusingToOverwrite(path:)`` when `url` exists and is neither a model
    ///   directory nor an empty directory; ``ModelFormatError/writeFailed(path:reason:)`` on I/O errors (the old model stays).
    package static func write<Info>(manifest: ModelManifest<Info>, files: [String: [UInt8]], to url: URL) throws {
        let fileManager = FileManager.default
        let path = url.path
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            let isEmpty = (try? fileManager.contentsOfDirectory(atPath: path))?.isEmpty ?? false
            guard isDirectory.boolValue, isModelDirectory(url) || isEmpty else {
                throw ModelFormatError.refusingToOverwrite(path: path)
            }
        }
        for name in files.keys where !isPlainFileName(name) || name == manifestName {
            throw ModelFormatError.writeFailed(
                path: path, reason: "'\(name)' is not a valid data file name (plain name, not \(manifestName))")
        }
        let parent = url.deletingLastPathComponent()
        do {
            try FileIO.makeDirectories(parent.path)
        } catch {
            throw ModelFormatError.writeFailed(path: path, reason: "cannot create \(parent.path): \(error)")
        }
        let temporary = parent.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(FileIO.processID)-\(UInt32.random(in: 0...UInt32.max))")
        let aside = asideURL(for: url)
        do {
            try FileIO.makeDirectory(temporary.path)
        } catch {
            throw ModelFormatError.writeFailed(path: path, reason: "cannot create \(temporary.path): \(error)")
        }
        do {
            var manifest = manifest
            manifest.files = [:]
            for name in files.keys.sorted() {
                let bytes = files[name]!
                manifest.files[name] = SHA256.hexDigest(bytes)
                try writeDurably(bytes, to: temporary.appendingPathComponent(name))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let manifestBytes = Array(try encoder.encode(manifest)) + [0x0A]
            try writeDurably(manifestBytes, to: temporary.appendingPathComponent(manifestName))
            syncDirectory(temporary)
            if fileManager.fileExists(atPath: path) {
                // Only now is the old aside copy redundant: the destination still holds a model.
                if fileManager.fileExists(atPath: aside.path) { try fileManager.removeItem(at: aside) }
                try renameOrThrow(url, aside)
            }
            try renameOrThrow(temporary, url)
            syncDirectory(parent)
            if fileManager.fileExists(atPath: aside.path) { try fileManager.removeItem(at: aside) }
        } catch let error as ModelFormatError {
            try? fileManager.removeItem(at: temporary)
            throw error
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw ModelFormatError.writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Reads and verifies a model directory: manifest version and kind, and every file's checksum.
    /// - Returns: the manifest and the verified file contents by name.
    package static func read<Info>(
        at url: URL, expectedKind: String, as info: Info.Type
    ) throws -> (manifest: ModelManifest<Info>, files: [String: [UInt8]]) {
        try read(at: url, expectedKind: expectedKind, as: info) { ($0, $1) }
    }

    /// Reads the model directory as ``read(at:expectedKind:as:)`` does and hands the manifest and
    /// files to `decode` while their SHA-256 are computed on another thread
    /// (``ChecksumVerification``); returns what `decode` made only once every checksum matched.
    /// When `decode` throws and a checksum differs too, the checksum error is thrown: a damaged
    /// file is reported as damaged, not as whatever its decoder made of it. Any other error of
    /// `decode` than a ``ModelFormatError`` comes as ``ModelFormatError/invalidContents(path:reason:)``
    /// naming the model directory.
    package static func read<Info, Value>(
        at url: URL, expectedKind: String, as info: Info.Type,
        decode: (ModelManifest<Info>, [String: [UInt8]]) throws -> Value
    ) throws -> Value {
        var directory = url
        if !isModelDirectory(url) {
            // A save that died between its two renames leaves the previous model aside.
            let aside = asideURL(for: url)
            guard isModelDirectory(aside) else {
                throw ModelFormatError.unreadable(path: url.path, reason: "not a model directory (no \(manifestName))")
            }
            directory = aside
        }
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifestData = Data(try FileContents.bytes(atPath: manifestURL.path))
        let decoder = JSONDecoder()
        // The whole manifest is decoded once; only when that fails is its header decoded alone, to
        // tell a newer or foreign model from a damaged one (the checks below run in the same order).
        let decoded = Result { try decoder.decode(ModelManifest<Info>.self, from: manifestData) }
        let header: ManifestHeader
        if case let .success(manifest) = decoded {
            header = ManifestHeader(formatVersion: manifest.formatVersion, kind: manifest.kind)
        } else {
            guard let decodedHeader = try? decoder.decode(ManifestHeader.self, from: manifestData) else {
                throw ModelFormatError.malformed(
                    path: manifestURL.path, reason: "not a valid manifest (formatVersion and kind required)")
            }
            header = decodedHeader
        }
        guard header.formatVersion <= ModelManifest<Info>.currentFormatVersion else {
            throw ModelFormatError.unsupportedVersion(
                path: manifestURL.path, found: header.formatVersion, supported: ModelManifest<Info>.currentFormatVersion
            )
        }
        guard header.formatVersion >= 1 else {
            throw ModelFormatError.malformed(
                path: manifestURL.path, reason: "formatVersion \(header.formatVersion) is not valid")
        }
        guard header.kind == expectedKind else {
            throw ModelFormatError.malformed(
                path: manifestURL.path, reason: "kind is '\(header.kind)', expected '\(expectedKind)'")
        }
        let manifest: ModelManifest<Info>
        switch decoded {
        case let .success(value): manifest = value
        case let .failure(error):
            let reason = (error as? DecodingError)?.fieldDescription ?? "\(error)"
            throw ModelFormatError.malformed(path: manifestURL.path, reason: reason)
        }
        var files: [String: [UInt8]] = [:]
        var checks: [ChecksumVerification.File] = []
        for (name, expected) in manifest.files {
            guard isPlainFileName(name) else {
                throw ModelFormatError.malformed(
                    path: manifestURL.path, reason: "file name '\(name)' is not a plain name")
            }
            let fileURL = directory.appendingPathComponent(name)
            let bytes = try FileContents.bytes(atPath: fileURL.path)
            files[name] = bytes
            checks.append(ChecksumVerification.File(path: fileURL.path, bytes: bytes, expected: expected))
        }
        let verification = ChecksumVerification(checks)
        let value: Value
        do {
            value = try decode(manifest, files)
        } catch {
            try verification.wait()
            // The decoder's own errors (a setting out of range, labels that do not fit the
            // weights) do not know which model they came from.
            if let error = error as? ModelFormatError { throw error }
            throw ModelFormatError.invalidContents(path: url.path, reason: "\(error)")
        }
        try verification.wait()
        return value
    }

    /// A name that stays inside the model directory.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != ".." && name != "." && !name.contains("\0")
    }

    static func asideURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).previous")
    }

    private static func writeDurably(_ bytes: [UInt8], to url: URL) throws(ModelFormatError) {
        do {
            let fd = try FileIO.open(url.path, O_WRONLY | O_CREAT | O_TRUNC)
            defer { FileIO.close(fd) }
            try FileIO.writeAll(fd, bytes)
            try FileIO.sync(fd)
        } catch {
            throw .writeFailed(path: url.path, reason: error.description)
        }
    }

    private static func syncDirectory(_ url: URL) {
        FileIO.syncDirectory(url.path)
    }

    private static func renameOrThrow(_ from: URL, _ to: URL) throws(ModelFormatError) {
        do {
            try FileIO.rename(from.path, to: to.path)
        } catch {
            throw .writeFailed(
                path: to.path, reason: "rename from \(from.lastPathComponent): \(SystemError.message(for: error.code))")
        }
    }
}
