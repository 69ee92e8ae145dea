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

    /// Runs the command once OpenBLAS is on one thread (unless OPENBLAS_NUM_THREADS is set) and its
    /// idle worker threads are stopped, so that no `triage` process burns a core spinning in them.
    static func main() {
        BLASThreads.useLibraryDefaultAtProcessStart()
        main(nil)
    }
}
