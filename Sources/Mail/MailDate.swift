import SystemSupport

/// RFC 5322 dates (`Tue, 3 Mar 2026 09:15:00 +0100`), parsed leniently: the day name, the
/// seconds and the zone may be missing; obsolete zone names (GMT, EST, …) are understood.
package enum MailDate {
    /// Seconds since 1970-01-01 UTC, or nil when the text is not a date.
    package static func secondsSince1970(_ text: String) -> Int64? {
        // Read on the bytes, tokens as ranges: every message has a Date, and splitting it into
        // Strings was a tenth of the per-message cost in profiles.
        var text = text
        return text.withUTF8 { seconds(in: $0) }
    }

    private static func seconds(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var tokens = split(bytes, isSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") })
        if let first = tokens.first, integer(bytes[first]) == nil, month(bytes[first]) == nil { tokens.removeFirst() }
        guard tokens.count >= 4 else { return nil }
        var day: Int, month: Int
        if let d = integer(bytes[tokens[0]]), let m = Self.month(bytes[tokens[1]]) {
            day = d; month = m
        } else if let m = Self.month(bytes[tokens[0]]), let d = integer(bytes[tokens[1]]) {
            day = d; month = m  // "Mar 3 2026 …"
        } else {
            return nil
        }
        guard var year = integer(bytes[tokens[2]]), year >= 0, (1...31).contains(day) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard year <= 9999 else { return nil }
        let clock = bytes[tokens[3]]
        let time = split(UnsafeBufferPointer(rebasing: clock), isSeparator: { $0 == UInt8(ascii: ":") })
            .map { integer(clock[clock.startIndex + $0.lowerBound..<clock.startIndex + $0.upperBound]) }
        guard time.count >= 2, let hour = time[0], let minute = time[1], (0...23).contains(hour),
            (0...59).contains(minute)
        else { return nil }
        let second = time.count > 2 ? (time[2] ?? 0) : 0
        var offset = 0
        if tokens.count > 4 { offset = zoneOffset(bytes[tokens[4]]) }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 60)) - Int64(offset)
    }

    /// The non-empty runs between separators, as offset ranges.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, isSeparator: (UInt8) -> Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where isSeparator(byte) {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// The integer the bytes spell (an optional sign, then decimal digits), as `Int(_:)` reads it.
    private static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var digits = bytes[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// The month (1–12) a token starts with: "Mar", "march", "MAR." (its first three letters, any case).
    private static func month(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard token.count >= 3 else { return nil }
        let start = token.startIndex
        let key = String(
            decoding: [token[start], token[start + 1], token[start + 2]].map(ByteSearch.lower), as: UTF8.self)
        return months[key]
    }

    /// ISO 8601 in UTC (`2026-03-03T08:15:00Z`).
    package static func iso8601(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = CivilCalendar.date(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
        "dec": 12,
    ]

    /// Obsolete zone names (RFC 5322 §4.3) and common ones, in hours east of UTC.
    private static let zoneHours: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2,
    ]

    private static func zoneOffset(_ zone: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        if let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), zone.count >= 5,
            let value = integer(zone[(zone.startIndex + 1)..<(zone.startIndex + 5)])
        {
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return sign == UInt8(ascii: "-") ? -seconds : seconds
        }
        return (zoneHours[String(decoding: zone.map(ByteSearch.lower), as: UTF8.self)] ?? 0) * 3600
    }
}
