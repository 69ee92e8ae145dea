import Records

/// Building disputes and feedback from input records, with errors that name the file, line and
/// field. Field names and rules come from ``DisputeField``; the numbers are validated once, by
/// ``DisputeFacts``, and a violation is reported as a `RecordError` at the record.
///
/// ```swift
/// let reader = try RecordReader(path: "disputes.jsonl")
/// while let record = try reader.next() { let dispute = try Dispute(record: record) }
/// ```
extension Dispute {
    /// Reads the ``DisputeField/dispute`` fields: `id` (default `line-N`), `text` and the customer
    /// numbers.
    /// - Throws: `RecordError`.
    public init(record: Record) throws {
        let text = try record.requiredText(DisputeField.text.name)
        let numbers = try DisputeField.numbers.map { try record.optionalNumber($0.name) }
        let facts: DisputeFacts
        do {
            facts = try DisputeFacts(
                amount: numbers[0], customerValue: numbers[1], openBalance: numbers[2], creditScore: numbers[3],
                daysPastDue: numbers[4])
        } catch let DisputeError.invalidValue(field, value, reason) {
            throw record.error(field, "\(Record.format(value)) is invalid: \(reason)")
        }
        let id = try record.optionalText(DisputeField.id.name) ?? "line-\(record.line)"
        do {
            try self.init(id: id, text: text, facts: facts)
        } catch let error as DisputeError {
            throw record.error(DisputeField.text.name, error.description)
        }
    }
}

extension Feedback {
    /// Reads a dispute plus `urgent` (required boolean) and optional `subject` / `severity` labels.
    /// - Throws: `RecordError` (an unknown label lists the allowed ones).
    public init(record: Record) throws {
        let dispute = try Dispute(record: record)
        guard let urgent = try record.optionalBool(DisputeField.urgent.name) else {
            throw record.error(DisputeField.urgent.name, "missing (true or false required)")
        }
        self.init(
            dispute: dispute, urgent: urgent, subject: try record.label(Subject.self, .subject),
            severity: try record.label(Severity.self, .severity))
    }
}

extension Record {
    /// The label in `field`, or `nil` when absent.
    /// - Throws: `RecordError` for a label that is not one of `Label`'s, listing the allowed ones.
    package func label<Label: RawRepresentable & CaseIterable>(_: Label.Type, _ field: DisputeField) throws -> Label?
    where Label.RawValue == String {
        guard let text = try optionalText(field.name) else { return nil }
        guard let label = Label(rawValue: text) else {
            let allowed = Label.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(field.name, "unknown label '\(text)' (allowed: \(allowed))")
        }
        return label
    }
}
