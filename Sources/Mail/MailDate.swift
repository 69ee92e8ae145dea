import SystemSupport

/// RFC 5322 dates (`Tue, 3 Mar 2026 09:15:00 +0100`), parsed leniently: the day name, the
/// seconds and the zone may be missing; obsolete zone names (GMT, EST, …) are understood.
public enum MailDate {
    /// Seconds since 1970-01-01 UTC, or nil when the text is not a date.
    public static func secondsSince1970(_ text: String) -> Int64? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map { String($0) }
        if let first = tokens.first, Int(first) == nil, months[first.prefix(3).lowercased()] == nil { tokens.removeFirst() }
        guard tokens.count >= 4 else { return nil }
        var day: Int, month: Int
        if let d = Int(tokens[0]), let m = months[tokens[1].prefix(3).lowercased()] {
            day = d; month = m
        } else if let m = months[tokens[0].prefix(3).lowercased()], let d = Int(tokens[1]) {
            day = d; month = m  // "Mar 3 2026 …"
        } else { return nil }
        guard var year = Int(tokens[2]), year >= 0, (1...31).contains(day) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard year <= 9999 else { return nil }
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, let hour = time[0], let minute = time[1], (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = time.count > 2 ? (time[2] ?? 0) : 0
        var offset = 0
        if tokens.count > 4 { offset = zoneOffset(tokens[4]) }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 60)) - Int64(offset)
    }

    /// ISO 8601 in UTC (`2026-03-03T08:15:00Z`).
    public static func iso8601(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = CivilCalendar.date(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    private static func zoneOffset(_ zone: String) -> Int {
        if let sign = zone.first, sign == "+" || sign == "-", zone.count >= 5, let value = Int(zone.dropFirst().prefix(4)) {
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        let hours: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                                    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2]
        return (hours[zone.lowercased()] ?? 0) * 3600
    }
}
