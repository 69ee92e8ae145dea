import Foundation
import Testing

@testable import Ledger

@Suite("InvoiceReferenceExtractor")
struct ExtractionTests {
    let extractor = InvoiceReferenceExtractor()

    @Test("the formats of the issue, with their spans")
    func issueFormats() {
        let text =
            "inv 3318 and F-2291: EUR 1.750 billed twice on 3/4, see RMA #22018 and CN-24-0071. Subscription £64.80/month."
        let found = extractor.extract(text)
        func spanText(_ span: TextSpan) -> String {
            String(String.UnicodeScalarView(Array(text.unicodeScalars)[span.start..<span.end]))
        }
        #expect(found.invoices.map(\.id) == ["3318", "F-2291"])
        #expect(found.invoices.map { spanText($0.span) } == ["3318", "F-2291"])
        #expect(found.references.map(\.id) == ["22018", "CN-24-0071"])
        #expect(found.references.map(\.kind) == [.returnAuthorization, .creditNote])
        #expect(found.amounts.map(\.value) == [1750, 64.8])
        #expect(found.amounts.map(\.currency) == ["EUR", "GBP"])
        #expect(found.amounts.map { spanText($0.span) } == ["EUR 1.750", "£64.80/month"])
        #expect(found.amounts[1].qualifier == "per month")
        #expect(found.dates.map(\.iso) == ["--03-04"])
        #expect(found.dates[0].ambiguous)
        #expect(found.disputedAmount?.value == 1750)

        let french = extractor.extract(
            "La facture n° 2024-0412 du 18 avril indique 12 480,00 € HT au lieu de 3 200,50 €, remise de 2,5 % oubliée."
        )
        #expect(french.language == .french)
        #expect(french.invoices.map(\.id) == ["2024-0412"])
        #expect(french.amounts.map(\.value) == [12_480, 3_200.5])
        #expect(french.amounts[0].qualifier == "HT")
        #expect(french.percentages.map(\.value) == [2.5])
        #expect(french.dates.map(\.iso) == ["--04-18"])
        #expect(french.disputedAmount?.value == 12_480)
        // Spans are Unicode-scalar offsets: "€" and "°" count one each.
        #expect(french.invoices[0].span == TextSpan(start: 14, end: 23))
    }

    @Test(
        "numbers are read with either decimal convention",
        arguments: [
            ("1,750.00", 1750.0), ("1.750,00", 1750), ("3 200,50", 3200.5), ("1.750", 1750), ("1,750", 1750),
            ("12,5", 12.5),
            ("64.80", 64.8), ("1'200.50", 1200.5), ("2\u{00A0}015,00", 2015), ("48500", 48500),
        ])
    func numbers(_ text: String, _ value: Double) {
        #expect(MoneyFormat.number(text) == value)
    }

