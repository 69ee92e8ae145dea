/// Message identifiers in Message-ID, In-Reply-To and References (`<id@host>`), without brackets.
enum MessageIDs {
    static func parse(_ header: String) -> [String] {
        // Scanned in the contiguous bytes: the brackets are ASCII, and Character scanning showed in profiles.
        var ids = ByteSearch.withBytes(header) { bytes in
            var ids: [String] = []
            var rest = bytes[...]
            while let open = rest.firstIndex(of: UInt8(ascii: "<")),
                let close = rest[open...].firstIndex(of: UInt8(ascii: ">"))
            {
                var id = rest[(open + 1)..<close]
                while let first = id.first, first == 0x20 || first == 0x09 { id = id.dropFirst() }
                while let last = id.last, last == 0x20 || last == 0x09 { id = id.dropLast() }
                if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
                rest = rest[(close + 1)...]
            }
            return ids
        }
        if ids.isEmpty {
            // Some clients drop the brackets.
            ids = header.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter {
                $0.utf8.contains(UInt8(ascii: "@"))
            }
        }
        return ids
    }
}
