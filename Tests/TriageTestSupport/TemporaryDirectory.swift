import Foundation

/// A fresh, uniquely named directory under the system temporary directory, removed after use
/// (also when `body` throws).
package enum TemporaryDirectory {
    package static func with<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("DisputeTriageTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Writes `bytes` to a file named `name` in a fresh temporary directory and passes its path.
    package static func withFile<T>(_ name: String, _ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        try with { directory in
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return try body(url.path)
        }
    }

    /// Writes `text` as UTF-8 to a file named `name` in a fresh temporary directory and passes its path.
    package static func withFile<T>(_ name: String, _ text: String, _ body: (String) throws -> T) throws -> T {
        try withFile(name, Array(text.utf8), body)
    }
}
