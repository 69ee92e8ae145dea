/// The address in an address header: `Name <user@host>` or a bare `user@host`.
package enum MailAddress {
    /// The first address in `header`, lower-cased, or nil when there is none.
    package static func firstAddress(_ header: String) -> String? {
        let utf8 = header.utf8
        if let open = utf8.firstIndex(of: UInt8(ascii: "<")),
            let close = utf8[open...].firstIndex(of: UInt8(ascii: ">"))
        {
            let inner = header[utf8.index(after: open)..<close].trimmingWhitespace()
            if inner.utf8.contains(UInt8(ascii: "@")) { return inner.lowercased() }
        }
        for token in header.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == ";" })
        where token.utf8.contains(UInt8(ascii: "@")) {
            let cleaned = token.trimmingCharacters(in: "<>\"'()[]")
            if !cleaned.isEmpty { return cleaned.lowercased() }
        }
        return nil
    }

    /// Every address in an address list (`To`, `Cc`): one per comma-separated entry that has one,
    /// lower-cased. Commas inside a quoted display name (`"Doe, Jane" <j@x.example>`) do not split.
    package static func addresses(_ header: String) -> [String] {
        // Split on the bytes (the quote and the comma are ASCII).
        let utf8 = header.utf8
        var entries: [Substring] = []
        var start = utf8.startIndex
        var quoted = false
        for index in utf8.indices {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: ",") && !quoted {
                entries.append(header[start..<index])
                start = utf8.index(after: index)
            }
        }
        entries.append(header[start...])
        return entries.compactMap { firstAddress(String($0)) }
    }

    /// The domain of an address (`acme.example` for `ap@acme.example`).
    package static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
