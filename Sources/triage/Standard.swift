import Foundation

/// Writing lines to standard error (progress, diagnostics) and standard output (results).
enum Standard {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
