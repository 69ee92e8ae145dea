// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so `swift test` on the library does not build them.
// Run: cd Benchmarks && swift package benchmark --no-progress
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DisputeTriage", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TriageBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DisputeTriage", package: "DisputeTriage"),
                .product(name: "Learners", package: "DisputeTriage"),
                .product(name: "TextFeatures", package: "DisputeTriage"),
                .product(name: "LinearAlgebra", package: "DisputeTriage"),
                .product(name: "Records", package: "DisputeTriage"),
            ],
            path: "Benchmarks/TriageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // E-mail intake (parsing, cleaning) in MB/s of raw mail on one core.
        .executableTarget(
            name: "MailBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Mail", package: "DisputeTriage"),
            ],
            path: "Benchmarks/MailBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
