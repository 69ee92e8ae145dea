import DisputeTriage
import Foundation

/// Which disputes a worklist shows.
public struct WorklistFilter: Sendable, Equatable {
    /// `open` (the default) includes snoozed disputes whose snooze has ended; `nil` means any status.
    public var status: DisputeStatus? = .open
    public var subject: Subject?
    public var minSeverity: Severity?
    public var assignee: String?
    public var customerID: String?
    public var minAmount: Double?
    public var maxAmount: Double?
    public var action: DisputeAction?

    public init() {}
}

/// A position in the worklist order (priority descending, then id ascending): the last row of a page.
public struct WorklistCursor: Sendable, Equatable {
    public var priority: Double
    public var id: String

    public init(priority: Double, id: String) {
        self.priority = priority
        self.id = id
    }

    /// Opaque text form: base64url of `priority-bits:id`, so clients cannot depend on its shape.
    public var token: String {
        let raw = String(priority.bitPattern, radix: 16) + ":" + id
        return Base64URL.encode(Array(raw.utf8))
    }

    public init?(token: String) {
        guard let bytes = Base64URL.decode(token), let raw = String(bytes: bytes, encoding: .utf8),
            let colon = raw.firstIndex(of: ":"), let bits = UInt64(raw[..<colon], radix: 16)
        else { return nil }
        let value = Double(bitPattern: bits)
        let id = String(raw[raw.index(after: colon)...])
        // The desk issues cursors only for stored ids, and no stored id holds U+0000.
        guard value.isFinite, StorableText.isStorable(id) else { return nil }
        self.init(priority: value, id: id)
    }
}

/// One page of the worklist.
public struct WorklistPage: Sendable {
    public var disputes: [StoredDispute]
    public var next: WorklistCursor?

    public init(disputes: [StoredDispute], next: WorklistCursor?) {
        self.disputes = disputes
        self.next = next
    }
}

/// Counts and amounts of the disputes a filter selects (the page header).
public struct WorklistSummary: Sendable, Equatable {
    public var count: Int
    public var totalAmount: Double
    public var escalations: Int
    public var proposedWriteOffs: Int

    public init(count: Int = 0, totalAmount: Double = 0, escalations: Int = 0, proposedWriteOffs: Int = 0) {
        self.count = count
        self.totalAmount = totalAmount
        self.escalations = escalations
        self.proposedWriteOffs = proposedWriteOffs
    }
}

enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map(Array.init)
    }
}
