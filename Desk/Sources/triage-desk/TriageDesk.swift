import ArgumentParser

@main
struct TriageDesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage-desk",
        abstract: "The dispute desk: a scoring and feedback service with the collectors' worklist.",
        discussion: """
            Start it with `triage-desk serve --data-dir DIR` (SQLite in DIR) or add `--database postgres://…`
            to share one PostgreSQL database between replicas. On the first start with an empty store it
            writes an admin token to DIR/admin.token (mode 0600).
            """,
        subcommands: [ServeCommand.self, TokenCommand.self],
        defaultSubcommand: ServeCommand.self)
}
