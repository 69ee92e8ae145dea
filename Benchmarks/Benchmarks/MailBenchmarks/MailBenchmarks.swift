import Benchmark
import Foundation
import Mail

// E-mail intake speed on one core: parsing (MIME tree, header fields, body decoding) and
// parsing + cleaning (what `triage mail` and `triage score` do per message), over raw messages
// held in memory. Each benchmark iteration is one pass over a corpus; MB/s = corpus bytes /
// wall-clock time per pass (the corpus size is in the benchmark's name).
//
// Corpora (see MailCorpus.swift): the labelled dispute e-mail set (Benchmarks/mail/
// make_dispute_mail.py, written to a temporary folder by python3) and, when present on the
// machine, CPython's email test messages (test/test_email/data/msg_*.txt).

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        // No malloc counting: the interposer's per-malloc cost would be counted as parsing time.
        // CPU time beside wall clock: on a loaded machine (other jobs) it is the steadier figure.
        metrics: [.wallClock, .cpuTotal, .throughput],
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 50)

    for corpus in MailCorpus.all() {
        let megabytes = String(format: "%.2f MB", Double(corpus.bytes) / 1e6)
        Benchmark("mail parse, \(corpus.name) (\(corpus.messages.count) messages, \(megabytes))",
                  configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                for raw in corpus.messages {
                    let message = try MailMessage(parsing: raw.bytes)
                    blackHole(try message.body()?.text)
                    blackHole(message.subject)
                }
            }
        }
        Benchmark("mail parse + clean, \(corpus.name) (\(corpus.messages.count) messages, \(megabytes))",
                  configuration: .init(scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                for raw in corpus.messages { blackHole(try IntakeMessage(raw).text) }
            }
        }
    }
}
