import ArgumentParser
import DeskCore
import DeskEngine
import DeskHTTP
import DeskPages
import DeskPostgres
import DisputeTriage
import Foundation
import Hummingbird
import LinearAlgebra
import Logging
import Metrics
import Prometheus
import Records
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the desk until SIGTERM or SIGINT (then finishes in-flight requests and exits 0).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port (env DESK_PORT; default 8080).")
    var port: Int?

    @Option(help: "Model directory to start from when the store has no published model (default: the shipped model).")
    var model: String?

    @Option(help: "Action policy file (JSON): handling cost, escalation and write-off limits.")
    var policy: String?

    @Option(help: "Disputes (JSONL/CSV, the CLI's dispute format) to load when the store is empty.")
    var seed: String?

    @Option(help: "Publish a model version every N feedback events.")
    var snapshotEvery: Int64 = 200

    @Option(
        help:
            "replay: every replica applies the log (bit-identical models); follow: only the publisher learns, the others load its versions."
    )
    var learning: String = "replay"

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env DESK_LOG_LEVEL; default info).")
    var logLevel: String?

    func run() async throws {
        // One BLAS thread, as in `triage`: learning and scoring then run the same kernels in every
        // replica and in a `triage learn` replay, and requests use the cores instead.
        BLASThreads.useLibraryDefault()
        var logger = Logger(label: "triage-desk")
        let level = logLevel ?? ProcessInfo.processInfo.environment["DESK_LOG_LEVEL"] ?? "info"
        guard let parsedLevel = Logger.Level(rawValue: level) else {
            throw ValidationError(
                "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        logger.logLevel = parsedLevel
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let (store, postgres) = try await storeOptions.open(logger: logger)
        let baseModel =
            try model.map { try TriageModel.load(from: URL(fileURLWithPath: $0)) } ?? TriageModel.loadDefault()
        let actionPolicy = try policy.map { try ActionPolicy.load(path: $0) } ?? ActionPolicy()
        guard let mode = Desk.LearningMode(rawValue: learning) else {
            throw ValidationError("--learning must be replay or follow")
        }
        let dataDir = storeOptions.resolvedDataDir
        let seedPath = seed

        // The pool must run while the desk starts (migrations, replay), so it runs from here on.
        try await withThrowingTaskGroup(of: Void.self) { pool in
            if let postgres { pool.addTask { try await postgres.run() } }
            let desk = try await Desk.start(
                store: store, baseModel: baseModel, policy: actionPolicy,
                scratchDirectory: URL(fileURLWithPath: dataDir).appendingPathComponent("scratch"),
                snapshotEvery: snapshotEvery, mode: mode,
                // On PostgreSQL the coordinator grants the publisher role.
                publisher: postgres == nil, logger: logger)
            try await Self.firstStart(store: store, desk: desk, dataDir: dataDir, seed: seedPath, logger: logger)
            let router = DeskRouter.make(
                desk: desk,
                configuration: DeskHTTPConfiguration(
                    policyPath: policy, metricsText: { registry.emitToString() }))
            try await PageRoutes(desk: desk).register(on: router)
            let app = Application(
                router: router, server: DeskRouter.server(),
                configuration: .init(
                    address: .hostname(
                        host, port: port ?? Int(ProcessInfo.processInfo.environment["DESK_PORT"] ?? "") ?? 8080),
                    serverName: "triage-desk"),
                logger: logger)
            // Reverse order on shutdown: the server stops first, then the learner publishes the model,
            // then the replica coordinator gives up the publisher role.
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
            if let postgres {
                services.append(
                    .init(
                        service: ReplicaCoordinator(
                            backend: postgres, logger: logger, onPublisherChange: { desk.setPublisher($0) },
                            onFeedback: { desk.wake() })))
            }
            services += [.init(service: LearnerService(desk: desk, logger: logger)), .init(service: app)]
            var configuration = ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            // SIGTERM must end the process even when requests or the learner wait on a database that is
            // gone (the pool waits a minute or more before it fails them): after 20 s the services left
            // are cancelled, and a service that ignores even that (postgres-nio never answers a statement
            // sent as its connection dies) stops the process with a fatal error 5 s later, within the
            // 30 s an orchestrator usually allows before SIGKILL. The learner's own 10 s limit on the
            // final publish comes first when no request is stuck.
            configuration.maximumGracefulShutdownDuration = .seconds(20)
            configuration.maximumCancellationDuration = .seconds(5)
            let group = ServiceGroup(configuration: configuration)
            try await group.run()
            pool.cancelAll()
        }
        await store.close()
    }

    /// On an empty store: an admin token in DATA_DIR/admin.token, and the seed disputes.
    static func firstStart(store: SQLDeskStore, desk: Desk, dataDir: String, seed: String?, logger: Logger) async throws
    {
        if let token = try await TokenIssuer.issueFirst(store: store) {
            let path = (dataDir as NSString).appendingPathComponent("admin.token")
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else {
                throw ValidationError("cannot write \(path)")
            }
            logger.notice("wrote the first admin token", metadata: ["path": "\(path)"])
            print("triage-desk: admin token written to \(path) (mode 0600)")
        }
        // Empty means no dispute in any status: seeding again would post the same ids with new received times.
        var everything = WorklistFilter()
        everything.status = nil
        if let seed,
            try await store.worklist(everything, after: nil, limit: 1, now: Date().timeIntervalSince1970).disputes
                .isEmpty
        {
            let reader = try RecordReader(path: seed)
            var batch: [IncomingDispute] = []
            var index = 0
            while let record = try reader.next() {
                let dispute = try Dispute(record: record)
                // Sample customers and invoices so the page shows every column.
                let customer = try record.optionalText("customer_id") ?? "C-\(1000 + index % 12)"
                let invoice = try record.optionalText("invoice") ?? "INV-\(24_000 + index * 7)"
                let received = Date().addingTimeInterval(-Double(index % 9) * 86_400)
                batch.append(
                    IncomingDispute(dispute: dispute, customerID: customer, invoices: [invoice], receivedAt: received))
                index += 1
            }
            _ = try await desk.submit(batch)
            logger.info("loaded seed disputes", metadata: ["count": "\(batch.count)", "file": "\(seed)"])
        }
    }
}
