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
    /// Lower-cased names, in the order of `fields`, so a look-up compares plain ASCII strings.
    private var keys: [String] = []

    public init() {}

    mutating func append(name: String, rawValue: ArraySlice<UInt8>) {
        fields.append(HeaderField(name: name, rawValue: rawValue))
        keys.append(name.lowercased())
    }

    /// The first field named `name` (any case).
    public func field(_ name: String) -> HeaderField? {
        // Compared byte by byte: lower-casing `name` on every look-up allocated a String.
        let index = keys.firstIndex { key in
            key.utf8.count == name.utf8.count && zip(key.utf8, name.utf8).allSatisfy { $0 == ByteSearch.lower($1) }
        }
        return index.map { fields[$0] }
    }

    /// The decoded value of the first field named `name` (any case).
    public subscript(name: String) -> String? { field(name)?.value }

    /// The raw value of the first field named `name`, unfolded but not decoded (for structured
    /// fields such as Content-Type, whose parameters are decoded on their own).
    public func unfolded(_ name: String) -> String? {
        field(name).map { HeaderText.unfold($0.rawValue) }
    }
}
