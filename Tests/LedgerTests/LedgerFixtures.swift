import Foundation

@testable import Ledger

/// Small ledgers and files for the ledger tests.
enum LedgerFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sharedData = repository.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// Path of a shared ledger split, or `nil` (with the reason printed) when the data is absent.
    static func sharedLedger(_ set: String, _ split: String) -> String? {
        let path = sharedData.appendingPathComponent("\(set)/\(split).csv").path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping: \(path) is absent (the shared data lives beside the repository)")
            return nil
        }
        return path
    }

    /// A fixture date (the texts are constants, so a bad one is a bug in the test).
    static func day(_ text: String) -> CalendarDay {
        // swift-format-ignore: NeverUseForceTry
        try! CalendarDay(parsing: text)
    }

    static func invoice(
        _ customer: String, _ id: String, _ issued: String, terms: Int = 30, amount: Double = 100,
        paid: String? = nil, disputed: Bool? = nil, paperless: Bool? = nil
    ) -> Invoice {
        let date = day(issued)
        return Invoice(
            customerID: customer, invoiceID: id, invoiceDate: date, dueDate: date.adding(days: terms), amount: amount,
            paidDate: paid.map(day), disputed: disputed, paperless: paperless)
    }

    /// Writes `text` to a fresh temporary file named `name` and passes its path.
    static func withFile<T>(_ name: String, _ text: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "LedgerTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return try body(url.path)
    }

    /// A seeded ledger of `customers` payers over two years, each with its own lateness habit, so a
    /// model has something to learn (deterministic: SplitMix64).
    static func synthetic(customers: Int = 40, seed: UInt64 = 7) -> Ledger {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var invoices: [Invoice] = []
        let start = day("2020-01-01")
        for c in 0..<customers {
            let habit = next()
            var issued = start.adding(days: Int(next() * 30))
            var n = 0
            while issued < start.adding(days: 700) {
                let late = next() < habit
                let disputed = next() < habit * 0.4
                let delay = late ? 1 + Int(next() * 20 * habit) : -Int(next() * 10)
                let due = issued.adding(days: 30)
                invoices.append(
                    Invoice(
                        customerID: "C\(c)", invoiceID: "INV-\(c)-\(n)", invoiceDate: issued, dueDate: due,
                        amount: 50 + (next() * 500).rounded(), paidDate: due.adding(days: delay), disputed: disputed))
                issued = issued.adding(days: 10 + Int(next() * 30))
                n += 1
            }
        }
        return Ledger(invoices)
    }
}
