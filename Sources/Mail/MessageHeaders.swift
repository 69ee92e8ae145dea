/// One header field as it appears in the message: its name and its raw (folded, undecoded) value.
package struct HeaderField: Sendable, Equatable {
    /// The name's bytes as written (`Subject`, `content-type`, …): a slice of the message, so that
    /// reading a header block makes no String per field.
    package let nameBytes: ArraySlice<UInt8>
    /// The bytes after the colon up to the end of the field, line breaks of folded lines included.
    package let rawValue: ArraySlice<UInt8>

    /// The name as written.
    package var name: String { String(decoding: nameBytes, as: UTF8.self) }

    /// The value unfolded, with RFC 2047 encoded words decoded and outer white space trimmed.
    package var value: String { HeaderText.decode(rawValue) }

    /// Whether the field is named `name` (ASCII, any case).
    func isNamed(_ name: String) -> Bool {
        guard nameBytes.count == name.utf8.count else { return false }
        return zip(nameBytes, name.utf8).allSatisfy { ByteSearch.lower($0) == ByteSearch.lower($1) }
    }
}

/// The header fields of a message or MIME part, in order. Look-ups ignore the case of the name
/// and return the first field of that name, like most mail readers do.
package struct MessageHeaders: Sendable, Equatable {
    package private(set) var fields: [HeaderField] = []

    package init() {}

    mutating func append(name: ArraySlice<UInt8>, rawValue: ArraySlice<UInt8>) {
        fields.append(HeaderField(nameBytes: name, rawValue: rawValue))
    }

    /// The first field named `name` (any case). A linear scan: a block has tens of fields, and
    /// comparing a few bytes each is cheaper than hashing a lower-cased copy of every name.
    package func field(_ name: String) -> HeaderField? {
        fields.first { $0.isNamed(name) }
    }

    /// The decoded value of the first field named `name` (any case).
    package subscript(name: String) -> String? { field(name)?.value }

    /// The raw value of the first field named `name`, unfolded but not decoded (for structured
    /// fields such as Content-Type, whose parameters are decoded on their own).
    package func unfolded(_ name: String) -> String? {
        field(name).map { HeaderText.unfold($0.rawValue) }
    }
}
