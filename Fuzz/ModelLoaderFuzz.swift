// libFuzzer harness for the model loader (ModelFormat: safetensors, manifest, model directory).
//
// Built together with FuzzSupport.swift and Sources/ModelFormat/*.swift into one module (see
// scripts/fuzz.sh), so the internal ManifestHeader is visible and no `import ModelFormat` is needed.
//
// For every input it
//   1. decodes the bytes as a safetensors file; on success checks every tensor (byte count =
//      elements × dtype size, typed accessors agree) and that SafeTensors.encode → decode gives the
//      same tensors and metadata back (a file we accept must survive a save);
//   2. decodes the bytes as manifest JSON (ManifestHeader and ModelManifest<FuzzInfo>); on success
//      re-encodes the manifest and decodes it again unchanged;
//   3. writes the bytes as `weights.safetensors` into a tiny model directory whose manifest is
//      valid and calls ModelDirectory.read: with a stale checksum (even first byte) it must throw
//      checksumMismatch, with the right one (odd first byte) it must return exactly the bytes;
//   4. writes the bytes as `manifest.json` into a second model directory (holding a fixed small
//      weights file) and calls ModelDirectory.read, which must return or throw ModelFormatError.
// Any other error type, a trap or an ASan report is a bug.

import Foundation

/// A stand-in for a model's `info` part: a few typical field types.
struct FuzzInfo: Codable, Sendable, Equatable {
    var labels: [String]
    var dimension: Int
    var temperature: Float?
}

private let kind = "fuzz-model"
private let weightsName = "weights.safetensors"

/// Per-process scratch folder holding the two model directories.
private let scratchRoot: String = {
    let root = scratchPath("model-loader-fuzz")
    try? FileManager.default.removeItem(atPath: root)
    for directory in ["weights", "manifest"] {
        // swift-format-ignore: NeverUseForceTry
        try! FileManager.default.createDirectory(
            atPath: (root as NSString).appendingPathComponent(directory), withIntermediateDirectories: true)
    }
    return root
}()

private let weightsDirectory = URL(fileURLWithPath: (scratchRoot as NSString).appendingPathComponent("weights"))
private let manifestDirectory = URL(fileURLWithPath: (scratchRoot as NSString).appendingPathComponent("manifest"))

/// The fixed weights file of the manifest directory (a valid two-tensor safetensors file).
private let fixedWeights = SafeTensors.encode(
    ["w": Tensor(float32: [1, 2, 3, 4], shape: [2, 2]), "b": Tensor(float64: [0.5])], metadata: ["kind": kind])

private func manifestJSON(checksum: String) -> [UInt8] {
    Array(
        """
        {"formatVersion":1,"kind":"\(kind)","libraryVersion":"0.0.0","createdAt":"2026-01-01T00:00:00Z",\
        "files":{"\(weightsName)":"\(checksum)"},"info":{"labels":["a","b"],"dimension":2}}
        """.utf8)
}

/// A checksum that no input has in practice (all zeros).
private let staleManifest = manifestJSON(checksum: String(repeating: "0", count: 64))

/// Writes the manifest directory's fixed weights once.
private let setUp: Void = {
    writeFile(fixedWeights, to: manifestDirectory.appendingPathComponent(weightsName).path)
}()

private func checkSafeTensors(_ bytes: [UInt8]) {
    let decoded: (tensors: [String: Tensor], metadata: [String: String])
    do {
        decoded = try SafeTensors.decode(bytes, path: "fuzz.safetensors")
    } catch let error as ModelFormatError {
        _ = error.description
        return
    } catch {
        invariantFailure("SafeTensors.decode threw \(type(of: error)): \(error)")
    }
    for (name, tensor) in decoded.tensors {
        invariant(name != "__metadata__", "a tensor named __metadata__")
        invariant(
            tensor.bytes.count == tensor.elementCount * tensor.dtype.size,
            "tensor '\(name)' has \(tensor.bytes.count) bytes for shape \(tensor.shape) \(tensor.dtype)")
        switch tensor.dtype {
        case .F32: invariant(tensor.float32Values()?.count == tensor.elementCount, "float32Values count")
        case .F64: invariant(tensor.float64Values()?.count == tensor.elementCount, "float64Values count")
        case .U64: invariant(tensor.uint64Values()?.count == tensor.elementCount, "uint64Values count")
        case .I32, .I64, .U8: invariant(tensor.float32Values() == nil, "float32Values of \(tensor.dtype)")
        }
    }
    // What we accept must round-trip through our own writer.
    let reencoded = SafeTensors.encode(decoded.tensors, metadata: decoded.metadata)
    do {
        let again = try SafeTensors.decode(reencoded, path: "fuzz-reencoded.safetensors")
        invariant(again.tensors == decoded.tensors, "safetensors round trip changed the tensors")
        invariant(again.metadata == decoded.metadata, "safetensors round trip changed the metadata")
    } catch {
        invariantFailure("re-encoded safetensors does not decode: \(error)")
    }
}

