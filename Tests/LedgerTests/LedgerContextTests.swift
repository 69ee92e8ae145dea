import Testing

@testable import Ledger

@Suite("Ledger as-of context")
struct LedgerContextTests {
    typealias F = LedgerFixtures

    static let ledger = Ledger([
        F.invoice("A", "INV-001", "2023-01-10", amount: 1_000, paid: "2023-02-20", disputed: true),  // 11 days late
        F.invoice("A", "INV-002", "2023-06-01", amount: 500, paid: "2023-06-25", disputed: false),  // on time
        F.invoice("A", "INV-003", "2024-01-15", amount: 300),  // open, due 2024-02-14
        F.invoice("A", "INV-004", "2024-02-01", amount: 200, paid: "2024-03-20"),  // paid after the as-of day
        F.invoice("A", "CN-1", "2024-02-05", terms: 0, amount: -50),  // credit note, open
        F.invoice("A", "INV-005", "2024-04-01", amount: 999),  // issued after the as-of day
        F.invoice("B", "2291", "2024-01-02", amount: 10),
    ])

    @Test("value, balance, days past due and history use only what was known on the day")
    func context() throws {
        let c = try #require(Self.ledger.context(for: "A", asOf: F.day("2024-03-01")))
        // Trailing 12 months: 2023-03-02 … 2024-03-01 → INV-002, INV-003, INV-004 (not INV-001, not the credit note).
        #expect(c.customerValue == 1_000)
        #expect(c.openCount == 2)
        #expect(c.openAmount == 500)
        #expect(c.openBalance == 450)
        #expect(c.oldestOpenInvoiceID == "INV-003")
        #expect(c.daysPastDue == 16)
        #expect(c.history.count == 2)
        #expect(c.history.lateShare == 0.5)
        #expect(c.history.meanDaysLate == 5.5)
        #expect(c.history.lastDaysLate == 0)
        #expect(c.history.disputeRate == 0.5)
        #expect(c.daysSinceLastPayment == F.day("2023-06-25").days(to: F.day("2024-03-01")))
        #expect(Self.ledger.context(for: "nobody", asOf: F.day("2024-03-01")) == nil)
    }

    @Test("a later payment closes the item only from its day on")
    func paymentDay() throws {
        let before = try #require(Self.ledger.context(for: "A", asOf: F.day("2024-03-19")))
        let after = try #require(Self.ledger.context(for: "A", asOf: F.day("2024-03-20")))
        #expect(before.openAmount == 500)
        #expect(after.openAmount == 300)
        #expect(after.history.count == before.history.count + 1)
        #expect(Self.ledger.asOf(F.day("2024-03-01")).invoices.count == 6)
        #expect(Self.ledger.asOf(F.day("2024-03-01")).invoices.filter { $0.paidDate != nil }.count == 2)
    }

    @Test("invoice references match exactly, then normalised, then by number; several rows are ambiguous")
    func matching() {
        let ledger = Self.ledger
        #expect(ledger.match(invoiceReference: "INV-003") == .unique(2, .exact))
        #expect(ledger.match(invoiceReference: "inv 003") == .unique(2, .normalised))
        #expect(ledger.match(invoiceReference: "F-2291") == .unique(6, .number))
        #expect(ledger.match(invoiceReference: "INV-9999") == InvoiceMatch.none)
        var twice = ledger
        twice.append(F.invoice("C", "INV003", "2024-01-03"))
        if case let .ambiguous(rows, kind) = twice.match(invoiceReference: "inv-003 ") {
            #expect(Set(rows) == [2, 7])
            #expect(kind == .normalised)
        } else {
            Issue.record("expected an ambiguous match")
        }
    }
}
