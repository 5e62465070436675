import TextoCore

/// The daily sending hours, in Paris wall-clock time: from `start`
/// (included) to `end` (excluded), as minutes since midnight.
public struct SendHours: Hashable, Sendable, CustomStringConvertible {
    /// 0..<1440: 480 is 08:00.
    public let start: Int
    /// start+1...1440: 1200 is 20:00, 1440 is midnight at the end of the day.
    public let end: Int

    /// Nil unless `0 <= start < end <= 1440`: the hours must hold some time.
    public init?(start: Int, end: Int) {
        guard 0 <= start, start < end, end <= 1_440 else { return nil }
        self.start = start
        self.end = end
    }

    /// 08:00-20:00, what operators and providers allow (DOMAIN.md §3).
    public static let standard = SendHours(start: 480, end: 1_200)!

    /// `08:00-20:00`.
    public var description: String { "\(Self.clock(start))-\(Self.clock(end))" }

    /// `08:00` for 480.
    static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0\(hours)" : "\(hours)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }
}

/// When messages may be sent: the legal window for marketing (Monday to
/// Saturday within the hours, never on Sundays nor public holidays,
/// DOMAIN.md §3), or always (notifications).
///
/// The hours are wall-clock hours in Europe/Paris: 08:00 is 07:00 UTC in
/// winter and 06:00 UTC in summer, and on the nights the clocks change a
/// wall time may happen twice (October) or never (March).
public enum SendWindow: Hashable, Sendable {
    /// Always open.
    case none
    /// Monday to Saturday within `hours`, except the public holidays of
    /// `holidays`.
    case legal(hours: SendHours = .standard, holidays: FrenchHolidays = .national)

    /// Why a whole day is closed: a Sunday, or a holiday (both can be true).
    public struct ClosedDay: Hashable, Sendable {
        public var date: CivilDate
        public var holiday: FrenchHolidays.Holiday?
        public var isSunday: Bool { Weekday.of(date) == 0 }
    }

    /// Where a send time ends up: `time` itself when the window is open
    /// then, otherwise the next moment it opens, and how it got there.
    public struct Opening: Hashable, Sendable {
        /// The first allowed moment at or after the time asked (Unix seconds).
        public var time: Int
        /// Nil when the time asked was allowed.
        public var move: WindowMove?
    }

    /// True when a message may be sent at `unixTime`.
    public func contains(_ unixTime: Int) -> Bool {
        guard case .legal(let hours, _) = self else { return true }
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        return closedDay(clock.date) == nil
            && hours.start * 60 <= clock.secondOfDay && clock.secondOfDay < hours.end * 60
    }

    /// The first allowed moment at or after `unixTime`, with the closed
    /// time it skipped when it is later.
    /// - Complexity: O(1): a few days at most (Christmas in Alsace-Moselle
    ///   before a Sunday closes three in a row).
    public func nextOpening(atOrAfter unixTime: Int) -> Opening {
        let time = stretch(atOrAfter: unixTime).lowerBound
        return Opening(time: time, move: time == unixTime ? nil : move(from: unixTime, to: time))
    }

    /// The day's reason to stay closed, nil on a day with sending hours.
    public func closedDay(_ date: CivilDate) -> ClosedDay? {
        guard case .legal(_, let holidays) = self else { return nil }
        let holiday = holidays.holiday(on: date)
        return holiday != nil || Weekday.of(date) == 0 ? ClosedDay(date: date, holiday: holiday) : nil
    }

    /// Later than any send time: where `.none` ends.
    static let endOfTime = 1 << 60

    /// The open stretch holding `unixTime`, from `unixTime`, or else the
    /// first one after it: an unbroken run of Unix seconds in the window.
    /// Never empty.
    func stretch(atOrAfter unixTime: Int) -> Range<Int> {
        guard case .legal(let hours, _) = self else { return unixTime..<Self.endOfTime }
        var date = ParisTime.date(atUnixTime: unixTime)
        while true {
            if closedDay(date) == nil {
                let (first, second) = Self.stretches(of: date, hours: hours)
                for stretch in [first, second] where !stretch.isEmpty && unixTime < stretch.upperBound {
                    return max(stretch.lowerBound, unixTime)..<stretch.upperBound
                }
            }
            date = date.adding(days: 1)
        }
    }

    /// The Unix seconds at which Paris clocks show `date` within `hours`,
    /// in order: usually one range and an empty one (an empty range can
    /// lie anywhere). The day of a clock
    /// change reads each offset apart: in October, hours within 02:00-03:00
    /// happen twice (two ranges); in March, within 02:00-03:00, never.
    static func stretches(of date: CivilDate, hours: SendHours) -> (Range<Int>, Range<Int>) {
        let summer = ParisTime.summerTime(year: date.year)
        let start = date.days * 86_400 + hours.start * 60, end = date.days * 86_400 + hours.end * 60
        // The hours read as winter time (UTC+1), where winter time is in force.
        let asWinter = (start - 3_600)..<(end - 3_600)
        let winterBefore = asWinter.clamped(to: Int.min..<summer.lowerBound)
        let winter = winterBefore.isEmpty ? asWinter.clamped(to: summer.upperBound..<Int.max) : winterBefore
        // The hours read as summer time (UTC+2), where summer time is in force.
        let summerPart = ((start - 7_200)..<(end - 7_200)).clamped(to: summer)
        var (first, second) = (winter, summerPart)
        if first.isEmpty || (!second.isEmpty && second.lowerBound < first.lowerBound) { (first, second) = (second, first) }
        if !second.isEmpty, first.upperBound == second.lowerBound {
            first = first.lowerBound..<second.upperBound
            second = second.upperBound..<second.upperBound
        }
        return (first, second)
    }

    /// The move from `from` to `to` over closed time, with the whole days
    /// closed on the way (the day of `from` too when it is closed).
    func move(from: Int, to: Int) -> WindowMove {
        var closed: [ClosedDay] = []
        var date = ParisTime.date(atUnixTime: from)
        let last = ParisTime.date(atUnixTime: to)
        while date < last {
            if let day = closedDay(date) { closed.append(day) }
            date = date.adding(days: 1)
        }
        let hours: SendHours? = if case .legal(let hours, _) = self { hours } else { nil }
        return WindowMove(from: from, to: to, hours: hours ?? .standard, closedDays: closed)
    }
}

/// Days of the week, 0 = Sunday (1970-01-01 was a Thursday).
enum Weekday {
    static func of(_ date: CivilDate) -> Int { ((date.days + 4) % 7 + 7) % 7 }

    static let french = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    static let english = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func name(_ date: CivilDate, in language: Language) -> String {
        (language == .fr ? french : english)[of(date)]
    }
}
