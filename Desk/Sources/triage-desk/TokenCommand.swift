import ArgumentParser
import DeskCore
import Foundation
import Logging

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

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
            let label = self.label
            let token = try await storeOptions.withMigratedStore { store in
                try await TokenIssuer.issue(role: role, label: label, store: store)
            }
            print("created \(role == .admin ? "an" : "a") \(role.rawValue) token; it is shown once:")
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lists every token, oldest first: id, role, created, active or revoked (with when), label.",
            discussion: "Secrets and hashes are never shown. The id is what `token revoke` takes.")

        @Flag(
            help:
                "A JSON array of {id, role, label, created_at, revoked_at} (times in ISO 8601, revoked_at null while valid)."
        )
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let tokens = try await storeOptions.withMigratedStore { store in try await store.tokens() }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(JSONValue.array(tokens.map(\.listJSON))), as: UTF8.self))
            } else {
                for token in tokens { print(token.listLine) }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revokes a token: from the next request on it opens nothing, and its browser sessions end.",
            discussion:
                "The row stays (with the revocation time), so the token's id still names the actor of the feedback it gave. Revoking a revoked token changes nothing and exits 0; an unknown id exits 1."
        )

        @Argument(help: "The token's id, as `token list` shows it.")
        var id: String

        @Flag(
            help: "Revoke even the last admin token that is not revoked (`token create --role admin` makes a new one).")
        var force = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let (id, force) = (self.id, self.force)
            let outcome = try await storeOptions.withMigratedStore { store in
                try await store.revokeToken(id: id, at: Date().timeIntervalSince1970, force: force)
            }
            switch outcome {
            case .revoked(let token):
                print("revoked \(token.role.rawValue) token \(token.id)")
            case .alreadyRevoked(let token):
                print("token \(token.id) was already revoked (\(token.listLine))")
            case .unknown:
                throw TokenCommandError(description: "no token has the id '\(id)' (`token list` shows them)")
            case .lastAdmin:
                throw TokenCommandError(
                    description:
                        "token \(id) is the last admin token that is not revoked; create another one first (`token create --role admin`) or pass --force"
                )
            }
        }
    }
}

/// A refusal of a token command, printed as `Error: <description>` with exit status 1.
struct TokenCommandError: Error, CustomStringConvertible {
    var description: String
}

extension StoreOptions {
    /// Opens and migrates the store, runs `body` with it (and the PostgreSQL pool running), then closes it.
    func withMigratedStore<T: Sendable>(_ body: @Sendable (SQLDeskStore) async throws -> T) async throws -> T {
        // Errors reach the user as thrown errors; the pool's start-up notices are noise here.
        var logger = Logger(label: "triage-desk")
        logger.logLevel = .error
        let (store, postgres) = try await open(logger: logger)
        do {
            let result = try await withPostgres(postgres) {
                try await store.migrate()
                return try await body(store)
            }
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
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
