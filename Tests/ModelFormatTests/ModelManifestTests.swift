import Foundation
import Testing

@testable import ModelFormat

@Suite("ModelManifest")
struct ModelManifestTests {
    struct Info: Codable, Sendable, Equatable { var name: String }

    @Test("init sets the current format version and no files")
    func initialValues() {
        let manifest = ModelManifest(
            kind: "k", libraryVersion: "1.2.3", createdAt: "2026-01-01T00:00:00Z", info: Info(name: "n"))
        #expect(manifest.formatVersion == 1)
        #expect(manifest.formatVersion == ModelManifest<Info>.currentFormatVersion)
        #expect(manifest.files.isEmpty)
        #expect(manifest.kind == "k")
        #expect(manifest.libraryVersion == "1.2.3")
        #expect(manifest.info == Info(name: "n"))
    }

    @Test("JSON round trip uses the documented keys")
    func codableRoundTrip() throws {
        var manifest = ModelManifest(kind: "k", libraryVersion: "1", createdAt: "t", info: Info(name: "n"))
        manifest.files = ["a.bin": String(repeating: "0", count: 64)]
        let data = try JSONEncoder().encode(manifest)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["formatVersion", "kind", "libraryVersion", "createdAt", "files", "info"])
        let back = try JSONDecoder().decode(ModelManifest<Info>.self, from: data)
        #expect(back.files == manifest.files)
        #expect(back.info == manifest.info)
        #expect(back.createdAt == "t")
    }
}
