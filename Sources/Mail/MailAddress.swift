/// The address in an address header: `Name <user@host>` or a bare `user@host`.
package enum MailAddress {
    /// The first address in `header`, lower-cased, or nil when there is none.
    package static func firstAddress(_ header: String) -> String? {
        let utf8 = header.utf8
        if let open = utf8.firstIndex(of: UInt8(ascii: "<")), let close = utf8[open...].firstIndex(of: UInt8(ascii: ">")) {
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

    /// The domain of an address (`acme.example` for `ap@acme.example`).
    package static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