    @Test("quantities, phone numbers and verbs are not invoices")
    func falsePositives() {
        #expect(
            extractor.extract("Your invoice 5510 bills 220 licences; call 555-0142.").invoices.map(\.id) == ["5510"])
        #expect(extractor.extract("La facture 9001845 en facture 120.").invoices.map(\.id) == ["9001845"])
        #expect(extractor.extract("We ordered 120 units on order 5 and got nothing.").invoices.isEmpty)
        #expect(extractor.extract("Remit: invoice 2201 $500.00").amounts.map(\.value) == [500])
    }

    @Test("linking to a ledger: exact, normalised, by number, ambiguous, and the amount from the invoice")
    func linking() {
        var ledger = Ledger([
            LedgerFixtures.invoice("ACME", "INV-2291", "2024-01-10", amount: 3_200.5),
            LedgerFixtures.invoice("ACME", "INV-2292", "2024-01-11", amount: 80),
            LedgerFixtures.invoice("GLOBEX", "F-7781", "2024-01-12", amount: 990),
        ])
        let one = DisputeLink(extractor.extract("About INV 2291, the goods were damaged (inv-2291)."), ledger: ledger)
        // "INV 2291" and "inv-2291" are the keyword and the id "2291", matched by its number.
        #expect(one.matches == [.unique(0, .number), .unique(0, .number)])
        #expect(one.customerID == "ACME")
        #expect(one.disputedAmount == 3_200.5)
        #expect(one.amountSource == "ledger")
        let two = DisputeLink(extractor.extract("Invoices INV-2292 and F-7781 are wrong by $40."), ledger: ledger)
        #expect(two.customerID == nil)
        #expect(two.ambiguousCustomers == ["ACME", "GLOBEX"])
        #expect(two.disputedAmount == 40)
        #expect(two.amountSource == "text")
        ledger.append(LedgerFixtures.invoice("INITECH", "2291", "2024-02-01"))
        let ambiguous = DisputeLink(extractor.extract("Invoice #2291 is a duplicate."), ledger: ledger)
        #expect(ambiguous.matches == [.unique(3, .exact)])
        let byNumber = DisputeLink(extractor.extract("Facture F-002291 en double."), ledger: ledger)
        if case let .ambiguous(rows, kind) = byNumber.matches.first {
            #expect(Set(rows) == [0, 3] && kind == .number)
        } else {
            Issue.record("expected ambiguous")
        }
        #expect(byNumber.customerID == nil)
    }

    /// One message of the labelled sets in TrainingData/extraction.
    struct Gold: Decodable {
        struct Amount: Decodable { var value: Double; var currency: String }
        var id: String
        var text: String
        var invoices: [String]
        var references: [String]
        var amounts: [Amount]
        var disputedAmount: Amount?
        var percentages: [Double]
        var dates: [String]

        enum CodingKeys: String, CodingKey {
            case id, text, invoices, references, amounts, percentages, dates
            case disputedAmount = "disputed_amount"
        }
    }

    /// Precision and recall per entity type, matching by value (ids by their digits, amounts by value
    /// and currency, dates by ISO form), and how often the disputed amount is found.
    struct Scores {
        var counts: [String: (tp: Int, fp: Int, fn: Int)] = [:]
        var disputedFound = 0, disputedPicked = 0, disputedStated = 0

        mutating func add(_ type: String, gold: [String], predicted: [String]) {
            var remaining = gold
            var tp = 0, fp = 0
            for item in predicted {
                if let i = remaining.firstIndex(of: item) { remaining.remove(at: i); tp += 1 } else { fp += 1 }
            }
            let old = counts[type] ?? (0, 0, 0)
            counts[type] = (old.tp + tp, old.fp + fp, old.fn + remaining.count)
        }

        func precision(_ type: String) -> Double {
            let c = counts[type]!; return Double(c.tp) / Double(max(c.tp + c.fp, 1))
        }
        func recall(_ type: String) -> Double {
            let c = counts[type]!; return Double(c.tp) / Double(max(c.tp + c.fn, 1))
        }
    }

    static func score(_ file: String) throws -> Scores {
        let url = LedgerFixtures.repository.appendingPathComponent("TrainingData/extraction/\(file)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let extractor = InvoiceReferenceExtractor()
        var scores = Scores()
        func idKey(_ id: String) -> String { InvoiceMatch.numberKey(id) ?? InvoiceMatch.normalised(id) }
        func amountKey(_ value: Double, _ currency: String) -> String { "\(Int((value * 100).rounded())) \(currency)" }
        for line in lines {
            let gold = try JSONDecoder().decode(Gold.self, from: Data(line.utf8))
            let found = extractor.extract(gold.text)
            scores.add("invoices", gold: gold.invoices.map(idKey), predicted: found.invoices.map { idKey($0.id) })
            scores.add("references", gold: gold.references.map(idKey), predicted: found.references.map { idKey($0.id) })
            scores.add(
                "amounts", gold: gold.amounts.map { amountKey($0.value, $0.currency) },
                predicted: found.amounts.map { amountKey($0.value, $0.currency) })
            scores.add(
                "percentages", gold: gold.percentages.map { String($0) },
                predicted: found.percentages.map { String($0.value) })
            scores.add("dates", gold: gold.dates, predicted: found.dates.map(\.iso))
            if let disputed = gold.disputedAmount {
                let key = amountKey(disputed.value, disputed.currency)
                scores.disputedStated += 1
                if found.amounts.contains(where: { amountKey($0.value, $0.currency) == key }) {
                    scores.disputedFound += 1
                }
                if let picked = found.disputedAmount, amountKey(picked.value, picked.currency) == key {
                    scores.disputedPicked += 1
                }
            }
        }
        return scores
    }

    @Test(
        "labelled messages: recall of the disputed amount ≥ 0.95, precision of invoice numbers ≥ 0.95",
        arguments: ["messages.jsonl", "heldout.jsonl"])
    func labelledSet(_ file: String) throws {
        let scores = try Self.score(file)
        print("\(file): type, precision, recall")
        for type in ["invoices", "references", "amounts", "percentages", "dates"] {
            print(
                String(
                    format: "  %@ %.3f %.3f %@", type, scores.precision(type), scores.recall(type),
                    "\(scores.counts[type]!)"))
        }
        print(
            "  disputed amount found \(scores.disputedFound)/\(scores.disputedStated), picked \(scores.disputedPicked)/\(scores.disputedStated)"
        )
        #expect(Double(scores.disputedFound) / Double(scores.disputedStated) >= 0.95)
        #expect(scores.precision("invoices") >= 0.95)
        #expect(scores.recall("invoices") >= 0.9)
        #expect(scores.precision("amounts") >= 0.9 && scores.recall("amounts") >= 0.9)
    }
}
