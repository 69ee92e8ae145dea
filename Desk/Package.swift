// swift-tools-version: 6.1
import PackageDescription

// The dispute desk: an HTTP service with the collectors' worklist, in its own package so that the
// DisputeTriage library and the `triage` CLI gain no server dependencies.
//
// Dependency direction (each module only imports the ones above it):
//   DeskCore     domain: stored disputes, feedback events, roles and tokens, the action policy, the store protocol
//   DeskSQLite   DeskStore on SQLite (embedded default)       DeskPostgres  DeskStore on PostgreSQL
//   DeskEngine   operations: score and store, feedback → log → live model, worklist, model versions
//   DeskHTTP     the JSON API under /v1, auth middleware, metrics, health, OpenAPI document
//   DeskPages    the server-rendered worklist page (mustache), login, CSRF
//   triage-desk  the executable: serve, token create / list / revoke
let package = Package(
    name: "DisputeDesk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "triage-desk", targets: ["triage-desk"])
    ],
    dependencies: [
        .package(name: "DisputeTriage", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Hummingbird's own lower bounds: DeskHTTP adds a channel handler to its HTTP/1 pipeline.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    ],
    targets: [
        .target(
            name: "DeskCore",
            dependencies: [
                .product(name: "DisputeTriage", package: "DisputeTriage"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DeskSQLite",
            dependencies: [
                "DeskCore", .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DeskPostgres",
            dependencies: [
                "DeskCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                // Its ConnectionPoolError is what PostgresClient throws once it gives up on a server that is gone.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "DeskEngine",
            dependencies: [
                "DeskCore",
                .product(name: "DisputeTriage", package: "DisputeTriage"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "DeskHTTP",
            dependencies: [
                "DeskCore", "DeskEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("openapi.json")]
        ),
        .target(
            name: "DeskPages",
            dependencies: [
                "DeskCore", "DeskEngine", "DeskHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "triage-desk",
            dependencies: [
                "DeskCore", "DeskSQLite", "DeskPostgres", "DeskEngine", "DeskHTTP", "DeskPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "DisputeTriage", package: "DisputeTriage"),
                .product(name: "Records", package: "DisputeTriage"),
                .product(name: "LinearAlgebra", package: "DisputeTriage"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DeskTests",
            dependencies: [
                "DeskCore", "DeskSQLite", "DeskPostgres", "DeskEngine", "DeskHTTP", "DeskPages",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
