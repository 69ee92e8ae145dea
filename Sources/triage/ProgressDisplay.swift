import Foundation

/// Progress of a long command on standard error: percent, elapsed time, estimated time left and a
/// detail such as the current loss. On a terminal it redraws one line in place (at most 10 times a
/// second); otherwise (a log file, CI) it writes a plain line every few seconds. Quiet: nothing.
///
/// ```swift
/// let display = ProgressDisplay(label: "subject", quiet: false)
/// display.update(0.42, detail: "loss 0.3120  select C=10 balanced")
/// display.finish()
/// ```
final class ProgressDisplay {
    private let label: String
    private let quiet: Bool
    private let isTerminal: Bool
    private let interval: Double
    private let started = ProgressDisplay.now()
    private var lastDrawn = -Double.infinity
    private var lastLine = ""

    /// Seconds between plain lines when standard error is not a terminal.
    static let lineInterval = 5.0

    init(label: String, quiet: Bool) {
        self.label = label
        self.quiet = quiet
        isTerminal = isatty(STDERR_FILENO) != 0
        interval = isTerminal ? 0.1 : Self.lineInterval
    }

    /// Reports `fraction` (0…1) done; drawn only if enough time has passed since the last draw.
    func update(_ fraction: Double, detail: String) {
        guard !quiet else { return }
        let now = Self.now()
        guard now - lastDrawn >= interval else { return }
        lastDrawn = now
        draw(fraction, detail: detail, elapsed: now - started)
    }

    /// Ends the display: a final 100% line (terminal: the bar is completed and the line ended).
    func finish(detail: String = "done") {
        guard !quiet else { return }
        draw(1, detail: detail, elapsed: Self.now() - started)
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw(_ fraction: Double, detail: String, elapsed: Double) {
        let f = min(max(fraction, 0), 1)
        let eta = f > 0.01 && f < 1 ? Self.duration(elapsed * (1 - f) / f) : (f >= 1 ? "0s" : "?")
        let percent = String(format: "%3d%%", Int(f * 100))
        let timing = "\(Self.duration(elapsed)) elapsed, ETA \(eta)"
        if isTerminal {
            let width = 24
            let filled = Int((f * Double(width)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "[\(label)] \(bar) \(percent)  \(timing)  \(detail)"
            // Pad over the previous, possibly longer, line instead of clearing it.
            let padding = String(repeating: " ", count: max(0, lastLine.count - line.count))
            lastLine = line
            FileHandle.standardError.write(Data(("\r" + line + padding).utf8))
        } else {
            FileHandle.standardError.write(Data("[\(label)] \(percent)  \(timing)  \(detail)\n".utf8))
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// "42s", "3m05s", "1h02m".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return seconds < 10 ? String(format: "%.1fs", seconds) : "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
