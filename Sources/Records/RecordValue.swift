/// One field value of an input record. CSV gives only strings; JSONL keeps JSON's types.
///
/// ```swift
/// let value: RecordValue = .number(12.5)
/// value.stringValue   // "12.5"
/// ```
public enum RecordValue: Sendable, Equatable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// A nested array or object (kept only to report it as the wrong type).
    case nested

    /// Decodes any JSON value; arrays and objects become ``nested`` once every value inside them has
    /// decoded. Only a type mismatch moves on to the next type, so a corrupt value — a malformed number
    /// or escape, a lone surrogate, a number out of `Double`'s range — is an error, not a silent
    /// ``nested``. (`JSONObjectParserTests` and the `jsonl-reader` fuzz harness use this conformance
    /// with `JSONDecoder` as the reference for ``RecordReader``'s own parser.)
    public init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(RecordValue.self) }
            self = .nested
            return
        }
        if let object = try? decoder.container(keyedBy: FieldName.self) {
            for name in object.allKeys { _ = try object.decode(RecordValue.self, forKey: name) }
            self = .nested
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
            return
        }
        do {
            self = .bool(try container.decode(Bool.self))
            return
        } catch DecodingError.typeMismatch {}
        do {
            self = .number(try container.decode(Double.self))
            return
        } catch DecodingError.typeMismatch {}
        self = .string(try container.decode(String.self))
    }

    /// Any field name of a nested object.
    private struct FieldName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The value as text (numbers and booleans are formatted; `nil` for null and nested values).
    public var stringValue: String? {
        switch self {
        case let .string(text): return text
        case let .number(number): return Record.format(number)
        case let .bool(flag): return flag ? "true" : "false"
        case .null, .nested: return nil
        }
    }
}
