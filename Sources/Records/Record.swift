import Foundation

/// One input record (a CSV row or a JSONL object) and where it came from.
///
/// The typed accessors throw a ``RecordError`` naming the file, line and field when a value is
/// missing, empty, of the wrong type or not a finite number.
///
/// ```swift
/// let text = try record.requiredText("text")
/// let score = try record.optionalNumber("credit_score", in: 0...100)
/// ```
public struct Record: Sendable, Equatable {
    /// The file name used in errors.
    public let file: String
    /// 1-based line where the record starts.
    public let line: Int
    /// The fields in input order, their names unique. A record has a handful, so a field is found
    /// by comparing names, which costs less than hashing the name as a dictionary would on every
    /// look-up (and a record is one array, not a hash table).
    package let orderedFields: [Field]

    /// One named value of a record.
    package struct Field: Sendable, Equatable {
        package var name: String
        package var value: RecordValue
    }

    /// The fields by name.
    public var fields: [String: RecordValue] {
        Dictionary(orderedFields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// A record from parsed fields.
    public init(file: String, line: Int, fields: [String: RecordValue]) {
        self.init(file: file, line: line, orderedFields: fields.map { Field(name: $0.key, value: $0.value) })
    }

    /// A record from fields with unique names, in input order.
    package init(file: String, line: Int, orderedFields: [Field]) {
        self.file = file
        self.line = line
        self.orderedFields = orderedFields
    }

    /// The raw value of `name`.
    public subscript(name: String) -> RecordValue? {
        for field in orderedFields where field.name == name { return field.value }
        return nil
    }

    /// Equal when they come from the same place and hold the same fields, in any order.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.file == rhs.file && lhs.line == rhs.line && lhs.orderedFields.count == rhs.orderedFields.count
            && lhs.orderedFields.allSatisfy { rhs[$0.name] == $0.value }
    }

    /// An error located at this record.
    public func error(_ field: String?, _ reason: String) -> RecordError {
        RecordError(file: file, line: line, field: field, reason: reason)
    }

    /// A non-empty text field.

    /// - Throws: ``RecordError`` when missing, not a string, or blank.
    public func requiredText(_ name: String) throws -> String {
        guard let value = self[name] else {
            throw error(name, "missing (fields present: \(orderedFields.map(\.name).sorted().joined(separator: ", ")))")
        }
        guard case let .string(text) = value else { throw error(name, "expected text, got \(value.typeName)") }
        guard text.containsNonWhitespace else { throw error(name, "is empty") }
        return text
    }

    /// A text field that may be absent or null (empty text counts as absent).
    public func optionalText(_ name: String) throws -> String? {
        guard let value = self[name] else { return nil }
        switch value {
        case .null: return nil
        case let .string(text): return text.isEmpty ? nil : text
        case .number, .bool: return value.stringValue
        case .nested: throw error(name, "expected text, got \(value.typeName)")
        }
    }

    /// A number that may be absent, null or empty (→ `nil`); when present it must be finite and in `range`.
    /// Text such as `"1234.5"` is accepted (CSV); `"abc"`, `"NaN"` and `"inf"` are errors.
    public func optionalNumber(_ name: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let value = self[name] else { return nil }
        let number: Double
        switch value {
        case .null: return nil
        case let .number(n): number = n
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let parsed = Double(trimmed) else { throw error(name, "'\(text)' is not a number") }
            number = parsed
        case .bool, .nested: throw error(name, "expected a number, got \(value.typeName)")
        }
        guard number.isFinite else { throw error(name, "\(number) is not a finite number") }
        if let range, !range.contains(number) {
            throw error(
                name,
                "\(Record.format(number)) is outside \(Record.format(range.lowerBound))…\(Record.format(range.upperBound))"
            )
        }
        return number
    }

    /// A boolean: JSON true/false, or text true/false/yes/no/1/0 (any case); absent → `nil`.
    public func optionalBool(_ name: String) throws -> Bool? {
        guard let value = self[name] else { return nil }
        switch value {
        case .null: return nil
        case let .bool(flag): return flag
        case let .number(n) where n == 0 || n == 1: return n == 1
        case let .string(text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "": return nil
            case "true", "yes", "1", "y": return true
            case "false", "no", "0", "n": return false
            default: throw error(name, "'\(text)' is not a boolean (true/false)")
            }
        default: throw error(name, "expected a boolean, got \(value.typeName)")
        }
    }

    /// `number` as errors show it: whole numbers without a fraction.
    package static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

extension RecordValue {
    var typeName: String {
        switch self {
        case .string: return "text"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .nested: return "an array or object"
        }
    }
}
