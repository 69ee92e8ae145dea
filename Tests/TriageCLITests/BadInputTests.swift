import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// The cases of the bad-input audit (Benchmarks/results/cli-audit.md) that used to crash, run
/// forever, print a raw Foundation error, name no file, or exit 0 on useless input: each now ends
/// with a typed message that names the file (and field), and leaves nothing half-written.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct BadInputTests {
    /// `count` labelled disputes; `subjects` cycles through the labels given.
    static func labelled(_ count: Int, subjects: [String] = ["pricing", "freight"]) -> String {
        (0..<count).map { i in
            let subject = subjects[i % subjects.count]
            return
                #"{"id":"d\#(i)","text":"Invoice \#(i) about \#(subject), please check line \#(i % 7).","subject":"\#(subject)","severity":"low"}"#
        }.joined(separator: "\n") + "\n"
    }

    /// Writes `text` to `name` in `directory` and returns its path.
    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A copy of the shipped model in `directory`.
    static func modelCopy(in directory: URL) throws -> String {
        let model = directory.appendingPathComponent("model")
        try FileManager.default.copyItem(
            at: TriageExecutable.repository.appendingPathComponent("Models/default"), to: model)
        return model.path
    }

    /// A copy of the shipped model in `directory` whose manifest text has `original` replaced (the
    /// manifest is not under a checksum: it holds the others').
    static func editedModel(in directory: URL, replacing original: String, with replacement: String) throws -> String {
        let model = URL(fileURLWithPath: try modelCopy(in: directory))
        let manifest = model.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        #expect(text.contains(original))
        try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: manifest)
        return model.path
    }

    /// `outcome` failed with status 1 and a message containing `message`, without a crash report.
    static func expectFailure(
        _ outcome: TriageExecutable.Outcome, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(outcome.status == 1, "stderr: \(outcome.standardError)", sourceLocation: sourceLocation)
        #expect(
            outcome.standardError.contains(message), "stderr: \(outcome.standardError)", sourceLocation: sourceLocation)
        #expect(!outcome.standardError.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    @Test("one class only: a typed error naming file and field, and the previous model kept (was a crash)")
    func singleClassTraining() throws {
        try TemporaryDirectory.with { directory in
            let data = try Self.write(Self.labelled(12, subjects: ["pricing"]), "one.jsonl", in: directory)
            let previous = try Self.modelCopy(in: directory)
            let before = try FileManager.default.contentsOfDirectory(atPath: previous).sorted()
            let manifest = try Data(contentsOf: URL(fileURLWithPath: previous + "/manifest.json"))
            for extra in [[], ["--validation-fraction", "0"]] {
                let outcome = try TriageExecutable.run(
                    ["train", "--quiet", "--data", data, "--label", "subject", "--out", previous] + extra)
                Self.expectFailure(
                    outcome,
                    "\(data): field 'subject': every record has the label 'pricing': a classifier needs at least 2 classes"
                )
            }
            let crossValidation = try TriageExecutable.run(["crossvalidate", "--data", data, "--label", "subject"])
            Self.expectFailure(crossValidation, "\(data): field 'subject': every record has the label 'pricing'")
            #expect(try FileManager.default.contentsOfDirectory(atPath: previous).sorted() == before)
            #expect(try Data(contentsOf: URL(fileURLWithPath: previous + "/manifest.json")) == manifest)
        }
    }

    @Test(
        "a setting out of range, also the other learner's, is a usage error naming the flag before any data is read (a NaN was a JSON encoding dump after training)"
    )
    func settingsOutOfRange() throws {
        try TemporaryDirectory.with { directory in
            let data = try Self.write(Self.labelled(12), "d.jsonl", in: directory)
            let out = directory.appendingPathComponent("m").path
            for (flags, message) in [
                (["--smoothing", "nan"], "--smoothing must be > 0, got nan"),
                (["--algorithm", "nb", "--l2", "nan"], "--l2 must be >= 0, got nan"),
                (["--C=-1"], "--C must be > 0, got -1.0"),
                (["--validation-fraction", "0", "--epochs", "0"], "--epochs must be >= 1, got 0"),
                (["--word-ngrams", "7"], "--word-ngrams must be 1–4, got 7"),
            ] {
                for command in ["train", "crossvalidate"] {
                    let outcome = try TriageExecutable.run(
                        [command, "--quiet", "--data", data, "--label", "subject"]
                            + (command == "train" ? ["--out", out] : []) + flags)
                    #expect(outcome.status == 64, "\(command) \(flags): \(outcome.standardError)")
                    #expect(outcome.standardError.contains(message), "\(command) \(flags): \(outcome.standardError)")
                    #expect(!outcome.standardError.contains("read "), "no data is read first")
                    #expect(!FileManager.default.fileExists(atPath: out))
                }
            }
        }
    }

    @Test("a model that decodes but cannot be used names the model directory")
    func unusableModelNamesItsDirectory() throws {
        let cases = [
            (#""wordNGrams" : 2"#, #""wordNGrams" : 0"#, "not a usable model: invalid feature configuration"),
            (#""critical","#, #""urgent","#, "not a usable model: field 'severity': unknown label 'urgent'"),
        ]
        for (original, replacement, message) in cases {
            try TemporaryDirectory.with { directory in
                let model = try Self.editedModel(in: directory, replacing: original, with: replacement)
                let outcome = try TriageExecutable.run([
                    "score", "--model", model, "--data", "TrainingData/sample_disputes.jsonl",
                ])
                Self.expectFailure(outcome, "\(model): \(message)")
            }
        }
        try TemporaryDirectory.with { directory in
            let model = try Self.editedModel(
                in: directory, replacing: #""learningRate" : 0.25"#, with: #""learningRate" : -1"#)
            let outcome = try TriageExecutable.run([
                "learn", "--model", model, "--feedback", "TrainingData/sample_disputes.jsonl",
            ])
            Self.expectFailure(outcome, "priority model parameters: learningRate must be > 0, got -1.0")
        }
    }

    @Test("an output directory that cannot be made is a typed error (was a raw NSCocoaErrorDomain dump)")
    func outputDirectoryThatCannotBeMade() throws {
        try TemporaryDirectory.with { directory in
            let data = try Self.write(Self.labelled(12), "d.jsonl", in: directory)
            let file = try Self.write("not a directory\n", "file", in: directory)
            let features = try TriageExecutable.run([
                "features", "--data", data, "--label", "subject", "--out", file,
            ])
            Self.expectFailure(features, "cannot create output directory \(file): mkdir: File exists")
            let simulate = try TriageExecutable.run([
                "simulate", "--quiet", "--data", data, "--events", "20", "--report-every", "10", "--out", file,
            ])
            Self.expectFailure(simulate, "cannot create output directory \(file): mkdir: File exists")
            let train = try TriageExecutable.run([
                "train", "--quiet", "--data", data, "--label", "subject", "--validation-fraction", "0", "--out",
                file + "/model",
            ])
            Self.expectFailure(train, "\(file)/model: write failed (cannot create \(file): mkdir: File exists)")
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a directory\n")
        }
    }

    @Test("no records: a typed error naming the file instead of zeros, a crash or an unnamed error")
    func noRecords() throws {
        try TemporaryDirectory.with { directory in
            let empty = try Self.write("", "empty.jsonl", in: directory)
            let headerOnly = try Self.write("id,text,subject\n", "header.csv", in: directory)
            let out = directory.appendingPathComponent("out").path
            for data in [empty, headerOnly] {
                for arguments in [
                    ["evaluate", "--model", "Models/default", "--label", "subject"],
                    ["crossvalidate", "--label", "subject"],
                    ["throughput"],
                    ["simulate", "--quiet", "--events", "20", "--out", out],
                ] {
                    let outcome = try TriageExecutable.run(arguments + ["--data", data])
                    Self.expectFailure(outcome, "\(data): no records")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("crossvalidate refuses more folds than records (it used to train every empty fold)")
    func moreFoldsThanRecords() throws {
        try TemporaryDirectory.with { directory in
            let data = try Self.write(Self.labelled(6), "d.jsonl", in: directory)
            let outcome = try TriageExecutable.run([
                "crossvalidate", "--data", data, "--label", "subject", "--folds", "1000",
            ])
            Self.expectFailure(outcome, "\(data): --folds 1000 is more than its 6 records")
        }
    }

    @Test("learn refuses a --log that is its --feedback file (appending to it never ended)")
    func logIsTheFeedbackFile() throws {
        try TemporaryDirectory.with { directory in
            let line = #"{"id":"a","text":"Invoice 12 charges freight twice.","amount":120,"urgent":true}"#
            let feedback = try Self.write(line + "\n", "feedback.jsonl", in: directory)
            let model = directory.appendingPathComponent("model").path
            let outcome = try TriageExecutable.run([
                "learn", "--model", "Models/default", "--feedback", feedback, "--out", model,
                "--log", directory.path + "/./feedback.jsonl",
            ])
            Self.expectFailure(outcome, "is the --feedback file")
            #expect(try String(contentsOfFile: feedback, encoding: .utf8) == line + "\n")
            #expect(!FileManager.default.fileExists(atPath: model))
        }
    }

    /// A directory read as no records made `learn` save the model unchanged with status 0, and a
    /// failing read (`/proc/self/mem`) looked like an empty file.
    @Test("input that cannot be read is an error, not an empty file")
    func unreadableInput() throws {
        try TemporaryDirectory.with { directory in
            let folder = directory.appendingPathComponent("feedback.jsonl").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let model = directory.appendingPathComponent("model").path
            let learn = try TriageExecutable.run([
                "learn", "--model", "Models/default", "--feedback", folder, "--out", model,
            ])
            Self.expectFailure(learn, "\(folder): cannot open (Is a directory)")
            #expect(!FileManager.default.fileExists(atPath: model))
            let extract = try TriageExecutable.run(["extract", "--data", folder])
            Self.expectFailure(extract, "\(folder): cannot open (Is a directory)")
            guard FileManager.default.fileExists(atPath: "/proc/self/mem") else { return }
            let memory = directory.appendingPathComponent("mem.jsonl").path
            try FileManager.default.createSymbolicLink(atPath: memory, withDestinationPath: "/proc/self/mem")
            for threads in ["1", "2"] {
                let score = try TriageExecutable.run(["score", "--data", memory, "--threads", threads])
                Self.expectFailure(score, "\(memory):1: cannot read (Input/output error)")
            }
        }
    }

    @Test("a ledger CSV whose header lacks the required columns fails even without rows")
    func ledgerHeaderWithoutColumns() throws {
        try TemporaryDirectory.with { directory in
            let notALedger = try Self.write("id,text,subject\n", "notes.csv", in: directory)
            let out = directory.appendingPathComponent("risk").path
            let train = try TriageExecutable.run(["risk", "train", "--ledger", notALedger, "--out", out])
            Self.expectFailure(train, "\(notALedger): no column for")
            let extract = try TriageExecutable.run([
                "extract", "--data", "TrainingData/sample_disputes.jsonl", "--ledger", notALedger,
            ])
            Self.expectFailure(extract, "\(notALedger): no column for")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("flags that used to be accepted and misused, or crash, are usage errors naming the flag")
    func outOfRangeFlags() throws {
        let cases: [([String], String)] = [
            (["simulate", "--out", "x", "--events", "100000000000"], "--events"),
            (["simulate", "--out", "x", "--events", "100", "--change-at=-5"], "--change-at"),
            (["simulate", "--out", "x", "--learning-rate", "nan"], "learningRate must be > 0"),
            (["simulate", "--out", "x", "--recency", "5"], "recency must be within (0, 1]"),
            (
                ["risk", "train", "--ledger", "x.csv", "--out", "x", "--recency-half-life", "nan"],
                "--recency-half-life"
            ),
            (["risk", "train", "--ledger", "x.csv", "--out", "x", "--days-tree-rate", "inf"], "--days-tree-rate"),
            (
                ["train", "--data", "x.jsonl", "--label", "subject", "--out", "x", "--created-at", "yesterday"],
                "--created-at"
            ),
        ]
        for (arguments, mention) in cases {
            let outcome = try TriageExecutable.run(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.contains(mention), "\(arguments): \(outcome.standardError)")
        }
    }

    @Test("score: an empty --output path and --senders on CSV/JSONL input are refused")
    func scoreOptionMistakes() throws {
        let data = "TrainingData/sample_disputes.jsonl"
        Self.expectFailure(
            try TriageExecutable.run(["score", "--data", data, "--output", ""]), "the output file path is empty")
        Self.expectFailure(
            try TriageExecutable.run(["score", "--data", data, "--senders", "senders.csv"]),
            "--senders applies to e-mail input")
    }
}
