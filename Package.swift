// swift-tools-version: 6.1
import PackageDescription

// Dependency direction (each module only imports the ones above it):
//   COpenBLAS → LinearAlgebra → Learners → DisputeTriage → triage
//   TextFeatures → Learners;  ModelFormat → Learners
//   Records (CSV/JSONL readers) and ModelFormat (safetensors, manifest, SHA-256) stand alone;
//   Ledger (receivables ledger, payer risk, invoice references) uses Records, LinearAlgebra, ModelFormat
//   and is used by DisputeTriage;
//   DefaultModel (path Models/) only bundles the shipped model files.
//   SystemSupport (the C library and POSIX file I/O, `package` access) sits below everything.
let package = Package(
    name: "DisputeTriage",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DisputeTriage", targets: ["DisputeTriage"]),
        .library(name: "Learners", targets: ["Learners"]),
        .library(name: "TextFeatures", targets: ["TextFeatures"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Records", targets: ["Records"]),
        .library(name: "Mail", targets: ["Mail"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .executable(name: "triage", targets: ["triage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        // `swift package generate-documentation` (scripts/docs.sh); a command plugin, linked into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "SystemSupport"),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "SystemSupport"]),
        .target(name: "TextFeatures", dependencies: ["SystemSupport", "CSparseKernels"]),
        // The training objective's sparse × dense kernel, in C for its AVX2 clone (no Swift per-function targets),
        // and the prefetch hint of the scoring loops.
        .target(name: "CSparseKernels"),
        .target(
            name: "Learners",
            dependencies: ["LinearAlgebra", "TextFeatures", "ModelFormat", "SystemSupport", "CSparseKernels"]),
        .target(name: "Records", dependencies: ["SystemSupport"]),
        // SHA-256 blocks with the x86 SHA extensions: model files are checksummed at every load.
        .target(name: "CSHA256"),
        .target(name: "ModelFormat", dependencies: ["SystemSupport", "CSHA256"]),
        // Receivables ledger: as-of customer context, payer risk, invoice references in text.
        .target(name: "Ledger", dependencies: ["Records", "LinearAlgebra", "ModelFormat", "SystemSupport"]),
        // E-mail intake: MIME parsing, body extraction and cleaning, threads (see Sources/Mail/README.md).
        .target(name: "Mail", dependencies: ["SystemSupport"], exclude: ["README.md"]),
        // The shipped default model lives in the top-level Models/ folder and is bundled as a resource.
        .target(name: "DefaultModel", path: "Models", exclude: ["README.md"], resources: [.copy("default")]),
        .target(
            name: "DisputeTriage",
            dependencies: [
                "LinearAlgebra", "TextFeatures", "Learners", "Records", "ModelFormat", "Ledger", "DefaultModel",
                "SystemSupport", "CSparseKernels",
            ]
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "DisputeTriage", "Records", "Learners", "TextFeatures", "SystemSupport", "Mail", "Ledger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (seeded generator, temporary directories, the triage executable).
        .target(name: "TriageTestSupport", dependencies: ["Learners"], path: "Tests/TriageTestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "Learners", "TriageTestSupport"]),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "Learners", "TriageTestSupport"]),
        .testTarget(name: "LearnersTests", dependencies: ["Learners", "TextFeatures", "ModelFormat"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "TriageTestSupport"]),
        .testTarget(name: "ModelFormatTests", dependencies: ["ModelFormat", "TriageTestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "TriageTestSupport"]),
        .testTarget(
            name: "DisputeTriageTests",
            dependencies: [
                "DisputeTriage", "Records", "ModelFormat", "Learners", "LinearAlgebra", "TriageTestSupport", "Ledger",
                "TextFeatures",
            ]
        ),
        .testTarget(
            name: "TriageCLITests",
            dependencies: ["triage", "DisputeTriage", "Learners", "Records", "TriageTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Records", "LinearAlgebra"]),
    ],
    swiftLanguageModes: [.v6]
)
