/// Replays a ledger in time order so that every invoice is seen with exactly what was known on its
/// invoice date: on each day, first the invoices issued before it become open items, then the
/// settlements known before it go into the customers' histories (and the ledger-wide rates), and
/// only then are that day's invoices described.
///
/// It is how the risk model is trained (every settled invoice, described on its own date) and
/// evaluated the production way (``PayerRiskModel/evaluate(model:history:data:options:)``), and it
/// runs in O(rows · log rows + rows · open items per customer).
///
/// ```swift
/// LedgerTimeline.replay(ledger, describe: { _ in true }, handle: { event in
///     if case let .described(index, row) = event { print(ledger.invoices[index].invoiceID, row) }
/// })
/// ```
package enum LedgerTimeline {
    /// What the replay reports, in time order.
    package enum Event {
        /// Row `index`'s features on its invoice date.
        case described(Int, [Float])
        /// Row `index`'s settlement became known (reported before any invoice of a later day is described).
        case settled(Int)
    }

    /// Days of the trailing window of the ledger-wide late rate.
    package static let windowDays = 90

    /// Replays `ledger`, describing the rows for which `describe` is true (credit notes are never described).
    package static func replay(_ ledger: Ledger, describe: (Int) -> Bool, handle: (Event) -> Void) {
        let invoices = ledger.invoices
        let issued = invoices.indices.sorted { (invoices[$0].invoiceDate, $0) < (invoices[$1].invoiceDate, $1) }
        let settled = invoices.indices.filter { invoices[$0].knownSettledOn != nil && !invoices[$0].isCreditNote }
            .sorted { (invoices[$0].knownSettledOn!, $0) < (invoices[$1].knownSettledOn!, $1) }
        var histories: [String: PaymentHistory] = [:]
        // Open items in order of issue (an array, not a dictionary: sums over it must not depend on hash order).
        var openItems: [String: [PayerFeatures.OpenItem]] = [:]
        // Issue days per customer, in order (for the count of recent invoices).
        var issuedDays: [String: [CalendarDay]] = [:]
        var nextIssued = 0, nextSettled = 0, windowStart = 0
        var total = 0, lateTotal = 0, daysLateTotal = 0, disputeKnown = 0, disputedTotal = 0
        var windowCount = 0, windowLate = 0, daysPastDueTotal = 0, daysToPayTotal = 0
        var row = [Float](repeating: 0, count: PayerFeatures.count)
        var position = 0
        while position < issued.count {
            let day = invoices[issued[position]].invoiceDate
            while nextIssued < issued.count, invoices[issued[nextIssued]].invoiceDate < day {
                let invoice = invoices[issued[nextIssued]]
                issuedDays[invoice.customerID, default: []].append(invoice.invoiceDate)
                if !invoice.isCreditNote {
                    openItems[invoice.customerID, default: []].append(
                        PayerFeatures.OpenItem(
                            index: issued[nextIssued], amount: invoice.amount, dueDate: invoice.dueDate))
                }
                nextIssued += 1
            }
            while nextSettled < settled.count, invoices[settled[nextSettled]].knownSettledOn! < day {
                let index = settled[nextSettled]
                let invoice = invoices[index]
                histories[invoice.customerID, default: PaymentHistory()].record(invoice)
                openItems[invoice.customerID]?.removeAll { $0.index == index }
                let late = invoice.daysLate! > 0
                total += 1
                daysLateTotal += invoice.daysLate!
                daysPastDueTotal += invoice.dueDate.days(to: invoice.paidDate!)
                daysToPayTotal += invoice.invoiceDate.days(to: invoice.paidDate!)
                if late { lateTotal += 1 }
                if let disputed = invoice.disputed {
                    disputeKnown += 1
                    if disputed { disputedTotal += 1 }
                }
                windowCount += 1
                if late { windowLate += 1 }
                handle(.settled(index))
                nextSettled += 1
            }
            while windowStart < nextSettled, invoices[settled[windowStart]].knownSettledOn!.days(to: day) > windowDays {
                windowCount -= 1
                if invoices[settled[windowStart]].daysLate! > 0 { windowLate -= 1 }
                windowStart += 1
            }
            let neutral = PayerFeatures.Prior.neutral
            let a = PayerFeatures.shrinkage
            let prior = PayerFeatures.Prior(
                lateRate: (Double(lateTotal) + a * neutral.lateRate) / (Double(total) + a),
                meanDaysLate: (Double(daysLateTotal) + a * neutral.meanDaysLate) / (Double(total) + a),
                disputeRate: (Double(disputedTotal) + a * neutral.disputeRate) / (Double(disputeKnown) + a),
                meanDaysPastDue: (Double(daysPastDueTotal) + a * neutral.meanDaysPastDue) / (Double(total) + a),
                meanDaysToPay: (Double(daysToPayTotal) + a * neutral.meanDaysToPay) / (Double(total) + a))
            let recentRate = (Double(windowLate) + a * prior.lateRate) / (Double(windowCount) + a)
            while position < issued.count, invoices[issued[position]].invoiceDate == day {
                let index = issued[position]
                let invoice = invoices[index]
                if !invoice.isCreditNote && describe(index) {
                    PayerFeatures.fill(
                        &row, invoice: invoice, history: histories[invoice.customerID] ?? PaymentHistory(),
                        open: openItems[invoice.customerID] ?? [], prior: prior, ledgerLateRate: recentRate,
                        recentInvoices: (issuedDays[invoice.customerID] ?? []).reversed().prefix {
                            $0.days(to: day) <= windowDays
                        }.count)
                    handle(.described(index, row))
                }
                position += 1
            }
        }
        // Settlements known after the last invoice date still count (e.g. for online updates).
        while nextSettled < settled.count {
            handle(.settled(settled[nextSettled]))
            nextSettled += 1
        }
    }
}

extension LedgerTimeline {
    /// The described rows of `ledger` (those for which `describe` is true), in time order.
    package static func describedRows(_ ledger: Ledger, describe: (Int) -> Bool) -> [(index: Int, features: [Float])] {
        var rows: [(index: Int, features: [Float])] = []
        replay(
            ledger, describe: describe,
            handle: { event in
                if case let .described(index, row) = event { rows.append((index, row)) }
            })
        return rows
    }
}
