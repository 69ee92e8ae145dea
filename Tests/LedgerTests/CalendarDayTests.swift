import Testing

@testable import Ledger

@Suite("CalendarDay")
struct CalendarDayTests {
    @Test("ISO, slash and compact dates parse; a time of day is ignored")
    func parsing() throws {
        let day = try CalendarDay(parsing: "2013-05-07")
        #expect(day.description == "2013-05-07")
        #expect(try CalendarDay(parsing: "2013/05/07") == day)
        #expect(try CalendarDay(parsing: "20130507") == day)
        #expect(try CalendarDay(parsing: "2013-05-07 12:56") == day)
        #expect(try CalendarDay(parsing: "2013-05-07T23:59:59Z") == day)
        #expect(try CalendarDay(parsing: "1970-01-01").dayNumber == 0)
    }

    @Test(
        "impossible or malformed dates are errors",
        arguments: ["2013-02-29", "2012-13-01", "2012-00-10", "2012-04-31", "07/05/2013", "", "2013-5-7", "abcd-ef-gh"])
    func invalid(_ text: String) {
        #expect(throws: LedgerError.invalidDate(text)) { try CalendarDay(parsing: text) }
    }

    @Test("day numbers round-trip through the civil calendar across leap years and centuries")
    func roundTrip() throws {
        #expect(try CalendarDay(parsing: "2012-02-29").adding(days: 1).description == "2012-03-01")
        #expect(try CalendarDay(parsing: "2000-02-28").adding(days: 1).description == "2000-02-29")
        #expect(try CalendarDay(parsing: "1900-02-28").adding(days: 1).description == "1900-03-01")
        for number in stride(from: -719_162, through: 2_932_896, by: 4_999) {  // 0001-01-01 … 9999-12-31
            let day = CalendarDay(dayNumber: number)
            #expect(try CalendarDay(parsing: day.description) == day)
        }
    }
}
