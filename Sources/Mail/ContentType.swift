/// A part's media type (`Content-Type`), lower-cased, with its parameters.
package struct ContentType: Sendable, Equatable {
    package let type: String
    package let subtype: String
    package let parameters: [String: String]

    package init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses a Content-Type value; a missing or malformed one gives `fallback` (RFC 2045 §5.2:
    /// text/plain, or message/rfc822 inside multipart/digest).
    init(header: String?, fallback: ContentType) {
        guard let header else { self = fallback; return }
        let parsed = HeaderParameters(header)
        let pieces = Self.typeAndSubtype(parsed.value)
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
            !pieces[1].contains(where: { $0 == " " || $0 == "/" })
        else {
            // A malformed type keeps its parameters (charset) but reads as text/plain.
            self.init(type: "text", subtype: "plain", parameters: parsed.parameters)
            return
        }
        self.init(
            type: String(pieces[0].trimmingWhitespace()), subtype: String(pieces[1].trimmingWhitespace()),
            parameters: parsed.parameters)
    }

    /// `value` split at its first `/` as `split(separator: "/", maxSplits: 1)` splits it (leading
    /// slashes skipped), on the bytes when it is ASCII (always, in practice).
    static func typeAndSubtype(_ value: String) -> [Substring] {
        let utf8 = value.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return value.split(separator: "/", maxSplits: 1) }
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: "/") }) else { return [] }
        guard let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/")) else { return [value[start...]] }
        let rest = utf8.index(after: slash)
        return rest == utf8.endIndex ? [value[start..<slash]] : [value[start..<slash], value[rest...]]
    }

    package static let textPlain = ContentType(type: "text", subtype: "plain")
    package static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// `type/subtype`.
    package var mimeType: String { "\(type)/\(subtype)" }
    package var isMultipart: Bool { type == "multipart" }
    package var isEnclosedMessage: Bool { type == "message" && subtype == "rfc822" }
    package var charset: String? { parameters["charset"] }
    package var boundary: String? { parameters["boundary"] }
}
