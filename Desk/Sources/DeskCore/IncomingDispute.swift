import DisputeTriage
import Foundation

/// A dispute as posted to `POST /v1/disputes`: the CLI's dispute record (`id`, `text`, `amount`,
/// `customer_value`, `open_balance`, `credit_score`, `days_past_due`) plus the desk's optional
/// `customer_id`, `invoices` and `received_at`.
public struct IncomingDispute: Sendable, Equatable {
    public var dispute: Dispute
    public var customerID: String?
    public var invoices: [String]
    public var receivedAt: Date?

    public init(dispute: Dispute, customerID: String? = nil, invoices: [String] = [], receivedAt: Date? = nil) {
        self.dispute = dispute
        self.customerID = customerID
        self.invoices = invoices
        self.receivedAt = receivedAt
    }

    /// Field names accepted in a posted dispute.
    public static let fields: Set<String> = [
        "id", "text", "amount", "customer_value", "open_balance", "credit_score", "days_past_due",
        "customer_id", "invoices", "received_at",
    ]

    /// Largest amount, customer value or open balance accepted.
    public static let maxMoney = 1e12

    /// Largest batch accepted by one request.
    public static let maxBatch = 1_000

    /// Parses and validates one dispute object found at `path` (e.g. `[3]`).
    public init(json: JSONValue, path: String) throws(DeskError) {
        let object = try JSONFields(json, path: path, allowed: Self.fields)
        let id = try object.requiredString("id", maxLength: 200)
        guard !id.isEmpty, !id.contains(where: { $0.isNewline }) else {
            throw DeskError.invalid(object.fieldPath("id"), "must be 1 to 200 bytes on one line")
        }
        let text = try object.requiredString("text", maxLength: Dispute.maxTextBytes)
        // Bounds keep sums and displays finite: no receivable is near a trillion, no item a century late.
        let money = 0...Self.maxMoney
        let facts: DisputeFacts
        do {
            facts = try DisputeFacts(
                amount: object.number("amount", in: money, rule: "must be within 0…1e12"),
                customerValue: object.number("customer_value", in: money, rule: "must be within 0…1e12"),
                openBalance: object.number(
                    "open_balance", in: -Self.maxMoney...Self.maxMoney, rule: "must be within -1e12…1e12"),
                creditScore: object.number("credit_score", in: 0...100, rule: "must be within 0…100"),
                daysPastDue: object.number("days_past_due", in: 0...36_500, rule: "must be within 0…36500"))
        } catch let error as DeskError {
            throw error
        } catch {
            throw DeskError.invalid(path, "\(error)")
        }
        do {
            dispute = try Dispute(id: id, text: text, facts: facts)
        } catch {
            throw DeskError.invalid(object.fieldPath("text"), "\(error)")
        }
        customerID = try object.string("customer_id", maxLength: 200)
        invoices = try object.stringArray("invoices", maxCount: 50) ?? []
        if let raw = try object.string("received_at", maxLength: 64) {
            guard let date = Timestamp.parse(raw) else {
                throw DeskError.invalid(
                    object.fieldPath("received_at"), "not an RFC 3339 date-time such as 2026-12-01T09:30:00Z")
            }
            receivedAt = date
        } else {
            receivedAt = nil
        }
    }

    /// Parses a request body: a JSON array of 1 to ``maxBatch`` disputes with distinct ids.
    public static func parseBatch(_ json: JSONValue) throws(DeskError) -> [IncomingDispute] {
        guard case .array(let items) = json else {
            throw DeskError.invalid("$", "expected a JSON array of disputes, got \(json.typeName)")
        }
        guard (1...maxBatch).contains(items.count) else {
            throw DeskError.invalid("$", "a batch holds 1 to \(maxBatch) disputes, got \(items.count)")
        }
        var result: [IncomingDispute] = []
        result.reserveCapacity(items.count)
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let dispute = try IncomingDispute(json: item, path: "[\(i)]")
            guard seen.insert(dispute.dispute.id).inserted else {
                throw DeskError.invalid("[\(i)].id", "duplicate id '\(dispute.dispute.id)' in the batch")
            }
            result.append(dispute)
        }
        return result
    }
}

/// RFC 3339 timestamps as the desk writes and reads them (UTC, whole seconds or fractions).
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    public static func parse(_ text: String) -> Date? {
        // Foundation's parser lets out-of-range fields roll over (minute 99); RFC 3339 does not.
        guard hasValidFields(Array(text.utf8)) else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// `YYYY-MM-DDThh:mm:ss[.f…](Z|±hh:mm)` with every field in range.
    static func hasValidFields(_ b: [UInt8]) -> Bool {
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                guard (48...57).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), hour <= 23, minute <= 59, second <= 60
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return false }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count == i + 6, b[i + 3] == UInt8(ascii: ":"),
            let offsetHours = number((i + 1)..<(i + 3)), let offsetMinutes = number((i + 4)..<(i + 6))
        else { return false }
        return offsetHours <= 23 && offsetMinutes <= 59
    }
}
