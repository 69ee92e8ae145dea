import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import ModelFormat

#if canImport(Glibc)
    import Glibc
#endif

@Suite("FileContents")
struct FileContentsTests {
    /// Expects `FileContents.bytes` to throw `.unreadable` naming `path`, with `fragment` in the reason.
    static func expectUnreadable(_ path: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation)
    {
        do {
            let bytes = try FileContents.bytes(atPath: path)
            Issue.record("expected unreadable, read \(bytes.count) bytes", sourceLocation: sourceLocation)
        } catch let ModelFormatError.unreadable(failedPath, reason) {
            #expect(failedPath == path, sourceLocation: sourceLocation)
            #expect(reason.contains(fragment), "reason: \(reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected unreadable, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("reads empty, small and multi-chunk files exactly", arguments: [0, 1, 4095, 4096, 65_537, 3_000_001])
    func readsExactly(size: Int) throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("data.bin")
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            try Data(bytes).write(to: url)
            #expect(try FileContents.bytes(atPath: url.path) == bytes)
        }
    }

    /// Linux reports a size of 0 for the regular files in /proc, so reading one goes past the size
    /// `fstat` gave: the path a file that grows while it is read takes.
    @Test("reads a file longer than its reported size to its end")
    func fileLongerThanItsSize() throws {
        let path = "/proc/self/maps"
        guard FileManager.default.fileExists(atPath: path) else { return }  // not Linux
        let bytes = try FileContents.bytes(atPath: path)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.count > 1)
        #expect(bytes.last == 0x0A)  // whole lines, to the end
        #expect(text.contains("[stack]"))  // the last mappings are there too
    }

    @Test("follows a symbolic link to a regular file")
    func symbolicLink() throws {
        try TemporaryDirectory.with { root in
            let target = root.appendingPathComponent("target")
            try Data([1, 2, 3]).write(to: target)
            let link = root.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            #expect(try FileContents.bytes(atPath: link.path) == [1, 2, 3])
        }
    }

    @Test("a missing file is unreadable, naming the path and the system's reason")
    func missing() throws {
        try TemporaryDirectory.with { root in
            Self.expectUnreadable(root.appendingPathComponent("nope").path, "No such file or directory")
            Self.expectUnreadable(root.appendingPathComponent("nope/deeper").path, "missing or not readable")
        }
    }

    @Test("a directory is unreadable")
    func directory() throws {
        try TemporaryDirectory.with { root in Self.expectUnreadable(root.path, "is a directory") }
    }

    #if canImport(Glibc)
        @Test("a FIFO is refused at once, not waited on")
        func fifo() throws {
            try TemporaryDirectory.with { root in
                let path = root.appendingPathComponent("pipe").path
                #expect(mkfifo(path, 0o600) == 0)
                Self.expectUnreadable(path, "not a regular file")
            }
        }

        @Test("a file without read permission is unreadable (skipped as root, which reads anyway)")
        func permissionDenied() throws {
            guard geteuid() != 0 else { return }
            try TemporaryDirectory.with { root in
                let url = root.appendingPathComponent("secret")
                try Data([1]).write(to: url)
                #expect(chmod(url.path, 0) == 0)
                Self.expectUnreadable(url.path, "Permission denied")
            }
        }
    #endif

    @Test("a model directory whose data file is a directory is unreadable, naming that file")
    func dataFileIsDirectory() throws {
        try TemporaryDirectory.with { root in
            let url = root.appendingPathComponent("model")
            let manifest = ModelManifest(
                kind: "k", libraryVersion: "0", createdAt: "2026-01-01T00:00:00Z", info: ["a": 1])
            try ModelDirectory.write(manifest: manifest, files: ["weights": [1, 2]], to: url)
            let weights = url.appendingPathComponent("weights")
            try FileManager.default.removeItem(at: weights)
            try FileManager.default.createDirectory(at: weights, withIntermediateDirectories: false)
            let error = #expect(throws: ModelFormatError.self) {
                _ = try ModelDirectory.read(at: url, expectedKind: "k", as: [String: Int].self)
            }
            #expect(error == .unreadable(path: weights.path, reason: "is a directory"))
        }
    }
}