private func checkManifestJSON(_ bytes: [UInt8]) {
    let decoder = JSONDecoder()
    let data = Data(bytes)
    _ = try? decoder.decode(ManifestHeader.self, from: data)
    guard let manifest = try? decoder.decode(ModelManifest<FuzzInfo>.self, from: data) else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
        let again = try decoder.decode(ModelManifest<FuzzInfo>.self, from: encoder.encode(manifest))
        invariant(
            again.formatVersion == manifest.formatVersion && again.kind == manifest.kind
                && again.libraryVersion == manifest.libraryVersion && again.createdAt == manifest.createdAt
                && again.files == manifest.files && again.info == manifest.info,
            "manifest JSON round trip changed the manifest")
    } catch {
        // Non-finite floats cannot be encoded as JSON; JSON cannot have produced them.
        invariantFailure("decoded manifest does not re-encode: \(error)")
    }
}

private func checkWeightsFile(_ bytes: [UInt8]) {
    let rightChecksum = (bytes.first ?? 0) & 1 == 1
    writeFile(bytes, to: weightsDirectory.appendingPathComponent(weightsName).path)
    writeFile(
        rightChecksum ? manifestJSON(checksum: SHA256.hexDigest(bytes)) : staleManifest,
        to: weightsDirectory.appendingPathComponent(ModelDirectory.manifestName).path)
    do {
        let (manifest, files) = try ModelDirectory.read(at: weightsDirectory, expectedKind: kind, as: FuzzInfo.self)
        invariant(
            rightChecksum || SHA256.hexDigest(bytes) == String(repeating: "0", count: 64),
            "read accepted weights whose checksum does not match")
        invariant(files == [weightsName: bytes], "read returned other bytes than written")
        invariant(
            manifest.info == FuzzInfo(labels: ["a", "b"], dimension: 2, temperature: nil), "manifest info changed")
    } catch let error as ModelFormatError {
        guard case .checksumMismatch = error, !rightChecksum else {
            invariantFailure("expected \(rightChecksum ? "success" : "checksumMismatch"), got \(error)")
        }
        _ = error.description
    } catch {
        invariantFailure("ModelDirectory.read threw \(type(of: error)): \(error)")
    }
}

private func checkManifestFile(_ bytes: [UInt8]) {
    _ = setUp
    writeFile(bytes, to: manifestDirectory.appendingPathComponent(ModelDirectory.manifestName).path)
    do {
        let (manifest, files) = try ModelDirectory.read(at: manifestDirectory, expectedKind: kind, as: FuzzInfo.self)
        invariant(
            manifest.kind == kind && manifest.formatVersion == 1,
            "read accepted kind \(manifest.kind) v\(manifest.formatVersion)")
        invariant(Set(files.keys) == Set(manifest.files.keys), "read returned other files than the manifest lists")
        for (name, contents) in files {
            invariant(
                SHA256.hexDigest(contents) == manifest.files[name], "file '\(name)' returned with a wrong checksum")
        }
    } catch let error as ModelFormatError {
        _ = error.description
    } catch {
        invariantFailure("ModelDirectory.read threw \(type(of: error)): \(error)")
    }
}

func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)
    checkSafeTensors(bytes)
    checkManifestJSON(bytes)
    checkWeightsFile(bytes)
    checkManifestFile(bytes)
}
