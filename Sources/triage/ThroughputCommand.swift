import ArgumentParser
import DisputeTriage
import Foundation
@_spi(Components) import Learners
import Records
@_spi(Components) import TextFeatures

struct ThroughputCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract:
            "Measure in-process scoring throughput: texts are read into memory first, then scored end to end (tokenize, subject, severity, priority) in batches, without output (and without explanations unless --stage explain).",
        discussion:
            "--stage stops the pipeline early to show where the time goes: tokenize (tokens only), features (+ n-grams, vocabulary, tf-idf), classify (+ subject and severity models), score (+ priority: the whole job, the default), explain (+ factor contributions and words, as `triage score` gives by default). Prints one JSON object (one per stage with --all-stages): stage, documents, bytes, seconds, docs_per_second, mb_per_second, cpu_seconds and cpu_docs_per_second (CPU time of the process, all threads: steadier on a busy machine). Example: triage throughput --data texts.jsonl --passes 3"
    )

    @OptionGroup var model: ModelOptions

    @Option(help: "Disputes (.csv, .jsonl or .ndjson); only `text` is required.")
    var data: String

    /// How far down the scoring pipeline each pass goes.
    enum Stage: String, ExpressibleByArgument, CaseIterable {
        case tokenize, features, classify, score, explain
    }

    @Option(help: "Pipeline stage to stop after: tokenize, features, classify, score or explain.")
    var stage = Stage.score

    @Flag(
        help:
            "Time every stage, interleaved within each pass, and print one JSON line per stage (steadier stage-to-stage differences than separate runs)."
    )
    var allStages = false

    @Option(help: "Disputes per BLAS batch.")
    var batchSize = 1024

    @Option(help: "Timed passes over the data; the fastest is reported.")
    var passes = 3

    @Option(help: "Threads scoring batches concurrently in the score and explain stages (the others use one).")
    var threads = 1

    func validate() throws {
        guard batchSize >= 1, passes >= 1, threads >= 1 else {
            throw ValidationError("--batch-size, --passes and --threads must be >= 1")
        }
    }

    func run() throws {
        let triage = try model.load()
        let reader = try RecordReader(path: data)
        var disputes: [Dispute] = []
        while let record = try reader.next() { disputes.append(try Dispute(record: record)) }
        guard !disputes.isEmpty else { throw RecordError(file: data, line: 0, reason: "no records") }
        let bytes = disputes.reduce(0) { $0 + $1.text.utf8.count }
        var workspace = ScoringWorkspace()
        let workspaces = ResourcePool { ScoringWorkspace() }
        let stages = allStages ? Stage.allCases : [stage]
        var best = [Double](repeating: .infinity, count: stages.count)
        var bestCPU = best
        var checksum: Float = 0
        for _ in 0..<passes {
            for (i, stage) in stages.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = Self.processCPUSeconds()
                checksum += try run(stage, triage, disputes, workspace: &workspace, pool: workspaces)
                best[i] = min(best[i], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                bestCPU[i] = min(bestCPU[i], Self.processCPUSeconds() - startCPU)
            }
        }
        for (i, stage) in stages.enumerated() {
            Standard.output(
                String(
                    format:
                        "{\"stage\":\"%@\",\"documents\":%d,\"bytes\":%d,\"seconds\":%.4f,\"docs_per_second\":%.1f,\"mb_per_second\":%.3f,\"cpu_seconds\":%.4f,\"cpu_docs_per_second\":%.1f,\"checksum\":%.1f}",
                    stage.rawValue, disputes.count, bytes, best[i], Double(disputes.count) / best[i],
                    Double(bytes) / 1e6 / best[i],
                    bestCPU[i], Double(disputes.count) / bestCPU[i], checksum))
        }
    }

    /// One pass over `disputes` up to `stage`; returns a checksum so no stage can be optimised away.
    private func run(
        _ stage: Stage, _ triage: TriageModel, _ disputes: [Dispute], workspace: inout ScoringWorkspace,
        pool: ResourcePool<ScoringWorkspace>
    ) throws -> Float {
        var checksum: Float = 0
        let subject = triage.subjectClassifier, severity = triage.severityClassifier
        let sameFeatures = subject.extractor == severity.extractor
        switch stage {
        case .tokenize:
            let tokenizer = Tokenizer(configuration: subject.extractor.configuration.tokenizer)
            for dispute in disputes { tokenizer.forEachToken(in: dispute.text) { checksum += Float($0.bytes.count) } }
        case .features:
            var features = FeatureWorkspace()
            var x = SparseVector(), y = SparseVector()
            for dispute in disputes {
                subject.extractor.transform(dispute.text, into: &x, workspace: &features)
                if !sameFeatures { severity.extractor.transform(dispute.text, into: &y, workspace: &features) }
                checksum += Float(x.count + y.count)
            }
        case .classify:
            for dispute in disputes {
                checksum += triage.classify(dispute.text, explain: false, workspace: &workspace).subject.probability
            }
        case .score, .explain:
            let explain = stage == .explain
            var pipeline = OrderedPipeline<[Dispute], Float>(
                threads: threads,
                work: { batch in
                    pool.withResource { workspace in
                        triage.score(batch, explain: explain, workspace: &workspace).reduce(0) { $0 + $1.priority }
                    }
                }, deliver: { checksum += $0 })
            var index = 0
            while index < disputes.count {
                let end = min(index + batchSize, disputes.count)
                try pipeline.submit(Array(disputes[index..<end]))
                index = end
            }
            try pipeline.finish()
        }
        return checksum
    }

    /// CPU time of the process (every thread, so `--threads` runs count their workers): unlike wall
    /// time, it does not count time spent waiting for a core, so runs on a busy machine still compare.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
