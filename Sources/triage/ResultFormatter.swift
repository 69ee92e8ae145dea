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

    /// `"name":` of each factor, in `PriorityFactor.allCases` order, in one buffer: factor `i`'s key
    /// is `factorKeys.bytes[factorKeys.ends[i - 1] ..< factorKeys.ends[i]]` (from 0 for the first).
    private static let factorKeys: (factors: [PriorityFactor], bytes: [UInt8], ends: [Int]) = {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for factor in PriorityFactor.allCases {
            JSONString.append(factor.rawValue, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            ends.append(bytes.count)
        }
        return (PriorityFactor.allCases, bytes, ends)
    }()

    static func appendJSON(_ result: TriageResult, to out: inout [UInt8]) {
        // The closures below read plain values, not `result`: a closure that reads `result` made
        // a copy of it (retaining its id and both word lists) each time.
        let number = ByteWriter.maximumNumberBytes
        let priority = result.priority
        let subject = result.classification.subject
        let severity = result.classification.severity
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONString.append(result.id, to: &out)
        ByteWriter.append(to: &out, capacity: 32 + number) { line in
            line.write(#","priority":"#)
            line.writeNumber(priority)
            line.write(#","subject":{"label":"#)
        }
        JSONString.append(subject.label.rawValue, to: &out)
        ByteWriter.append(to: &out, capacity: 48 + number) { line in
            line.write(#","probability":"#)
            line.writeNumber(subject.probability, digits: 4)
            line.write(#"},"severity":{"label":"#)
        }
        JSONString.append(severity.label.rawValue, to: &out)
        guard let e = result.explanation else {
            ByteWriter.append(to: &out, capacity: 24 + number) { line in
                line.write(#","probability":"#)
                line.writeNumber(severity.probability, digits: 4)
                line.write("}}")
            }
            return
        }
        appendExplanation(
            e, severityProbability: severity.probability, subjectWords: result.classification.subjectWords,
            severityWords: result.classification.severityWords, to: &out)
    }

    /// The severity's probability and the explanation object, closing the line's object.
    private static func appendExplanation(
        _ e: PriorityExplanation, severityProbability: Float, subjectWords: borrowing ExplanationWords,
        severityWords: borrowing ExplanationWords, to out: inout [UInt8]
    ) {
        let number = ByteWriter.maximumNumberBytes
        // Keys and punctuation (under 250 bytes), the factor keys, 2 + 8 numbers, and the words with commas.
        let capacity =
            256 + factorKeys.bytes.count + 10 * number + subjectWords.jsonByteBound + severityWords.jsonByteBound
            + 2 * ExplanationWords.capacity
        ByteWriter.append(to: &out, capacity: capacity) { line in
            line.write(#","probability":"#)
            line.writeNumber(severityProbability, digits: 4)
            line.write(#"},"explanation":{"baseline":"#)
            line.writeNumber(e.baseline)
            line.write(#","factors":{"#)
            factorKeys.bytes.withUnsafeBufferPointer { keys in
                var start = 0
                for (index, factor) in factorKeys.factors.enumerated() {
                    let end = factorKeys.ends[index]
                    defer { start = end }
                    guard factor != .paymentRisk || e.hasPaymentRisk else { continue }
                    if index > 0 { line.write(UInt8(ascii: ",")) }
                    line.write(UnsafeBufferPointer(rebasing: keys[start..<end]))
                    line.writeNumber(e[factor])
                }
            }
            line.write(#"},"subject_words":["#)
            writeWords(subjectWords, to: &line)
            line.write(#"],"severity_words":["#)
            writeWords(severityWords, to: &line)
            line.write("]}}")
        }
    }

    /// The words as JSON strings separated by commas (the brackets are the caller's).
    private static func writeWords(_ words: ExplanationWords, to line: inout ByteWriter) {
        var first = true
        words.forEachJSON { word in
            if !first { line.write(UInt8(ascii: ",")) }
            first = false
            line.write(word)
        }
    }

    static func appendCSV(_ result: TriageResult, to out: inout [UInt8]) {
        appendCSVField(result.id, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(result.priority, to: &out)
        out.append(UInt8(ascii: ","))
        appendCSVField(result.classification.subject.label.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(result.classification.subject.probability, digits: 4, to: &out)
        out.append(UInt8(ascii: ","))
        appendCSVField(result.classification.severity.label.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendNumber(result.classification.severity.probability, digits: 4, to: &out)
        out.append(UInt8(ascii: ","))
        guard let e = result.explanation else { return }
        // "baseline 35; severity +32.48; credit -5; …; subject words: a, b; severity words: c, d",
        // factors by decreasing size, written in place and then quoted as one field.
        let start = out.count
        out.append(contentsOf: "baseline ".utf8)
        JSONText.appendNumber(e.baseline, to: &out)
        let factors = e.factors
            .map { ($0.rawValue, e[$0]) }
            .sorted { abs($0.1) > abs($1.1) }
        for (name, contribution) in factors {
            out.append(contentsOf: "; ".utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: contribution >= 0 ? " +".utf8 : " ".utf8)
            JSONText.appendNumber(contribution, to: &out)
        }
        out.append(contentsOf: "; subject words: ".utf8)
        appendJoined(result.classification.subjectWords, to: &out)
        out.append(contentsOf: "; severity words: ".utf8)
        appendJoined(result.classification.severityWords, to: &out)
        quoteCSVField(in: &out, from: start)
    }

    private static func appendJoined(_ words: ExplanationWords, to out: inout [UInt8]) {
        var first = true
        words.forEachUTF8 { word in
            if !first { out.append(contentsOf: ", ".utf8) }
            first = false
            out.append(contentsOf: word)
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
