import TextoCore

// The values of texto-emit's send-time options, read into the types above;
// each error says what to write instead. `--at` is SendStart(parsing:).

/// `--window`: the legal window (marketing) or none (notifications).
public enum WindowKind: String, Sendable, CaseIterable {
    case legal, none

    /// Reads `--window`'s value: `legal` or `none`.
    public init(parsing text: String) throws(ScheduleError) {
        self = try .parsing(text, option: "--window", code: .invalidWindow, noun: "send window",
                            hint: "Write legal (Monday to Saturday within the hours, no public holidays) or none (any time).")
    }
}

extension SendWindow {
    /// The window `--window`, `--hours` and `--holidays` describe (the
    /// hours and holidays only matter to the legal window).
    public init(_ kind: WindowKind, hours: SendHours = .standard, holidays: FrenchHolidays = .national) {
        self = kind == .none ? .none : .legal(hours: hours, holidays: holidays)
    }
}

extension FrenchHolidays {
    /// Reads `--holidays`'s value: `national` or `alsace-moselle`.
    public init(parsing text: String) throws(ScheduleError) {
        self = try .parsing(text, option: "--holidays", code: .invalidHolidays, noun: "holiday calendar",
                            hint: "Write national, or alsace-moselle to add Good Friday and 26 December (Bas-Rhin, Haut-Rhin, Moselle).")
    }
}

extension SendHours {
    /// Reads `--hours`' value: `08:00-20:00`, `8:30-19:00`, `8h30-20h`,
    /// `08:00-24:00` (until midnight); Paris time, the start first.
    public init(parsing text: String) throws(ScheduleError) {
        let value = text.trimmingWhitespace()
        func fail(_ detail: String) -> ScheduleError {
            ScheduleError(.invalidHours, at: DataLocation(option: "--hours"), detail,
                          hint: "Write the sending hours as 08:00-20:00: the start, a dash, the end (Paris time, 24:00 for midnight).")
        }
        var scanner = ByteScanner(value.replacingDash())
        guard let from = scanner.clockTime(), scanner.take("-"), let until = scanner.clockTime(), scanner.atEnd else {
            throw fail("\"\(value)\" is not a range of hours")
        }
        for (hour, minute) in [from, until] where !(hour < 24 && minute < 60) && !(hour == 24 && minute == 0) {
            throw fail("\(hour):\(minute < 10 ? "0" : "")\(minute) is not a time of day (00:00 to 24:00)")
        }
        let start = from.hour * 60 + from.minute, end = until.hour * 60 + until.minute
        guard let hours = SendHours(start: start, end: end) else {
            throw fail("the start, \(SendHours.clock(start)), is not before the end, \(SendHours.clock(end))")
        }
        self = hours
    }
}

extension SendRate {
    /// Reads `--rate`'s value: `50/s`, `50` (per second), `3000/min`,
    /// `2.5/s`, `180000/h`; above 0.
    public init(parsing text: String) throws(ScheduleError) {
        let value = text.trimmingWhitespace()
        func fail(_ detail: String) -> ScheduleError {
            ScheduleError(.invalidRate, at: DataLocation(option: "--rate"), detail,
                          hint: "Write a number of messages above 0 per second, minute or hour: 50/s, 50, 3000/min, 2.5/s.")
        }
        let parts = value.lowercased().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let unit = parts.count == 2 ? parts[1].trimmingWhitespace() : "s"
        let unitSeconds: Int
        switch unit {
        case "s", "sec", "second", "seconde": unitSeconds = 1
        case "min", "m", "minute": unitSeconds = 60
        case "h", "hour", "heure": unitSeconds = 3_600
        default: throw fail("\"\(value)\" is not a rate: the unit after / is s, min or h")
        }
        var scanner = ByteScanner(parts[0].trimmingWhitespace())
        let negative = scanner.take("-")
        guard let whole = scanner.number(digits: 1...12) else { throw fail("\"\(value)\" is not a rate") }
        var messages = whole, scale = 1
        if scanner.take(".") || scanner.take(",") {
            // Up to six decimals, kept exact: 2.5/s is 25 messages in 10 s.
            while let digit = scanner.digit() {
                guard scale < 1_000_000 else { throw fail("\"\(value)\" has more than six decimals") }
                messages = messages * 10 + digit
                scale *= 10
            }
        }
        guard scanner.atEnd else { throw fail("\"\(value)\" is not a rate") }
        guard !negative, let rate = SendRate(messages: messages, per: unitSeconds * scale) else {
            throw fail("a rate of \(value) sends nothing: it must be above 0")
        }
        self = rate
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The case `text` names (spaces around and case ignored), or a `code`
    /// error for `option` that says `"text" is not a <noun>`, suggests the
    /// closest case and ends with `hint`.
    static func parsing(_ text: String, option: String, code: ScheduleErrorCode, noun: String,
                        hint: String) throws(ScheduleError) -> Self {
        let value = text.trimmingWhitespace()
        guard let parsed = Self(rawValue: value.lowercased()) else {
            let suggestion = Suggestions.didYouMean(value, among: allCases.map(\.rawValue))
            throw ScheduleError(code, at: DataLocation(option: option), "\"\(value)\" is not a \(noun)",
                                hint: String((suggestion + " " + hint).drop { $0 == " " }))
        }
        return parsed
    }
}

extension ByteScanner {
    /// `08:00`, `8:00`, `8h`, `8h30`, `24:00` as hour and minute (not
    /// checked against the day's length).
    mutating func clockTime() -> (hour: Int, minute: Int)? {
        guard let hour = number(digits: 1...2) else { return nil }
        if take(":") {
            guard let minute = number(digits: 2...2) else { return nil }
            return (hour, minute)
        }
        guard take("h") || take("H") else { return nil }
        return (hour, number(digits: 2...2) ?? 0)
    }

    /// One decimal digit, if next.
    mutating func digit() -> Int? {
        guard !atEnd, bytes[index] &- UInt8(ascii: "0") < 10 else { return nil }
        defer { index += 1 }
        return Int(bytes[index] &- UInt8(ascii: "0"))
    }
}

extension String {
    /// With the en and em dashes people paste turned into `-`.
    func replacingDash() -> String {
        String(map { $0 == "–" || $0 == "—" ? "-" : $0 })
    }
}
