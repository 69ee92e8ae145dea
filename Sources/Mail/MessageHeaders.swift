/// One header field as it appears in the message: its name and its raw (folded, undecoded) value.
public struct HeaderField: Sendable, Equatable {
    /// The name as written (`Subject`, `content-type`, …).
    public let name: String
    /// The bytes after the colon up to the end of the field, line breaks of folded lines included.
    public let rawValue: ArraySlice<UInt8>

    /// The value unfolded, with RFC 2047 encoded words decoded and outer white space trimmed.
    public var value: String { HeaderText.decode(rawValue) }
}

/// The header fields of a message or MIME part, in order. Look-ups ignore the case of the name
/// and return the first field of that name, like most mail readers do.
public struct MessageHeaders: Sendable, Equatable {
    public private(set) var fields: [HeaderField] = []
    /// The index in `fields` of the first field of each lower-cased name.
    private var firstIndex: [String: Int] = [:]

    public init() {}

    mutating func append(name: String, rawValue: ArraySlice<UInt8>) {
        let key = Self.key(name)
        if firstIndex[key] == nil { firstIndex[key] = fields.count }
        fields.append(HeaderField(name: name, rawValue: rawValue))
    }

    /// The first field named `name` (any case).
    public func field(_ name: String) -> HeaderField? {
        firstIndex[Self.key(name)].map { fields[$0] }
    }

    /// The name lower-cased; most names already are, or are small strings, so this rarely allocates.
    private static func key(_ name: String) -> String {
        name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? String(decoding: name.utf8.map(ByteSearch.lower), as: UTF8.self) : name
    }

    /// The decoded value of the first field named `name` (any case).
    public subscript(name: String) -> String? { field(name)?.value }

    /// The raw value of the first field named `name`, unfolded but not decoded (for structured
    /// fields such as Content-Type, whose parameters are decoded on their own).
    public func unfolded(_ name: String) -> String? {
        field(name).map { HeaderText.unfold($0.rawValue) }
    }
}
