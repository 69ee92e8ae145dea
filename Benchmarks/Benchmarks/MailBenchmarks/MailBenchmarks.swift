import Benchmark
import Foundation
import Mail

// E-mail intake speed on one core: parsing (MIME tree, header fields, body decoding) and
// parsing + cleaning (what `triage mail` and `triage score` do per message), over raw messages
// held in memory. Each benchmark iteration is one pass over a corpus; MB/s = corpus bytes /
// time per pass (the corpus size is in the benchmark's name). The custom metric "MB/s (thread
// CPU)" divides by the CPU time of the benchmark's thread (clock_gettime, nanoseconds): on a
// shared machine it is the figure to read, since wall-clock time also counts the time other jobs
// held the core, and cpuTotal has 10 ms resolution.
//
// Corpora (see MailCorpus.swift): the labelled dispute e-mail set (Benchmarks/mail/
// make_dispute_mail.py, written to a temporary folder by python3) and, when present on the
// machine, CPython's email test messages (test/test_email/data/msg_*.txt).

/// MB/s of raw mail per pass, on the thread's CPU time.
let cpuMegabytesPerSecond = BenchmarkMetric.custom(
    "MB/s (thread CPU)", polarity: .prefersLarger, useScalingFactor: false)

/// CPU time of the calling thread, in nanoseconds.
func threadCPUNanoseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

/// Runs `pass` once per iteration and records its MB/s on thread CPU time.
func measurePasses(_ benchmark: Benchmark, bytes: Int, _ pass: () throws -> Void) rethrows {
    for _ in benchmark.scaledIterations {
        let start = threadCPUNanoseconds()
        try pass()
        benchmark.measurement(cpuMegabytesPerSecond, bytes * 1000 / max(1, threadCPUNanoseconds() - start))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        // No malloc counting: the interposer's per-malloc cost would be counted as parsing time.
        // CPU time beside wall clock: on a loaded machine (other jobs) it is the steadier figure.
        metrics: [.wallClock, .cpuTotal, .throughput, cpuMegabytesPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 50)

    for corpus in MailCorpus.all() {
        let megabytes = String(format: "%.2f MB", Double(corpus.bytes) / 1e6)
        Benchmark(
            "mail parse, \(corpus.name) (\(corpus.messages.count) messages, \(megabytes))",
            configuration: .init(scalingFactor: .one)
        ) { benchmark in
            try measurePasses(benchmark, bytes: corpus.bytes) {
                for raw in corpus.messages {
                    let message = try MailMessage(parsing: raw.bytes)
                    blackHole(try message.body()?.text)
                    blackHole(message.subject)
                }
            }
        }
        Benchmark(
            "mail parse + clean, \(corpus.name) (\(corpus.messages.count) messages, \(megabytes))",
            configuration: .init(scalingFactor: .one)
        ) { benchmark in
            try measurePasses(benchmark, bytes: corpus.bytes) {
                for raw in corpus.messages { blackHole(try IntakeMessage(raw).text) }
            }
        }
    }
}
