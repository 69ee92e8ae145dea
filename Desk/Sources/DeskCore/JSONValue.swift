import Foundation

/// A parsed JSON document that keeps booleans, numbers and strings apart, so request validation can
/// say exactly which field has the wrong type (Foundation's `JSONSerialization` blurs `true` and `1`).
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let v): try container.encode(v)
        case .number(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        }
    }

    /// Parses `bytes`, mapping any syntax error to a 400 ``DeskError``.
    public static func parse(_ bytes: some Collection<UInt8>) throws(DeskError) -> JSONValue {
        guard !bytes.isEmpty else {
            throw DeskError.malformed("the request body is empty; a JSON document is required")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw DeskError.malformed(
                "the body is not valid JSON or nests too deeply (numbers must be finite; NaN and Infinity are not JSON)"
            )
        }
    }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Typed access to the fields of a JSON object, with errors that name the field by its path.
public struct JSONFields: Sendable {
    public let path: String
    public let values: [String: JSONValue]

    /// The object at `path`; anything else is a 400.
    public init(_ value: JSONValue, path: String, allowed: Set<String>) throws(DeskError) {
        guard case .object(let object) = value else {
            throw DeskError.invalid(path.isEmpty ? "$" : path, "expected a JSON object, got \(value.typeName)")
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw DeskError.invalid(
                Self.join(path, key), "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        self.path = path
        self.values = object
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func fieldPath(_ key: String) -> String { Self.join(path, key) }

    public func string(_ key: String, maxLength: Int = 200) throws(DeskError) -> String? {
        switch values[key] {
        case nil, .null?: return nil
        case .string(let s)?:
            guard s.utf8.count <= maxLength else {
                throw DeskError.invalid(fieldPath(key), "longer than \(maxLength) bytes")
            }
            try StorableText.validate(s, field: fieldPath(key))
            return s
        case let other?: throw DeskError.invalid(fieldPath(key), "expected a string, got \(other.typeName)")
        }
    }

    public func requiredString(_ key: String, maxLength: Int = 200) throws(DeskError) -> String {
        guard let s = try string(key, maxLength: maxLength) else {
            throw DeskError.invalid(fieldPath(key), "missing (required)")
        }
        return s
    }

    public func number(_ key: String, in range: ClosedRange<Double>? = nil, rule: String = "") throws(DeskError)
        -> Double?
    {
        switch values[key] {
        case nil, .null?: return nil
        case .number(let v)?:
            guard v.isFinite else { throw DeskError.invalid(fieldPath(key), "not a finite number") }
            if let range, !range.contains(v) {
                throw DeskError.invalid(fieldPath(key), "\(v) is out of range: \(rule)")
            }
            return v
        case let other?: throw DeskError.invalid(fieldPath(key), "expected a number, got \(other.typeName)")
        }
    }

    public func bool(_ key: String) throws(DeskError) -> Bool? {
        switch values[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw DeskError.invalid(fieldPath(key), "expected true or false, got \(other.typeName)")
        }
    }

    public func stringArray(_ key: String, maxCount: Int, maxLength: Int = 100) throws(DeskError) -> [String]? {
        switch values[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            guard items.count <= maxCount else {
                throw DeskError.invalid(fieldPath(key), "more than \(maxCount) items")
            }
            var result: [String] = []
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else {
                    throw DeskError.invalid("\(fieldPath(key))[\(i)]", "expected a string, got \(item.typeName)")
                }
                guard !s.isEmpty, s.utf8.count <= maxLength else {
                    throw DeskError.invalid("\(fieldPath(key))[\(i)]", "must be 1 to \(maxLength) bytes")
                }
                try StorableText.validate(s, field: "\(fieldPath(key))[\(i)]")
                result.append(s)
            }
            return result
        case let other?: throw DeskError.invalid(fieldPath(key), "expected an array of strings, got \(other.typeName)")
        }
    }

    /// A label of a `String`-backed enum; unknown labels list the allowed ones.
    public func label<Label: RawRepresentable & CaseIterable>(_ key: String, as type: Label.Type) throws(DeskError)
        -> Label?
    where Label.RawValue == String {
        guard let raw = try string(key) else { return nil }
        return try DeskError.label(raw, field: fieldPath(key), as: type)
    }
}

extension DeskError {
    /// `raw` as a label of a `String`-backed enum, or a 400 for `field` that lists the allowed labels
    /// (JSON bodies, query parameters and form fields alike).
    public static func label<Label: RawRepresentable & CaseIterable>(_ raw: String, field: String, as: Label.Type)
        throws(DeskError) -> Label
    where Label.RawValue == String {
        guard let label = Label(rawValue: raw) else {
            throw DeskError.invalid(
                field, "unknown label '\(raw)' (allowed: \(Label.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return label
    }
}
