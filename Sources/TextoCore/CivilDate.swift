/// A calendar date without a time or a zone: what birth dates, last visits
/// and subscription ends are (proleptic Gregorian calendar).
///
/// Stored as days since 1970-01-01, so comparing and subtracting are
/// integer operations.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let days: Int

    package init(days: Int) { self.days = days }

    /// The date `year`-`month`-`day`, nil when it does not exist (31/02).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        days = Self.daysFromCivil(year, month, day)
    }

    package var year: Int { components.year }
    public var month: Int { components.month }
    package var day: Int { components.day }

    /// Year, month and day (H. Hinnant's civil_from_days).
    public var components: (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.days < rhs.days }

    /// `2026-11-22`.
    public var description: String {
        let (year, month, day) = components
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(two(month))-\(two(day))"
    }

    /// The date `count` days later (earlier when negative).
    package func adding(days count: Int) -> CivilDate { CivilDate(days: days + count) }

    /// The same day `count` months later; a day the target month lacks
    /// becomes its last day (31 March - 1 month = 28 or 29 February).
    package func adding(months count: Int) -> CivilDate {
        let (year, month, day) = components
        let index = year * 12 + (month - 1) + count
        let newYear = index / 12, newMonth = index % 12 + 1
        return CivilDate(days: Self.daysFromCivil(newYear, newMonth, min(day, Self.daysIn(month: newMonth, year: newYear))))
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.days - days }

    /// The day of the week, ISO 8601: 1 Monday ... 7 Sunday (1970-01-01 was a Thursday).
    package var weekday: Int { ((days + 3) % 7 + 7) % 7 + 1 }

    /// True for a leap year of the Gregorian calendar.
    package static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a valid civil date (H. Hinnant's days_from_civil).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension CivilDate {
    /// Reads a date as exports write them: ISO `2026-11-22` (a time after
    /// `T` or a space is ignored) or French `22/11/2026` (also `22-11-2026`,
    /// `22.11.2026`, one-digit day or month). Two-digit years are refused:
    /// `05/03/87` could be 1887, 1987 or 2087 for a birth date.
    /// Returns nil for anything else, including dates that do not exist.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var bytes = text[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        var numbers: [Int] = []
        var lengths: [Int] = []
        var separators: [UInt8] = []
        var current = -1
        var length = 0
        for byte in bytes {
            if byte &- UInt8(ascii: "0") < 10 {
                current = (current < 0 ? 0 : current) * 10 + Int(byte &- UInt8(ascii: "0"))
                length += 1
                if length > 4 { return nil }
            } else {
                guard current >= 0 else { return nil }
                numbers.append(current)
                lengths.append(length)
                current = -1
                length = 0
                if numbers.count == 3 { break }  // the time part, if any, is ignored
                separators.append(byte)
            }
        }
        if current >= 0, numbers.count < 3 {
            numbers.append(current)
            lengths.append(length)
        }
        guard numbers.count == 3, separators.count == 2, separators[0] == separators[1] else { return nil }
        if lengths[0] == 4, separators[0] == UInt8(ascii: "-"), lengths[1] <= 2, lengths[2] <= 2 {
            return CivilDate(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        if lengths[2] == 4, lengths[0] <= 2, lengths[1] <= 2,
           [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(separators[0]) {
            return CivilDate(year: numbers[2], month: numbers[1], day: numbers[0])
        }
        return nil
    }

    /// Parses a `String` (tests and literals).
    public static func parse(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
