import DisputeTriage

/// Turns triage results into output lines: JSONL (one object per dispute) or CSV.
enum ResultFormatter {
    enum Format: String, CaseIterable { case jsonl, csv }

    static let csvHeader = "id,priority,subject,subject_probability,severity,severity_probability,explanation"

    static func line(_ result: TriageResult, format: Format) -> String {
        switch format {
        case .jsonl: return json(result)
        case .csv: return csv(result)
        }
    }

    static func json(_ result: TriageResult) -> String {
        let c = result.classification
        var out = "{\"id\":\(JSONText.string(result.id)),\"priority\":\(JSONText.number(result.priority))"
        out += ",\"subject\":{\"label\":\(JSONText.string(c.subject.label)),\"probability\":\(JSONText.number(c.subject.probability, digits: 4))}"
        out += ",\"severity\":{\"label\":\(JSONText.string(c.severity.label)),\"probability\":\(JSONText.number(c.severity.probability, digits: 4))}"
        if let e = result.explanation {
            let factors = PriorityFactor.allCases.map { "\(JSONText.string($0.rawValue)):\(JSONText.number(e.contributions[$0] ?? 0))" }
            out += ",\"explanation\":{\"baseline\":\(JSONText.number(e.baseline)),\"factors\":{\(factors.joined(separator: ","))}"
            out += ",\"subject_words\":\(JSONText.array(c.subjectWords)),\"severity_words\":\(JSONText.array(c.severityWords))}"
        }
        return out + "}"
    }

    static func csv(_ result: TriageResult) -> String {
        let c = result.classification
        var explanation = ""
        if let e = result.explanation {
            let factors = PriorityFactor.allCases
                .map { ($0.rawValue, e.contributions[$0] ?? 0) }
                .sorted { abs($0.1) > abs($1.1) }
                .map { "\($0.0) \($0.1 >= 0 ? "+" : "")\(JSONText.number($0.1))" }
            explanation = "baseline \(JSONText.number(e.baseline)); " + factors.joined(separator: "; ")
                + "; subject words: " + c.subjectWords.joined(separator: ", ")
                + "; severity words: " + c.severityWords.joined(separator: ", ")
        }
        return [result.id, JSONText.number(result.priority), c.subject.label, JSONText.number(c.subject.probability, digits: 4),
                c.severity.label, JSONText.number(c.severity.probability, digits: 4), explanation].map(csvField).joined(separator: ",")
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
