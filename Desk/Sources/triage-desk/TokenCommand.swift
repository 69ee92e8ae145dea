import ArgumentParser
import DeskCore
import Foundation
import Logging

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a token and prints it on the last line (it is stored only as a hash).")

        @Option(help: "scorer, collector or admin.")
        var role: String

        @Option(help: "A note saying who or what uses the token.")
        var label: String = ""

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            // Errors reach the user as thrown errors; the pool's start-up notices are noise here.
            var logger = Logger(label: "triage-desk")
            logger.logLevel = .error
            let (store, postgres) = try await storeOptions.open(logger: logger)
            let token = try await withPostgres(postgres) {
                try await store.migrate()
                return try await TokenIssuer.issue(role: role, label: label, store: store)
            }
            await store.close()
            print("created a \(role.rawValue) token; it is shown once:")
            print(token)
        }
    }
}

enum TokenIssuer {
    static func issue(role: Role, label: String, store: any DeskStore) async throws -> String {
        let token = APIToken.generate()
        try await store.insertToken(record(role: role, label: label, token: token))
        return token
    }

    /// The first admin token of an empty store, or nil when the store already has a token.
    static func issueFirst(store: any DeskStore) async throws -> String? {
        let token = APIToken.generate()
        return try await store.insertFirstToken(record(role: .admin, label: "first start", token: token)) ? token : nil
    }

    static func record(role: Role, label: String, token: String) -> TokenRecord {
        TokenRecord(
            id: APIToken.randomID(bytes: 6), role: role, hash: APIToken.hash(token), label: label,
            createdAt: Date().timeIntervalSince1970)
    }
}
