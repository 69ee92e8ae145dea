import ArgumentParser
import DisputeTriage
@_spi(Components) import LinearAlgebra

/// The `triage` command-line tool: train, evaluate, score and update dispute-triage models.
@main
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Classify invoice disputes by subject and severity and rank them by priority.",
        version: LibraryVersion.current,
        subcommands: [
            ScoreCommand.self, LearnCommand.self, ExplainCommand.self, TrainCommand.self, EvaluateCommand.self,
            CrossValidateCommand.self, SimulateCommand.self, ThroughputCommand.self, MailCommand.self,
            RiskCommand.self, ExtractCommand.self, FeaturesCommand.self,
        ])

    /// Applies the library's BLAS thread default (one thread unless OPENBLAS_NUM_THREADS is set)
    /// in commands that train without loading a `TriageModel` (loading one applies it already).
    static func prepareRuntime() {
        BLASThreads.useLibraryDefault()
    }
}
