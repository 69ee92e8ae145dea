import Benchmark
@_spi(Components) import DisputeTriage
import Foundation
@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
@_spi(Components) import TextFeatures

// Setup failures (missing model, bad shapes) should stop the benchmark run at once: the `try!`
// below are deliberate.
let benchmarks: @Sendable () -> Void = {
    BLASThreads.useLibraryDefault()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 50)

    // MARK: Priority shapes: 10,000 disputes × 32 features times 32 × 4 heads.

    let rows = 10_000, features = 32, heads = 4
    var generator = SeededGenerator(seed: 1)
    // swift-format-ignore: NeverUseForceTry
    let x = try! Matrix(
        rows: rows, columns: features, values: (0..<(rows * features)).map { _ in Float(generator.nextUnit()) })
    // swift-format-ignore: NeverUseForceTry
    let w = try! Matrix(
        rows: features, columns: heads, values: (0..<(features * heads)).map { _ in Float(generator.nextUnit()) - 0.5 })

    Benchmark("gemm batched 10000x32 · 32x4 (one sgemm)", configuration: .init(scalingFactor: .one)) { benchmark in
        var out = Matrix(rows: rows, columns: heads)
        for _ in benchmark.scaledIterations {
            BLAS.gemm(x, .asIs, w, .asIs, into: &out)
            blackHole(out)
        }
    }

    Benchmark("gemm per-row loop 10000x (sgemv 32x4)", configuration: .init(scalingFactor: .one)) { benchmark in
        var y = [Float](repeating: 0, count: heads)
        var row = [Float](repeating: 0, count: features)
        for _ in benchmark.scaledIterations {
            for r in 0..<rows {
                for c in 0..<features { row[c] = x.values[r * features + c] }
                BLAS.gemv(w, .transposed, row, into: &y)
                blackHole(y)
            }
        }
    }

    Benchmark("gemm per-row plain Swift loop 10000x", configuration: .init(scalingFactor: .one)) { benchmark in
        var y = [Float](repeating: 0, count: heads)
        for _ in benchmark.scaledIterations {
            x.values.withUnsafeBufferPointer { xs in
                w.values.withUnsafeBufferPointer { ws in
                    for r in 0..<rows {
                        for h in 0..<heads {
                            var acc: Float = 0
                            for c in 0..<features { acc += xs[r * features + c] * ws[c * heads + h] }
                            y[h] = acc
                        }
                        blackHole(y)
                    }
                }
            }
        }
    }

    // MARK: Text features

    let short = BenchmarkData.texts("banking77")
    let long = BenchmarkData.texts("cfpb")
    // swift-format-ignore: NeverUseForceTry
    let extractor = try! FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: short + long)

    for (name, texts) in [("short banking77", short), ("long cfpb", long)] {
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        // One iteration = every text once; throughput ×1 = corpora per second (docs/s = × texts.count).
        Benchmark(
            "tokenize+hash \(name) (\(texts.count) docs, \(bytes / 1000) kB)", configuration: .init(scalingFactor: .one)
        ) { benchmark in
            var vector = SparseVector()
            var workspace = FeatureWorkspace(reservingCapacity: 1 << 16)
            vector.indices.reserveCapacity(1 << 16)
            vector.values.reserveCapacity(1 << 16)
            for text in texts { extractor.transform(text, into: &vector, workspace: &workspace) }  // warm the buffers
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                for text in texts {
                    extractor.transform(text, into: &vector, workspace: &workspace)
                    blackHole(vector)
                }
            }
        }
    }

    // MARK: Learners on banking77 (77 classes)

    let training = BenchmarkData.labelled("banking77", label: "intent")
    var options = TrainingOptions()
    options.calibrationFolds = 0
    let vectors = short.map { extractor.transform($0) }
    for algorithm in [Algorithm.naiveBayes, .logisticRegression] {
        options.algorithm = algorithm
        // swift-format-ignore: NeverUseForceTry
        let classifier = try! TextClassifier.train(
            texts: Array(training.texts.prefix(4000)), labels: Array(training.labels.prefix(4000)),
            labelField: "intent", options: options)
        let featuresOfTest = short.map { classifier.extractor.transform($0) }
        Benchmark(
            "\(algorithm.rawValue) predict (\(featuresOfTest.count) docs, \(Set(training.labels.prefix(4000)).count) classes)",
            configuration: .init(scalingFactor: .one)
        ) { benchmark in
            var probabilities: [Float] = []
            for f in featuresOfTest { classifier.predictProbabilities(f, into: &probabilities) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                for f in featuresOfTest {
                    classifier.predictProbabilities(f, into: &probabilities)
                    blackHole(probabilities)
                }
            }
        }
    }
    blackHole(vectors)

    // MARK: Dispute model

    // swift-format-ignore: NeverUseForceTry

    let model = try! TriageModel.loadDefault()
    let shortDisputes = BenchmarkData.disputes(short)
    let longDisputes = BenchmarkData.disputes(long)

    Benchmark(
        "priority batch via BLAS (\(shortDisputes.count) disputes, features precomputed)",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        let subject = [Float](repeating: 1 / 15, count: 15)
        let severity: [Float] = [0.1, 0.5, 0.3, 0.1]
        var values: [Float] = []
        var row = [Float](repeating: 0, count: PriorityFeatures.count)
        for d in shortDisputes {
            PriorityFeatures.fill(&row, subject: subject, severity: severity, facts: d.facts)
            values += row
        }
        let matrix = try Matrix(rows: shortDisputes.count, columns: PriorityFeatures.count, values: values)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(model.priorityModel.priorities(matrix)) }
    }

    Benchmark(
        "priority per-dispute loop (\(shortDisputes.count) disputes, features precomputed)",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        let subject = [Float](repeating: 1 / 15, count: 15)
        let severity: [Float] = [0.1, 0.5, 0.3, 0.1]
        let rows: [[Float]] = shortDisputes.map { d in
            var row = [Float](repeating: 0, count: PriorityFeatures.count)
            PriorityFeatures.fill(&row, subject: subject, severity: severity, facts: d.facts)
            return row
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for row in rows { blackHole(model.priorityModel.priority(row)) }
        }
    }

    Benchmark("online update: one feedback event (TriageModel.learn)", configuration: .init(scalingFactor: .kilo)) {
        benchmark in
        var learner = model
        let events = shortDisputes.prefix(1000).enumerated().map { Feedback(dispute: $1, urgent: $0 % 3 == 0) }
        var i = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try learner.learn(events[i % events.count])
            i += 1
        }
        blackHole(learner)
    }

    for (name, disputes) in [("short banking77", shortDisputes), ("long cfpb", longDisputes)] {
        for explain in [false, true] {
            let what = explain ? "end-to-end score with explanations" : "end-to-end score"
            Benchmark(
                "\(what) \(name) (\(disputes.count) docs, batches of 1024)", configuration: .init(scalingFactor: .one)
            ) { benchmark in
                var workspace = ScoringWorkspace()
                for _ in benchmark.scaledIterations {
                    var start = 0
                    while start < disputes.count {
                        let end = min(start + 1024, disputes.count)
                        blackHole(model.score(Array(disputes[start..<end]), explain: explain, workspace: &workspace))
                        start = end
                    }
                }
            }
        }
    }
}
