import Foundation
import Ledger
import Testing

@testable import DisputeTriage

@Suite("Scoring with a ledger")
struct LedgerContextTests {
    /// A fixture date (the texts are constants, so a bad one is a bug in the test).
    static func day(_ text: String) -> CalendarDay {
        // swift-format-ignore: NeverUseForceTry
        try! CalendarDay(parsing: text)
    }

    static func invoice(_ customer: String, _ id: String, _ issued: String, amount: Double, paid: String?) -> Invoice {
        Invoice(
            customerID: customer, invoiceID: id, invoiceDate: day(issued), dueDate: day(issued).adding(days: 30),
            amount: amount,
            paidDate: paid.map(day))
    }

    /// ACME always pays about three weeks late and owes two invoices; GLOBEX pays on time.
    static let ledger: Ledger = {
        var invoices: [Invoice] = []
        for month in 1...9 {
            let issued = "2024-0\(month)-05"
            invoices.append(
                invoice(
                    "ACME", "INV-10\(month)", issued, amount: 10_000, paid: day(issued).adding(days: 52).description))
            invoices.append(
                invoice(
                    "GLOBEX", "INV-20\(month)", issued, amount: 2_000, paid: day(issued).adding(days: 25).description))
        }
        invoices.append(invoice("ACME", "INV-777", "2024-10-01", amount: 4_800, paid: nil))
        invoices.append(invoice("ACME", "INV-778", "2024-10-20", amount: 1_200, paid: nil))
        return Ledger(invoices)
    }()

    @Test("the ledger fills customer value, open balance, days past due, amount and payment risk; explicit numbers win")
    func fills() throws {
        let context = try LedgerContext(ledger: Self.ledger, asOf: Self.day("2024-12-01"))
        let dispute = try Dispute(
            id: "D1", text: "Invoice INV-777 bills 4 800,00 € but the delivery was incomplete.", facts: DisputeFacts())
        let (filled, attachment) = try context.attach(dispute, customerID: nil)
        #expect(attachment.customerID == "ACME")
        #expect(attachment.customerSource == "invoice")
        #expect(filled.facts.amount == 4_800)
        #expect(filled.facts.customerValue == 96_000.0)  // every invoice lies in the trailing 12 months
        #expect(filled.facts.openBalance == 6_000)
        #expect(filled.facts.daysPastDue == Double(Self.day("2024-10-31").days(to: Self.day("2024-12-01"))))
        let risk = try #require(filled.facts.paymentRisk)
        #expect(risk > 0.5)

        let explicit = try Dispute(
            id: "D2", text: dispute.text, facts: DisputeFacts(amount: 100, openBalance: 50, creditScore: 80))
        let (kept, _) = try context.attach(explicit, customerID: nil)
        #expect(kept.facts.amount == 100 && kept.facts.openBalance == 50 && kept.facts.creditScore == 80)
        #expect(kept.facts.paymentRiskShare == 0.5)

        let named = try context.attach(
            try Dispute(id: "D3", text: "Our last payment was lost.", facts: DisputeFacts()), customerID: "GLOBEX")
        #expect(named.1.customerID == "GLOBEX" && named.1.customerSource == "field")
        #expect(try #require(named.0.facts.paymentRisk) < risk)
    }

    @Test("payment risk stands in for a missing credit score and is explained as its own factor")
    func paymentRiskFactor() throws {
        let model = try TriageModel.loadDefault()
        let text = "The pallets on invoice 4471 arrived broken; we will not pay until they are replaced."
        let risky = try Dispute(
            id: "r", text: text,
            facts: DisputeFacts(amount: 5_000, customerValue: 200_000, openBalance: 30_000, paymentRisk: 0.9))
        let safe = try Dispute(
            id: "s", text: text,
            facts: DisputeFacts(amount: 5_000, customerValue: 200_000, openBalance: 30_000, paymentRisk: 0.1))
        let plain = try Dispute(
            id: "p", text: text, facts: DisputeFacts(amount: 5_000, customerValue: 200_000, openBalance: 30_000))
        let results = model.score([risky, safe, plain])
        #expect(results[0].priority > results[1].priority)
        for result in results {
            let e = try #require(result.explanation)
            let total = e.baseline + e.contributions.values.reduce(0, +)
            #expect(abs(total - result.priority) < 0.05)
        }
        #expect(try #require(results[0].explanation).contributions[.paymentRisk]! > 0)
        #expect(try #require(results[0].explanation).contributions[.credit] == 0)
        #expect(try #require(results[1].explanation).contributions[.paymentRisk]! < 0)
        // Without a payment risk the explanation has exactly the factors it always had.
        #expect(try #require(results[2].explanation).factors == PriorityFactor.allCases.filter { $0 != .paymentRisk })
        // A credit score and a payment risk share the credit features' points.
        let both = model.score([
            try Dispute(id: "b", text: text, facts: DisputeFacts(amount: 5_000, creditScore: 20, paymentRisk: 0.9))
        ])[0]
        let e = try #require(both.explanation)
        #expect(abs(e.contributions[.credit]! - e.contributions[.paymentRisk]!) < 1e-3)
    }

    @Test("a payment risk must be a probability")
    func validation() {
        #expect(throws: DisputeError.self) { try DisputeFacts(paymentRisk: 1.5) }
        #expect(throws: DisputeError.self) { try DisputeFacts(paymentRisk: .nan) }
    }
}
