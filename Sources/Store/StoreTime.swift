import TextoCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the store writes times: ISO 8601 in UTC to the second,
/// `2026-11-22T09:30:00Z`.
///
/// One fixed width and one zone, so that text order is time order
/// (`scheduled_at >= ?` works on the index) and every SQLite tool shows
/// the same thing; `datetime(scheduled_at, 'localtime')` gives Paris time
/// on a French machine. Fractions of a second are dropped: no report or
/// schedule is more precise.
public enum StoreTime {
    /// `date` as stored, rounded down to the second.
    /// `text` of a Unix time in seconds.
    package static func text(unixTime: Int) -> String {
        text(Date(timeIntervalSince1970: TimeInterval(unixTime)))
    }

    public static func text(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func append(_ value: Int32, digits: Int) {
            var divisor: Int32 = 1
            for _ in 1..<digits { divisor *= 10 }
            var value = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        append(parts.tm_year + 1900, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mon + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(parts.tm_mday, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(parts.tm_hour, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_min, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(parts.tm_sec, digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The lower bound to compare stored times with: a time inside a second
    /// counts from the next whole second, so that nothing earlier than
    /// `date` is included.
    static func lowerBound(_ date: Date) -> String {
        text(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.up)))
    }

    /// A time a person gives as a bound (`--since`): a stored time
    /// (`2026-11-22T09:30:00Z`), or a date, which starts at midnight in
    /// Paris (`2026-11-22` is 2026-11-21T23:00:00Z); nil for anything else.
    public static func since(_ text: String) -> Date? {
        if let date = date(text) { return date }
        guard text.utf8.count == 10, let day = CivilDate.parse(text) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(ParisTime.startOfDay(day)))
    }

    /// Reads a stored time's bytes (`2026-11-22T09:30:00Z`) as Unix
    /// seconds, without `timegm`: the reports read two per message.
    package static func unixTime(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        var valid = true
        func number(_ start: Int, _ count: Int) -> Int {
            var value = 0
            for offset in start..<start + count {
                let digit = bytes[offset] &- UInt8(ascii: "0")
                if digit > 9 { valid = false }
                value = value * 10 + Int(digit)
            }
            return value
        }
        let (hour, minute, second) = (number(11, 2), number(14, 2), number(17, 2))
        guard let day = CivilDate(year: number(0, 4), month: number(5, 2), day: number(8, 2)),
              valid, hour < 24, minute < 60, second < 61 else { return nil }
        return day.days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Reads a stored time (`2026-11-22T09:30:00Z`); nil for anything else.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for byte in bytes[range] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int32(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
