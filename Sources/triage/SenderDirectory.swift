import Foundation
import Mail
import Records

/// Maps senders to customers: a CSV file with the columns `sender` (an address, or a domain,
/// optionally written `@domain`) and `customer_id`. An exact address wins over its domain, and a
/// domain covers its subdomains (`acme.example` matches `ap@eu.acme.example`).
///
/// ```swift
/// let senders = try SenderDirectory(path: "senders.csv")
/// senders.customer(for: "billing@acme.example")   // "C-1042"
/// ```
struct SenderDirectory: Sendable {
    private var byAddress: [String: String] = [:]
    private var byDomain: [String: String] = [:]

    init() {}

    /// - Throws: ``Records/RecordError`` naming the file, line and field (missing column, empty value).
    init(path: String) throws {
        let reader = try RecordReader(path: path, format: .csv)
        while let record = try reader.next() {
            let sender = try record.requiredText("sender").trimmingCharacters(in: .whitespaces).lowercased()
            let customer = try record.requiredText("customer_id").trimmingCharacters(in: .whitespaces)
            guard !sender.isEmpty else { throw record.error("sender", "empty") }
            guard !customer.isEmpty else { throw record.error("customer_id", "empty") }
            add(sender: sender, customer: customer)
        }
    }

    mutating func add(sender: String, customer: String) {
        let key = sender.lowercased()
        if key.hasPrefix("@") {
            byDomain[String(key.dropFirst())] = customer
        } else if key.contains("@") {
            byAddress[key] = customer
        } else {
            byDomain[key] = customer
        }
    }

    var isEmpty: Bool { byAddress.isEmpty && byDomain.isEmpty }

    /// The customer for an address, or nil.
    func customer(for address: String) -> String? {
        let key = address.lowercased()
        if let customer = byAddress[key] { return customer }
        guard var domain = MailAddress.domain(of: key) else { return nil }
        while true {
            if let customer = byDomain[domain] { return customer }
            guard let dot = domain.firstIndex(of: ".") else { return nil }
            domain = String(domain[domain.index(after: dot)...])
        }
    }

    /// The customer of the first of `addresses` that has one.
    func customer(forAny addresses: [String]) -> String? {
        for address in addresses { if let customer = customer(for: address) { return customer } }
        return nil
    }
}
