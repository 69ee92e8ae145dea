/// Message identifiers in Message-ID, In-Reply-To and References (`<id@host>`), without brackets.
enum MessageIDs {
    static func parse(_ header: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingWhitespace()
            if !id.isEmpty { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            // Some clients drop the brackets.
            ids = header.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter { $0.utf8.contains(UInt8(ascii: "@")) }
        }
        return ids
    }
}
