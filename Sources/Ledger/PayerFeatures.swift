import SystemSupport

/// The causal features of an invoice for the payer-risk model: what was known on its invoice date.
///
/// Its own outcome (paid date, days late, disputed flag, open amount) is never read. Other invoices
/// count in the customer's history only once their settlement is known *before* that date, and in
/// its open items only if issued before it. There is no customer-id feature: customers are told
/// apart only by their history. Rates are shrunk towards the ledger-wide rates known on the same
/// day (``prior``), so a customer with one invoice is not "100% late".
///
/// | feature | value |
/// |---|---|
/// | `amount` | ln(1+\|amount\|) / ln(1+10⁶) |
/// | `terms`, `short_terms` | min(terms, 120)/30; 1 when terms ≤ 14 days |
/// | `history_count`, `no_history` | ln(1+n)/ln(101); 1 without history |
/// | `late_share`, `mean_days_late` | shrunk share late; shrunk mean days late / 30 |
/// | `last_late`, `last_days_late` | the last settled invoice (prior without history) |
/// | `recent_late`, `recent_days_late` | exponentially weighted (``PaymentHistory/recencyWeight``) |
/// | `dispute_rate`, `last_disputed` | shrunk dispute rate; the last flag |
/// | `days_since_payment` | ln(1+days)/ln(366) (1 without history) |
/// | `amount_vs_usual` | ln(amount / mean past amount), clipped to ±3, / 3 |
/// | `open_count`, `open_amount` | open invoices issued before the day: ln(1+n)/ln(101), ln(1+amount)/ln(1+10⁷) |
/// | `overdue_count`, `overdue_share`, `max_days_overdue` | of those, the ones past due on the day |
/// | `paperless` | 1 electronic, 0 paper, 0.5 unknown |
/// | `ledger_late_rate` | share late of all invoices settled in the 90 days before |
/// | `recent_invoices` | invoices issued to the customer in the 90 days before: ln(1+n)/ln(101) |
/// | `new_x_amount`, `new_x_short_terms` | `no_history` × `amount`, × `short_terms` (a first invoice behaves apart) |
/// | `mean_days_past_due` | shrunk mean signed days past due / 30: negative for a customer who pays before the due date |
/// | `usual_pay_vs_terms` | (shrunk mean days from invoice to payment − this invoice's terms) / 30: late if paid as usual? |
package enum PayerFeatures {
    package static let names = [
        "amount", "terms", "short_terms", "history_count", "no_history", "late_share", "mean_days_late", "last_late",
        "last_days_late", "recent_late", "recent_days_late", "dispute_rate", "last_disputed", "days_since_payment",
        "amount_vs_usual", "open_count", "open_amount", "overdue_count", "overdue_share", "max_days_overdue",
        "paperless",
        "ledger_late_rate", "recent_invoices", "new_x_amount", "new_x_short_terms", "mean_days_past_due",
        "usual_pay_vs_terms",
    ]

    /// Number of features.
    package static var count: Int { names.count }

    /// Index of a feature by name.
    package static func index(_ name: String) -> Int { names.firstIndex(of: name)! }

    /// Pseudo-count of the shrinkage towards the ledger-wide rates.
    static let shrinkage = 2.0

    /// Ledger-wide rates known on a day, used to shrink a customer's rates and for customers without history.
    package struct Prior: Sendable, Equatable {
        package var lateRate: Double
        package var meanDaysLate: Double
        package var disputeRate: Double
        /// Shrunk mean signed days past due of every settled invoice (negative: paid early).
        package var meanDaysPastDue: Double
        /// Shrunk mean days from invoice to payment of every settled invoice.
        package var meanDaysToPay: Double
        /// Before anything has settled: a neutral starting point.
        package static let neutral = Prior(
            lateRate: 0.3, meanDaysLate: 5, disputeRate: 0.1, meanDaysPastDue: 0, meanDaysToPay: 30)
    }

    /// An open item on the day (issued before it, settlement not yet known).
    struct OpenItem {
        var index: Int
        var amount: Double
        var dueDate: CalendarDay
    }

    /// Writes the features of `invoice` into `row` (length ``count``).
    static func fill(
        _ row: inout [Float], invoice: Invoice, history: PaymentHistory, open: [OpenItem],
        prior: Prior, ledgerLateRate: Double, recentInvoices: Int
    ) {
        let day = invoice.invoiceDate
        let a = shrinkage
        let n = Double(history.count)
        var values = [Double](repeating: 0, count: count)
        values[0] = log1p(abs(invoice.amount)) / log1p(1e6)
        values[1] = Double(min(invoice.termsDays, 120)) / 30
        values[2] = invoice.termsDays <= 14 ? 1 : 0
        values[3] = log1p(n) / log1p(100)
        values[4] = history.count == 0 ? 1 : 0
        values[5] = (Double(history.lateCount) + a * prior.lateRate) / (n + a)
        values[6] = (Double(history.daysLateSum) + a * prior.meanDaysLate) / (n + a) / 30
        values[7] = history.lastDaysLate.map { $0 > 0 ? 1 : 0 } ?? prior.lateRate
        values[8] = Double(history.lastDaysLate.map(Double.init) ?? prior.meanDaysLate) / 30
        values[9] = history.recentLate ?? prior.lateRate
        values[10] = (history.recentDaysLate ?? prior.meanDaysLate) / 30
        values[11] = (Double(history.disputedCount) + a * prior.disputeRate) / (Double(history.disputeKnownCount) + a)
        values[12] = history.lastDisputed.map { $0 ? 1 : 0 } ?? prior.disputeRate
        values[13] = history.lastPayment.map { log1p(Double(max(0, $0.days(to: day)))) / log1p(365) } ?? 1
        if let usual = history.meanAmount, usual > 0, invoice.amount > 0 {
            values[14] = min(max(log(invoice.amount / usual), -3), 3) / 3
        }
        var openAmount = 0.0, overdue = 0, maxOverdue = 0
        for item in open {
            openAmount += max(item.amount, 0)
            if item.dueDate < day {
                overdue += 1
                maxOverdue = max(maxOverdue, item.dueDate.days(to: day))
            }
        }
        values[15] = log1p(Double(open.count)) / log1p(100)
        values[16] = log1p(openAmount) / log1p(1e7)
        values[17] = log1p(Double(overdue)) / log1p(100)
        values[18] = open.isEmpty ? 0 : Double(overdue) / Double(open.count)
        values[19] = log1p(Double(maxOverdue)) / log1p(365)
        values[20] = invoice.paperless.map { $0 ? 1 : 0 } ?? 0.5
        values[21] = ledgerLateRate
        values[22] = log1p(Double(recentInvoices)) / log1p(100)
        values[23] = values[4] * values[0]
        values[24] = values[4] * values[2]
        values[25] = (Double(history.daysPastDueSum) + a * prior.meanDaysPastDue) / (n + a) / 30
        values[26] =
            ((Double(history.daysToPaySum) + a * prior.meanDaysToPay) / (n + a) - Double(invoice.termsDays)) / 30
        for i in 0..<count { row[i] = Float(values[i]) }
    }
}
