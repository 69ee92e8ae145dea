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

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .nested }
    }

    /// The value as text (numbers and booleans are formatted; `nil` for null and nested values).
    public var stringValue: String? {
        switch self {
        case let .string(text): return text
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case let .bool(flag): return flag ? "true" : "false"
        case .null, .nested: return nil
        }
    }
}
