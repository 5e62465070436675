import TextoCore

/// The first send time, as `--at` gives it: `2026-11-28T14:00`,
/// `2026-11-28 14:00`, `2026-11-28T14:00:30`, in Paris time unless an
/// offset follows (`+01:00`, `+0100`, `-05:00`, `Z`).
///
/// On the nights the clocks change, a Paris time may not be one moment:
/// - 02:00-02:59 on the last Sunday of March never happens (clocks go from
///   02:00 to 03:00): the start is the moment they jumped, 03:00 summer time;
/// - 02:00-02:59 on the last Sunday of October happens twice: the start is
///   the first, in summer time (`+02:00`); write `+01:00` for the second.
/// `note` says so, for the caller to warn. A time in the past is not an
/// error: whether to warn is the caller's business.
public struct SendStart: Hashable, Sendable {
    /// The first send time asked (Unix seconds).
    public var unixTime: Int
    /// How a Paris time was read; nil when the text gave an offset.
    public var resolution: ParisTime.Resolution?
    /// The value as given, for messages.
    public var text: String

    public init(unixTime: Int, resolution: ParisTime.Resolution? = nil, text: String = "") {
        self.unixTime = unixTime
        self.resolution = resolution
        self.text = text
    }

    /// Reads `--at`'s value.
    public init(parsing value: String) throws(ScheduleError) {
        let text = value.trimmingWhitespace()
        var scanner = ByteScanner(text)
        func fail(_ detail: String) -> ScheduleError {
            ScheduleError(.invalidTime, at: DataLocation(option: "--at"), detail,
                          hint: "Write the date and time as 2026-11-28T14:00 or 2026-11-28 14:00:30 (Paris time), "
                              + "or with an offset: 2026-11-28T14:00+01:00, 2026-11-28T13:00Z.")
        }
        guard let year = scanner.number(digits: 4...4), scanner.take("-"),
              let month = scanner.number(digits: 1...2), scanner.take("-"),
              let day = scanner.number(digits: 1...2) else {
            throw fail(text.isEmpty ? "no date and time given" : "\"\(text)\" is not a date and time")
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw fail("\(String(decoding: scanner.bytes[..<scanner.index], as: UTF8.self)) is not a date: "
                + "there is no day \(day) in month \(month) of \(year)")
        }
        guard !scanner.atEnd else { throw fail("\"\(text)\" has no time of day") }
        guard scanner.take("T") || scanner.take("t") || scanner.skipSpaces(),
              let hour = scanner.number(digits: 1...2), scanner.take(":"),
              let minute = scanner.number(digits: 2...2) else {
            throw fail("\"\(text)\" is not a date and time")
        }
        var second = 0
        if scanner.take(":") {
            guard let value = scanner.number(digits: 2...2) else { throw fail("\"\(text)\" is not a date and time") }
            second = value
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw fail("\(hour):\(minute < 10 ? "0" : "")\(minute) is not a time of day (00:00 to 23:59:59)")
        }
        let secondOfDay = hour * 3_600 + minute * 60 + second
        _ = scanner.skipSpaces()
        if scanner.atEnd {
            let resolution = ParisTime.unixTime(date, secondOfDay: secondOfDay)
            self.init(unixTime: resolution.earliest, resolution: resolution, text: text)
            return
        }
        let offsetStart = scanner.index
        var offset = 0
        if !(scanner.take("Z") || scanner.take("z")) {
            let sign = scanner.take("+") ? 1 : scanner.take("-") ? -1 : 0
            guard sign != 0, let hours = scanner.digits(2) else {
                throw fail("\"\(text)\" is not a date and time")
            }
            _ = scanner.take(":")
            let minutes = scanner.digits(2) ?? 0
            guard hours <= 18, minutes < 60 else {
                throw fail("\(String(decoding: scanner.bytes[offsetStart...], as: UTF8.self)) is not an offset from UTC (-18:00 to +18:00)")
            }
            offset = sign * (hours * 3_600 + minutes * 60)
        }
        guard scanner.atEnd else { throw fail("\"\(text)\" is not a date and time") }
        self.init(unixTime: date.days * 86_400 + secondOfDay - offset, text: text)
    }

    /// A sentence for a warning when the Paris time was on a clock-change
    /// night, nil otherwise: `2027-03-28T02:30 does not exist in Paris
    /// (clocks go from 02:00 to 03:00 that night): starting at
    /// 2027-03-28T03:00:00+02:00`.
    public var note: String? {
        switch resolution {
        case .skipped(let jump):
            return "\(text) does not exist in Paris (clocks go from 02:00 to 03:00 that night): "
                + "starting at \(SendTimeFormat.iso8601(jump))"
        case .repeated(let first, let second):
            return "\(text) happens twice in Paris (clocks go back from 03:00 to 02:00 that night): "
                + "starting at the first, \(SendTimeFormat.iso8601(first)); "
                + "write \(SendTimeFormat.iso8601(second)) for the second"
        case .unique, nil:
            return nil
        }
    }
}

/// Reads a short ASCII option value byte by byte.
struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    /// Takes `byte` if it is next.
    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Skips spaces; false when there were none.
    mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return index > start
    }

    /// Exactly `count` decimal digits, whatever follows (`+0100`).
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count, bytes[index..<index + count].allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        defer { index += count }
        return bytes[index..<index + count].reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
    }

    /// A decimal number of `digits` digits (as many as there are, up to the
    /// upper bound); nil, taking nothing, when there are fewer.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        var value = 0, count = 0
        while count < digits.upperBound, index + count < bytes.count, bytes[index + count] &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Int(bytes[index + count] &- UInt8(ascii: "0"))
            count += 1
        }
        guard count >= digits.lowerBound else { return nil }
        // More digits than allowed: not this field.
        if index + count < bytes.count, bytes[index + count] &- UInt8(ascii: "0") < 10 { return nil }
        index += count
        return value
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        // Index walks from both ends: reversing twice made every send time a batch reader parsed cost ~4 µs.
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
