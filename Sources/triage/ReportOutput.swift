/// `--format` and `--output` of the commands that print an evaluation report.
struct ReportOutput {
    var path: String?

    /// Writes `text` (one or more lines) to `--output`, or to standard output without it; a file
    /// appears only complete.
    func write(_ text: String) throws {
        let out = try OutputFile(path: path)
        do {
            try out.writeLine { $0.append(contentsOf: (text.hasSuffix("\n") ? String(text.dropLast()) : text).utf8) }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }
}
