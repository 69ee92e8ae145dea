import Foundation

/// The `triage` executable that `swift build` / `swift test` put beside the test bundle, and a way
/// to run it to completion.
package enum TriageExecutable {
    /// The executable, or `nil` when it is not built beside the tests (tests that need it are
    /// then disabled with a message).
    package static let url: URL? = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("triage")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// The repository root (for `TrainingData/` and `Models/`).
    package static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What a finished run printed and how it ended.
    package struct Outcome: Sendable {
        package var status: Int32
        package var standardOutput: Data
        package var standardError: String
        package var output: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// Runs `triage arguments…` in the repository root and waits for it, with `input` (or nothing)
    /// on its standard input. Input and output go through temporary files rather than pipes, so a
    /// chatty child can never block on a full pipe.
    package static func run(_ arguments: [String], input: Data? = nil) throws -> Outcome {
        try TemporaryDirectory.with { directory in
            let stdoutURL = directory.appendingPathComponent("stdout")
            let stderrURL = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            let stdout = try FileHandle(forWritingTo: stdoutURL)
            let stderr = try FileHandle(forWritingTo: stderrURL)
            let stdinURL = directory.appendingPathComponent("stdin")
            if let input { try input.write(to: stdinURL) }
            let process = Process()
            process.executableURL = url!
            process.arguments = arguments
            process.currentDirectoryURL = repository
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput =
                try input.map { _ in try FileHandle(forReadingFrom: stdinURL) } ?? FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try stdout.close()
            try stderr.close()
            return Outcome(
                status: process.terminationStatus, standardOutput: try Data(contentsOf: stdoutURL),
                standardError: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
        }
    }
}
