/// A customer's record of settled invoices, accumulated in the order their settlements became
/// known. Only invoices settled *before* the day being looked at may be recorded into it, which is
/// what keeps the payer-risk features causal.
///
/// ```swift
/// var history = PaymentHistory()
/// history.record(settledInvoice)
/// history.lateShare   // share of settled invoices paid after their due date
/// ```
package struct PaymentHistory: Sendable, Equatable {
    /// Invoices settled.
    package private(set) var count = 0
    /// Of which paid late.
    package private(set) var lateCount = 0
    /// Sum of days late.
    package private(set) var daysLateSum = 0
    /// Sum of signed days past due (negative: paid before the due date).
    package private(set) var daysPastDueSum = 0
    /// Sum of days from invoice date to payment.
    package private(set) var daysToPaySum = 0
    /// Days late of the most recently settled invoice.
    package private(set) var lastDaysLate: Int? = nil
    /// Invoices with a known dispute flag, and how many of them were disputed.
    package private(set) var disputeKnownCount = 0
    package private(set) var disputedCount = 0
    /// Whether the most recently settled invoice with a dispute flag was disputed.
    package private(set) var lastDisputed: Bool? = nil
    /// Most recent payment day.
    package private(set) var lastPayment: CalendarDay? = nil
    /// Sum of settled amounts (for the customer's usual amount).
    package private(set) var amountSum = 0.0
    /// Exponentially weighted lateness and days late (recent invoices weigh more); `nil` before the first.
    package private(set) var recentLate: Double? = nil
    package private(set) var recentDaysLate: Double? = nil

    /// Weight of the newest invoice in the recent averages.
    package static let recencyWeight = 0.3

    package init() {}

    /// Records one settled invoice (ignored when it is unpaid or a credit note).
    package mutating func record(_ invoice: Invoice) {
        guard let daysLate = invoice.daysLate, !invoice.isCreditNote else { return }
        count += 1
        if daysLate > 0 { lateCount += 1 }
        daysLateSum += daysLate
        daysPastDueSum += invoice.dueDate.days(to: invoice.paidDate!)
        daysToPaySum += invoice.invoiceDate.days(to: invoice.paidDate!)
        lastDaysLate = daysLate
        if let disputed = invoice.disputed {
            disputeKnownCount += 1
            if disputed { disputedCount += 1 }
            lastDisputed = disputed
        }
        lastPayment = max(lastPayment ?? invoice.paidDate!, invoice.paidDate!)
        amountSum += invoice.amount
        let late = daysLate > 0 ? 1.0 : 0.0
        let w = Self.recencyWeight
        recentLate = recentLate.map { (1 - w) * $0 + w * late } ?? late
        recentDaysLate = recentDaysLate.map { (1 - w) * $0 + w * Double(daysLate) } ?? Double(daysLate)
    }

    /// Share of settled invoices paid late (`nil` without history).
    package var lateShare: Double? { count > 0 ? Double(lateCount) / Double(count) : nil }
    /// Mean days late (`nil` without history).
    package var meanDaysLate: Double? { count > 0 ? Double(daysLateSum) / Double(count) : nil }
    /// Mean signed days past due (`nil` without history): how early or late against the due date, on average.
    package var meanDaysPastDue: Double? { count > 0 ? Double(daysPastDueSum) / Double(count) : nil }
    /// Share of invoices disputed, among those with a dispute flag (`nil` when none has one).
    package var disputeRate: Double? { disputeKnownCount > 0 ? Double(disputedCount) / Double(disputeKnownCount) : nil }
    /// Mean settled amount (`nil` without history).
    package var meanAmount: Double? { count > 0 ? amountSum / Double(count) : nil }
}
