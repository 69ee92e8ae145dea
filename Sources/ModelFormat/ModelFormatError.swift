/// Why a model file or directory could not be read or written.
///
/// Every case names the file (and where useful the tensor or field) so the message can be acted on.
///
/// ```swift
/// do { _ = try TriageModel.load(from: url) }
/// catch let error as ModelFormatError { print(error) }   // "… weights.safetensors: checksum mismatch"
/// ```
public enum ModelFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or directory does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not a valid file of the expected format.
    case malformed(path: String, reason: String)
    /// The file's SHA-256 differs from the manifest's: it was truncated or changed.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The model was written by a newer format than this library reads.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A tensor the model needs is missing or has the wrong type or shape.
    case missingTensor(path: String, name: String, reason: String)
    /// The model directory is intact, but what it holds is not a usable model: a setting out of
    /// range, parts that do not fit together, or a part the caller needs is missing.
    case invalidContents(path: String, reason: String)
    /// Writing failed; the previous model (if any) is untouched.
    case writeFailed(path: String, reason: String)
    /// The destination exists and is not a model directory, so it is not overwritten.
    case refusingToOverwrite(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read (\(reason))"
        case let .malformed(path, reason): return "\(path): malformed (\(reason))"
        case let .checksumMismatch(path, expected, actual):
            return
                "\(path): checksum mismatch (manifest says sha256 \(expected), file has \(actual)); the file was truncated or modified"
        case let .unsupportedVersion(path, found, supported):
            return
                "\(path): model format version \(found) is newer than this library reads (\(supported)); upgrade DisputeTriage to a release that reads format \(found)"
        case let .missingTensor(path, name, reason): return "\(path): tensor '\(name)' \(reason)"
        case let .invalidContents(path, reason): return "\(path): not a usable model: \(reason)"
        case let .writeFailed(path, reason): return "\(path): write failed (\(reason)); the previous model is unchanged"
        case let .refusingToOverwrite(path):
            return "\(path): exists and is not a model directory (no manifest.json); refusing to overwrite it"
        }
    }
}
