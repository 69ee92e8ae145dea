/// Chooses the body part of a message like Python's `EmailMessage.get_body(("plain", "html"))`,
/// the behaviour mail tools agree on: depth first, skipping parts with `Content-Disposition:
/// attachment` and enclosed messages; the first text/plain wins, else the first text/html;
/// in multipart/related only the start part (its `start` parameter, else the first part) counts.
enum BodyFinder {
    private static let preferences = ["plain", "html"]

    static func body(of root: MIMEPart) -> MIMEPart? {
        var best: (rank: Int, part: MIMEPart)? = nil
        visit(root) { rank, part in
            if best == nil || rank < best!.rank { best = (rank, part) }
            return rank == 0
        }
        return best?.part
    }

    /// Calls `found` with each candidate and its rank; stops when `found` returns true.
    @discardableResult
    private static func visit(_ part: MIMEPart, _ found: (Int, MIMEPart) -> Bool) -> Bool {
        if part.isAttachment { return false }
        let type = part.contentType
        if type.type == "text" {
            guard let rank = preferences.firstIndex(of: type.subtype) else { return false }
            return found(rank, part)
        }
        guard type.isMultipart, !part.parts.isEmpty else { return false }
        guard type.subtype == "related" else {
            for child in part.parts where visit(child, found) { return true }
            return false
        }
        var start: MIMEPart? = nil
        if let id = type.parameters["start"], !id.isEmpty {
            start = part.parts.first { $0.headers["content-id"] == id }
        }
        guard let candidate = start ?? part.parts.first else { return false }
        return visit(candidate, found)
    }
}
