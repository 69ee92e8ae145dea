// swift-tools-version: 6.1
import PackageDescription

// Dependency direction (each module only imports the ones above it):
//   COpenBLAS → LinearAlgebra → Learners → DisputeTriage → triage
//   TextFeatures → Learners;  ModelFormat → Learners
//   Records (CSV/JSONL readers) and ModelFormat (safetensors, manifest, SHA-256) stand alone;
//   DefaultModel (path Models/) only bundles the shipped model files.
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
        .executable(name: "triage", targets: ["triage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "TextFeatures"),
        .target(name: "Learners", dependencies: ["LinearAlgebra", "TextFeatures", "ModelFormat"]),
        .target(name: "Records"),
        .target(name: "ModelFormat"),
        // E-mail intake: MIME parsing, body extraction and cleaning, threads (see Sources/Mail/README.md).
        .target(name: "Mail", exclude: ["README.md"]),
        // The shipped default model lives in the top-level Models/ folder and is bundled as a resource.
        .target(name: "DefaultModel", path: "Models", exclude: ["README.md"], resources: [.copy("default")]),
        .target(
            name: "DisputeTriage",
            dependencies: ["LinearAlgebra", "TextFeatures", "Learners", "Records", "ModelFormat", "DefaultModel"]
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "DisputeTriage", "Records", "Learners", "TextFeatures", "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures"]),
        .testTarget(name: "LearnersTests", dependencies: ["Learners", "TextFeatures", "ModelFormat"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        .testTarget(name: "ModelFormatTests", dependencies: ["ModelFormat"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "DisputeTriageTests", dependencies: ["DisputeTriage", "Records", "ModelFormat", "Learners", "LinearAlgebra"]),
    ],
    swiftLanguageModes: [.v6]
)
