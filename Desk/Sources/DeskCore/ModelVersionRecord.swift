/// A published model snapshot: the model directory's files (the project's model format), the log
/// position it includes and the fingerprint of its weights.
public struct ModelVersionRecord: Sendable, Equatable {
    /// `<base fingerprint>.<applied seq>`.
    public var version: String
    /// Feedback events 1…appliedSeq are in this model.
    public var appliedSeq: Int64
    public var weightsSHA256: String
    public var createdAt: Double
    /// File name → contents of the saved model directory.
    public var files: [String: [UInt8]]

    public init(version: String, appliedSeq: Int64, weightsSHA256: String, createdAt: Double, files: [String: [UInt8]])
    {
        self.version = version
        self.appliedSeq = appliedSeq
        self.weightsSHA256 = weightsSHA256
        self.createdAt = createdAt
        self.files = files
    }
}

/// Where a published model version stands in the log, and the fingerprint a replica that applied the
/// same events must reproduce.
public struct Checkpoint: Sendable, Equatable {
    public var version: String
    public var appliedSeq: Int64
    public var weightsSHA256: String

    public init(version: String, appliedSeq: Int64, weightsSHA256: String) {
        self.version = version
        self.appliedSeq = appliedSeq
        self.weightsSHA256 = weightsSHA256
    }
}

/// Packs a model directory's files into one blob (and back) for a database column:
/// repeated `name length (u32) · name · size (u64) · bytes`, all little-endian.
public enum ModelFilePack {
    public static func pack(_ files: [String: [UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for name in files.keys.sorted() {
            let nameBytes = Array(name.utf8)
            let content = files[name]!
            append(UInt64(nameBytes.count), bytes: 4, to: &out)
            out += nameBytes
            append(UInt64(content.count), bytes: 8, to: &out)
            out += content
        }
        return out
    }

    public static func unpack(_ blob: [UInt8]) -> [String: [UInt8]]? {
        var files: [String: [UInt8]] = [:]
        var i = 0
        func read(_ n: Int) -> UInt64? {
            guard i + n <= blob.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<n { v |= UInt64(blob[i + k]) << (8 * UInt64(k)) }
            i += n
            return v
        }
        while i < blob.count {
            guard let nameLength = read(4), i + Int(nameLength) <= blob.count else { return nil }
            let name = String(decoding: blob[i..<(i + Int(nameLength))], as: UTF8.self)
            i += Int(nameLength)
            guard let size = read(8), size <= UInt64(blob.count - i) else { return nil }
            files[name] = Array(blob[i..<(i + Int(size))])
            i += Int(size)
        }
        return files
    }

    static func append(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
}
