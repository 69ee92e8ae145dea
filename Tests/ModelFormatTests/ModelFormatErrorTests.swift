import Testing

@testable import ModelFormat

@Suite("ModelFormatError")
struct ModelFormatErrorTests {
    @Test("every description names the path and the problem")
    func descriptions() {
        let cases: [(ModelFormatError, [String])] = [
            (.unreadable(path: "/m", reason: "gone"), ["/m", "cannot read", "gone"]),
            (.malformed(path: "/m/w", reason: "bad"), ["/m/w", "malformed", "bad"]),
            (
                .checksumMismatch(path: "/m/w", expected: "aa", actual: "bb"),
                ["/m/w", "aa", "bb", "truncated or modified"]
            ),
            (
                .unsupportedVersion(path: "/m/manifest.json", found: 99, supported: 1),
                ["/m/manifest.json", "version 99", "(1)"]
            ),
            (.missingTensor(path: "/m/w", name: "bias", reason: "is missing"), ["/m/w", "'bias'", "is missing"]),
            (.invalidContents(path: "/m", reason: "wordNGrams must be 1…4"), ["/m", "not a usable model", "1…4"]),
            (.writeFailed(path: "/m", reason: "disk full"), ["/m", "disk full", "unchanged"]),
            (.refusingToOverwrite(path: "/home"), ["/home", "refusing to overwrite"]),
        ]
        for (error, fragments) in cases {
            for fragment in fragments {
                #expect(error.description.contains(fragment), "\(error.description) lacks \(fragment)")
            }
            #expect(error.description.hasPrefix(fragments[0] + ":"))
        }
        #expect(ModelFormatError.malformed(path: "a", reason: "b") != .malformed(path: "a", reason: "c"))
    }
}
