import DisputeTriage
import ModelFormat

/// Turns triage results into output lines: JSONL (one object per dispute) or CSV. Lines are
/// appended as UTF-8 to a caller's byte buffer, so scoring reuses one buffer for all its output.
enum ResultFormatter {
    enum Format: String, CaseIterable { case jsonl, csv }

    static let csvHeader = "id,priority,subject,subject_probability,severity,severity_probability,explanation"

    /// The name tables a line's words are written from: the model's (`TriageModel.wordNames`) for
    /// results scored with words that carry no names (`ScoringWorkspace.wordsCarryNames` off), or
    /// the words' own.
    typealias WordNames = (subject: FeatureNameTable?, severity: FeatureNameTable?)

    /// Appends the line for `result` (without its newline), its words named by their own tables.
    static func append(_ result: TriageResult, format: Format, to out: inout [UInt8]) {
        append(result, format: format, wordNames: ownWordNames(result), to: &out)
    }

    /// Appends the line for `result` (without its newline), its words named from `wordNames`.
    static func append(_ result: TriageResult, format: Format, wordNames: WordNames, to out: inout [UInt8]) {
        switch format {
        case .jsonl: appendJSON(result, wordNames: wordNames, to: &out)
        case .csv: appendCSV(result, wordNames: wordNames, to: &out)
        }
    }

    /// The JSON object for `result`, as one line of text.
    static func json(_ result: TriageResult) -> String {
        var out: [UInt8] = []
        appendJSON(result, wordNames: ownWordNames(result), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func ownWordNames(_ result: TriageResult) -> WordNames {
        (result.classification.subjectWords.names, result.classification.severityWords.names)
    }

    /// `"name":` of `factor` (a literal: no table to load per line).
    static func factorKey(_ factor: PriorityFactor) -> StaticString {
        switch factor {
        case .subject: #""subject":"#
        case .severity: #""severity":"#
        case .customerValue: #""customer_value":"#
        case .openBalance: #""open_balance":"#
        case .credit: #""credit":"#
        case .amount: #""amount":"#
        case .age: #""age":"#
        case .paymentRisk: #""payment_risk":"#
        }
    }

    static func appendJSON(_ result: TriageResult, wordNames: WordNames, to out: inout [UInt8]) {
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
        appendExplanation(e, of: result, wordNames: wordNames, to: &out)
    }

    /// The severity's probability and the explanation object `e` of `result`, closing the line's object.
    private static func appendExplanation(
        _ e: PriorityExplanation, of result: TriageResult, wordNames: WordNames, to out: inout [UInt8]
    ) {
        // The closure reads plain values and the name tables given, not the word lists: capturing a
        // list copied it, retaining its table, on every line.
        let severityProbability = result.classification.severity.probability
        let subjectWords = (result.classification.subjectWords.features, result.classification.subjectWords.endIndex)
        let severityWords = (
            result.classification.severityWords.features, result.classification.severityWords.endIndex
        )
        // Keys and punctuation (under 250 bytes), the factor keys (under 20 bytes each), 2 + 8
        // numbers, and the words with commas.
        let capacity =
            256 + 20 * 8 + 10 * ByteWriter.maximumNumberBytes
            + (wordNames.subject?.longestJSONByteCount ?? 0) * subjectWords.1
            + (wordNames.severity?.longestJSONByteCount ?? 0) * severityWords.1 + 2 * ExplanationWords.capacity
        // The tables go into the closure unretained: captured as references, they were retained and
        // released on every line (`wordNames`, the caller's, keeps them alive for the call).
        let tables = (
            subject: wordNames.subject.map(Unmanaged.passUnretained),
            severity: wordNames.severity.map(Unmanaged.passUnretained)
        )
        ByteWriter.append(to: &out, capacity: capacity) { line in
            line.write(#","probability":"#)
            line.writeNumber(severityProbability, digits: 4)
            line.write(#"},"explanation":{"baseline":"#)
            line.writeNumber(e.baseline)
            line.write(#","factors":{"#)
            var position = 0
            while let factor = PriorityFactor(position: position) {
                defer { position += 1 }
                guard factor != .paymentRisk || e.hasPaymentRisk else { continue }
                if position > 0 { line.write(UInt8(ascii: ",")) }
                line.write(factorKey(factor))
                line.writeNumber(e[factor])
            }
            line.write(#"},"subject_words":["#)
            writeWords(subjectWords, of: tables.subject, to: &line)
            line.write(#"],"severity_words":["#)
            writeWords(severityWords, of: tables.severity, to: &line)
            line.write("]}}")
        }
    }

    /// The words (feature numbers, count) as JSON strings from `names`, separated by commas (the
    /// brackets are the caller's).
    private static func writeWords(
        _ words: (features: SIMD8<Int32>, count: Int), of names: Unmanaged<FeatureNameTable>?,
        to line: inout ByteWriter
    ) {
        guard let names, words.count > 0 else { return }
        names._withUnsafeGuaranteedRef { names in
            line.write(upTo: (names.longestJSONByteCount + 1) * words.count) { target in
                names.writeJSONList(of: words.features, count: words.count, to: target)
            }
        }
    }

    static func appendCSV(_ result: TriageResult, wordNames: WordNames, to out: inout [UInt8]) {
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
        appendJoined(result.classification.subjectWords, of: wordNames.subject, to: &out)
        out.append(contentsOf: "; severity words: ".utf8)
        appendJoined(result.classification.severityWords, of: wordNames.severity, to: &out)
        quoteCSVField(in: &out, from: start)
    }

    private static func appendJoined(_ words: ExplanationWords, of names: FeatureNameTable?, to out: inout [UInt8]) {
        guard let names else { return }
        for position in 0..<words.endIndex {
            if position > 0 { out.append(contentsOf: ", ".utf8) }
            names.withUTF8(of: Int(words.features[position])) { out.append(contentsOf: $0) }
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
