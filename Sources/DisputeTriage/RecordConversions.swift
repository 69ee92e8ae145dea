import Records

/// Building disputes and feedback from input records, with errors that name the file, line and field.
///
/// ```swift
/// let reader = try RecordReader(path: "disputes.jsonl")
/// while let record = try reader.next() { let dispute = try Dispute(record: record) }
/// ```
extension Dispute {
    /// Reads `id` (default `line-N`), `text`, `amount`, `customer_value`, `open_balance`,
    /// `credit_score` and `days_past_due`. - Throws: ``Records/RecordError``.
    public init(record: Record) throws {
        let text = try record.requiredText("text")
        let facts = try DisputeFacts(
            amount: record.optionalNumber("amount", in: 0...Double.greatestFiniteMagnitude),
            customerValue: record.optionalNumber("customer_value", in: 0...Double.greatestFiniteMagnitude),
            openBalance: record.optionalNumber("open_balance"),
            creditScore: record.optionalNumber("credit_score", in: 0...100),
            daysPastDue: record.optionalNumber("days_past_due", in: 0...Double.greatestFiniteMagnitude))
        let id = try record.optionalText("id") ?? "line-\(record.line)"
        do {
            try self.init(id: id, text: text, facts: facts)
        } catch let error as DisputeError {
            throw record.error("text", error.description)
        }
    }
}

extension Feedback {
    /// Reads a dispute plus `urgent` (required boolean) and optional `subject` / `severity` labels.
    /// - Throws: ``Records/RecordError`` (an unknown label lists the allowed ones).
    public init(record: Record) throws {
        let dispute = try Dispute(record: record)
        guard let urgent = try record.optionalBool("urgent") else { throw record.error("urgent", "missing (true or false required)") }
        var subject: Subject? = nil
        if let label = try record.optionalText("subject") {
            guard let value = Subject(rawValue: label) else {
                throw record.error("subject", "unknown label '\(label)' (allowed: \(Subject.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            subject = value
        }
        var severity: Severity? = nil
        if let label = try record.optionalText("severity") {
            guard let value = Severity(rawValue: label) else {
                throw record.error("severity", "unknown label '\(label)' (allowed: \(Severity.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            severity = value
        }
        self.init(dispute: dispute, urgent: urgent, subject: subject, severity: severity)
    }
}
