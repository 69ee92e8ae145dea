import ArgumentParser
import LinearAlgebra

/// The `triage` command-line tool: train, evaluate, score and update dispute-triage models.
@main
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Classify invoice disputes by subject and severity and rank them by priority.",
        subcommands: [ScoreCommand.self, LearnCommand.self, ExplainCommand.self, TrainCommand.self, EvaluateCommand.self, CrossValidateCommand.self, SimulateCommand.self, ThroughputCommand.self, MailCommand.self])

    static func prepareRuntime() {
        BLASThreads.useLibraryDefault()
    }
}
