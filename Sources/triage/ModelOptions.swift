import ArgumentParser
import DisputeTriage
import Foundation

/// `--model DIR`, shared by the commands that score with a triage model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Model directory (default: the model shipped with the library).")
    var model: String?

    /// The model at `--model`, or the shipped one. Loading also applies the library's BLAS thread
    /// default (one thread unless OPENBLAS_NUM_THREADS is set).
    func load() throws -> TriageModel {
        try model.map { try TriageModel.load(from: URL(fileURLWithPath: $0)) } ?? TriageModel.loadDefault()
    }
}
