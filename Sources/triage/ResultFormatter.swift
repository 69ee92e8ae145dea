import DisputeTriage
import ModelFormat

/// Turns triage results into output lines: JSONL (one object per dispute) or CSV. Lines are
/// appended as UTF-8 to a caller's byte buffer, so scoring reuses one buffer for all its output.
enum ResultFormatter {
    enum Format: String, CaseIterable { case jsonl, csv }

    static let csvHeader = "id,priority,subject,subject_probability,severity,severity_probability,explanation"

    /// Appends the line for `result` (without its newline).
    static func append(_ result: TriageResult, format: Format, to out: inout [UInt8]) {
        switch format {
        case .jsonl: appendJSON(result, to: &out)
        case .csv: appendCSV(result, to: &out)
        }
    }

    /// The JSON object for `result`, as one line of text.
    static func json(_ result: TriageResult) -> String {
        var out: [UInt8] = []
        appendJSON(result, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `"name":` of each factor, in `PriorityFactor.allCases` order.
    private static let factorKeys: [(factor: PriorityFactor, key: [UInt8])] = PriorityFactor.allCases.map { factor in
        var key: [UInt8] = []
        JSONString.append(factor.rawValue, to: &key)
        key.append(UInt8(ascii: ":"))
        return (factor, key)
    }

    static func appendJSON(_ result: TriageResult, to out: inout [UInt8]) {
        let c = result.classification
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONString.append(result.id, to: &out)
        out.append(contentsOf: #","priority":"#.utf8)
        JSONText.appendNumber(result.priority, to: &out)
        out.append(contentsOf: #","subject":{"label":"#.utf8)
        JSONString.append(c.subject.label.rawValue, to: &out)
        out.append(contentsOf: #","probability":"#.utf8)
        JSONText.appendNumber(c.subject.probability, digits: 4, to: &out)
        out.append(contentsOf: #"},"severity":{"label":"#.utf8)
        JSONString.append(c.severity.label.rawValue, to: &out)
        out.append(contentsOf: #","probability":"#.utf8)
        JSONText.appendNumber(c.severity.probability, digits: 4, to: &out)
        out.append(UInt8(ascii: "}"))
        if let e = result.explanation {
            out.append(contentsOf: #","explanation":{"baseline":"#.utf8)
            JSONText.appendNumber(e.baseline, to: &out)
            out.append(contentsOf: #","factors":{"#.utf8)
            for (index, entry) in factorKeys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: entry.key)
                JSONText.appendNumber(e[entry.factor], to: &out)
            }
            out.append(contentsOf: #"},"subject_words":"#.utf8)
            JSONText.appendArray(c.subjectWords, to: &out)
            out.append(contentsOf: #","severity_words":"#.utf8)
            JSONText.appendArray(c.severityWords, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    static func appendCSV(_ result: TriageResult, to out: inout [UInt8]) {
        let c = result.classification
        appendCSVField(result.id, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(result.priority, to: &out)
        out.append(UInt8(ascii: ","))
        appendCSVField(c.subject.label.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(c.subject.probability, digits: 4, to: &out)
        out.append(UInt8(ascii: ","))
        appendCSVField(c.severity.label.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(c.severity.probability, digits: 4, to: &out)
        out.append(UInt8(ascii: ","))
        guard let e = result.explanation else { return }
        // "baseline 35; severity +32.48; credit -5; …; subject words: a, b; severity words: c, d",
        // factors by decreasing size, written in place and then quoted as one field.
        let start = out.count
        out.append(contentsOf: "baseline ".utf8)
        JSONText.appendNumber(e.baseline, to: &out)
        let factors = PriorityFactor.allCases
            .map { ($0.rawValue, e[$0]) }
            .sorted { abs($0.1) > abs($1.1) }
        for (name, contribution) in factors {
            out.append(contentsOf: "; ".utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: contribution >= 0 ? " +".utf8 : " ".utf8)
            JSONText.appendNumber(contribution, to: &out)
        }
        out.append(contentsOf: "; subject words: ".utf8)
        appendJoined(c.subjectWords, to: &out)
        out.append(contentsOf: "; severity words: ".utf8)
        appendJoined(c.severityWords, to: &out)
        quoteCSVField(in: &out, from: start)
    }

    private static func appendJoined(_ words: [String], to out: inout [UInt8]) {
        for (index, word) in words.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            out.append(contentsOf: word.utf8)
        }
    }

    static func appendCSVField(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: text.utf8)
        quoteCSVField(in: &out, from: start)
    }

    /// Quotes the field `out[start...]` (RFC 4180) when it holds a comma, a double quote, a line
    /// feed or a carriage return, doubling its double quotes. Checked byte by byte, so a comma,
    /// quote or CR LF is seen even inside a larger grapheme cluster (e.g. followed by a combining mark).
    private static func quoteCSVField(in out: inout [UInt8], from start: Int) {
        var needsQuotes = false
        var hasQuote = false
        for byte in out[start...] {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
            case UInt8(ascii: "\""): hasQuote = true
            default: continue
            }
        }
        guard needsQuotes || hasQuote else { return }
        if hasQuote {
            let field = Array(out[start...])
            out.removeSubrange(start...)
            out.append(UInt8(ascii: "\""))
            for byte in field {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
        } else {
            out.insert(UInt8(ascii: "\""), at: start)
        }
        out.append(UInt8(ascii: "\""))
    }
}
