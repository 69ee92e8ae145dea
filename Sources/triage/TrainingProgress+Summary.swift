import Foundation
@_spi(Components) import Learners

extension TrainingProgress {
    /// "loss 0.3120  select C=10 balanced" for a progress display.
    var summary: String {
        loss.map { String(format: "loss %.4f  %@", $0, stage) } ?? stage
    }
}

extension SelectionReport {
    /// The candidates' validation scores and the choice, one line each, for `triage train`.
    func summary(label: String) -> String {
        // With folds, the scores are of the pooled out-of-fold predictions of every held-out record.
        let scope =
            folds == nil
            ? (validation: "validation", heldOut: "held-out") : (validation: "out-of-fold", heldOut: "out-of-fold")
        var lines = [
            folds.map {
                "[\(label)] settings chosen on out-of-fold predictions of \(validationCount) records (\($0) folds, each fitted on about \(trainingCount)):"
            } ?? "[\(label)] settings chosen on \(validationCount) held-out records (fitted on \(trainingCount)):"
        ]
        // A choice below the best score is the selection margin at work: say so.
        let best = candidates.map(\.macroF1).max() ?? 0
        let mark =
            chosen.macroF1 < best ? "  ← chosen (smaller C within the selection margin of the best)" : "  ← chosen"
        for (i, c) in candidates.enumerated() {
            lines.append(
                String(
                    format: "[%@]   %@: %@ macro-F1 %.4f, accuracy %.4f, log-loss %.4f (%d iterations)%@",
                    label, c.settings, scope.validation, c.macroF1, c.accuracy, c.logLoss, c.iterations,
                    i == chosenIndex ? mark : ""))
        }
        if let adjustment = logitAdjustment {
            if adjustment.candidates != [0] {
                let tried = zip(adjustment.candidates, adjustment.macroF1).map {
                    String(format: "τ=%g %.4f", $0, $1)
                }
                lines.append(
                    String(
                        format: "[%@]   logit adjustment τ=%g chosen (%@ macro-F1: %@)", label,
                        adjustment.chosen, scope.heldOut, tried.joined(separator: ", ")))
            }
            if let share = adjustment.classOffsetShrinkage, let searched = adjustment.searchedMacroF1 {
                lines.append(
                    String(
                        format: "[%@]   per-class offsets: %@ macro-F1 %.4f → %.4f found, %g of them kept",
                        label, scope.heldOut, adjustment.macroF1[adjustment.chosenIndex], searched, share))
            }
        }
        lines.append(
            String(format: "[%@]   temperature %.4f fitted on the %@ scores", label, temperature, scope.heldOut))
        return lines.joined(separator: "\n")
    }
}
