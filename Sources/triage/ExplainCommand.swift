import ArgumentParser
import DisputeTriage
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Score one dispute and explain its priority factor by factor.",
        discussion:
            "Example: triage explain --text \"We were billed twice for PO 4471\" --amount 1200 --credit-score 35")

    @OptionGroup var model: ModelOptions

    @Option(help: "The dispute text.")
    var text: String

    @Option(help: "Disputed amount (>= 0).") var amount: Double?
    @Option(help: "Yearly revenue from the customer (>= 0).") var customerValue: Double?
    @Option(help: "Open balance (negative = credit on account).") var openBalance: Double?
    @Option(help: "Credit score 0–100.") var creditScore: Double?
    @Option(help: "Days past due (>= 0).") var daysPastDue: Double?

    @Flag(help: "Print the JSON record instead of text.")
    var json = false

    func run() throws {
        let triage = try model.load()
        let facts = try DisputeFacts(
            amount: amount, customerValue: customerValue, openBalance: openBalance, creditScore: creditScore,
            daysPastDue: daysPastDue)
        let result = try triage.score([Dispute(id: "explain", text: text, facts: facts)])[0]
        if json {
            Standard.output(ResultFormatter.json(result))
            return
        }
        let c = result.classification
        var lines = [
            String(format: "priority %.1f / 100", result.priority),
            String(
                format: "subject  %@ (%.0f%%) — words: %@", c.subject.label.rawValue, c.subject.probability * 100,
                c.subjectWords.joined(separator: ", ")),
            String(
                format: "severity %@ (%.0f%%) — words: %@", c.severity.label.rawValue, c.severity.probability * 100,
                c.severityWords.joined(separator: ", ")),
        ]
        if let e = result.explanation {
            lines.append(String(format: "reference dispute: %.1f points", e.baseline))
            for factor in e.factors.sorted(by: { abs(e[$0]) > abs(e[$1]) }) {
                lines.append(
                    String(
                        format: "  %@ %+.1f", factor.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0),
                        e[factor]))
            }
        }
        Standard.output(lines.joined(separator: "\n"))
    }
}
