import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage score --output FILE` promises that FILE appears only complete: a run that fails after
/// writing some batches leaves no file (or the previous file, unchanged) and no temporary file.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct NoPartialOutputTests {
    /// 5 good disputes, then a bad one: with `--batch-size 1` five lines were written before the error.
    static let input =
        (1...5).map { #"{"id":"d\#($0)","text":"Invoice \#($0) charges a freight fee we never agreed to."}"# }
        .joined(separator: "\n") + "\n" + #"{"id":"bad","text":""}"# + "\n"

    @Test("a failing run leaves no output file and no temporary file")
    func noFileAfterFailure() throws {
        try TemporaryDirectory.with { directory in
            let data = directory.appendingPathComponent("in.jsonl")
            try Data(Self.input.utf8).write(to: data)
            let output = directory.appendingPathComponent("out.jsonl").path
            let outcome = try TriageExecutable.run([
                "score", "--data", data.path, "--batch-size", "1", "--output", output,
            ])
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains(":6: field 'text'"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["in.jsonl"])
        }
    }

    @Test("a failing run leaves an existing output file unchanged")
    func previousFileKept() throws {
        try TemporaryDirectory.with { directory in
            let data = directory.appendingPathComponent("in.jsonl")
            try Data(Self.input.utf8).write(to: data)
            let output = directory.appendingPathComponent("out.jsonl")
            let previous = Data("previous results\n".utf8)
            try previous.write(to: output)
            let outcome = try TriageExecutable.run([
                "score", "--data", data.path, "--batch-size", "1", "--output", output.path,
            ])
            #expect(outcome.status == 1)
            #expect(try Data(contentsOf: output) == previous)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                    "in.jsonl", "out.jsonl",
                ])
        }
    }

    @Test("the same input without the bad record writes every line")
    func successWritesEverything() throws {
        try TemporaryDirectory.with { directory in
            let data = directory.appendingPathComponent("in.jsonl")
            try Data(Self.input.split(separator: "\n").dropLast().joined(separator: "\n").utf8).write(to: data)
            let output = directory.appendingPathComponent("out.jsonl")
            let outcome = try TriageExecutable.run([
                "score", "--data", data.path, "--batch-size", "1", "--output", output.path,
            ])
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 5 && lines.allSatisfy { $0.hasPrefix(#"{"id":"d"#) })
        }
    }
}
