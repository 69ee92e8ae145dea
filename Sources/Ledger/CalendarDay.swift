import SystemSupport

/// A calendar date as a day number (days since 1970-01-01, proleptic Gregorian), so that ledger
/// arithmetic — days late, trailing windows — is integer subtraction with no time zones involved.
///
/// ```swift
/// let due = try CalendarDay(parsing: "2013-05-07")
/// due.adding(days: 30).description   // "2013-06-06"
/// ```
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    package var dayNumber: Int

    /// The day `dayNumber` days after 1970-01-01.
    package init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The day of a valid Gregorian date. - Throws: ``LedgerError/invalidDate(_:)`` for an impossible date.
    package init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw LedgerError.invalidDate(String(format4(year)) + "-\(month)-\(day)")
        }
        self.dayNumber = CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, optionally followed by a time
    /// (`T…` or ` hh:mm…`, ignored: ledgers work in whole days).
    /// - Throws: ``LedgerError/invalidDate(_:)``.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8.prefix(while: { $0 != UInt8(ascii: "T") && $0 != UInt8(ascii: " ") }))
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let parts: (Int?, Int?, Int?)
        if bytes.count == 10, bytes[4] == bytes[7], bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/") {
            parts = (number(0..<4), number(5..<7), number(8..<10))
        } else if bytes.count == 8 {
            parts = (number(0..<4), number(4..<6), number(6..<8))
        } else {
            throw LedgerError.invalidDate(text)
        }
        guard let year = parts.0, let month = parts.1, let day = parts.2 else { throw LedgerError.invalidDate(text) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw LedgerError.invalidDate(text)
        }
    }

    /// This day moved by `days` (negative moves back).
    package func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    package func days(to other: CalendarDay) -> Int { other.dayNumber - dayNumber }

    /// Year, month and day.
    package var components: (year: Int, month: Int, day: Int) { CivilCalendar.date(days: dayNumber) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return format4(y) + "-" + format2(m) + "-" + format2(d)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
private func format4(_ value: Int) -> String {
    String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value)
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension CalendarDay {
    /// Today in UTC.
    public static var today: CalendarDay {
        CalendarDay(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
