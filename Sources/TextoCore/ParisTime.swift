/// Europe/Paris: the zone of the run date. The EU rule (since 1996):
/// summer time (UTC+2) from the last Sunday of March, 01:00 UTC, to the
/// last Sunday of October, 01:00 UTC; UTC+1 otherwise. Computed here so that
/// the run date does not depend on the machine's time zone data.
public enum ParisTime {
    /// The civil date in Paris at `secondsSince1970` (UTC).
    public static func date(atUnixTime secondsSince1970: Int) -> CivilDate {
        let utcDays = Int((Double(secondsSince1970) / 86_400).rounded(.down))
        let year = CivilDate(days: utcDays).year
        let start = lastSunday(month: 3, year: year) * 86_400 + 3_600
        let end = lastSunday(month: 10, year: year) * 86_400 + 3_600
        let offset = secondsSince1970 >= start && secondsSince1970 < end ? 7_200 : 3_600
        return CivilDate(days: Int((Double(secondsSince1970 + offset) / 86_400).rounded(.down)))
    }

    /// The Unix time at which `date` begins in Paris (00:00 local).
    package static func startOfDay(_ date: CivilDate) -> Int {
        // Midnight is never inside a change (they happen at 02:00/03:00 local).
        for offset in [3_600, 7_200] {
            let candidate = date.days * 86_400 - offset
            if self.date(atUnixTime: candidate) == date, self.date(atUnixTime: candidate - 1) != date { return candidate }
        }
        return date.days * 86_400 - 3_600
    }

    /// Days since 1970 of the last Sunday of `month` (31 days: March, October).
    static func lastSunday(month: Int, year: Int) -> Int {
        let last = CivilDate.daysFromCivil(year, month, 31)
        // 1970-01-01 was a Thursday: weekday 0 = Sunday.
        let weekday = ((last + 4) % 7 + 7) % 7
        return last - weekday
    }
}

/// Paris wall-clock time both ways: what the send window and the batch
/// files' times are written in. Europe/Paris has had the EU rule since 1996;
/// these functions apply it to every year.
extension ParisTime {
    /// What Paris clocks show at a moment: the date, the seconds since local
    /// midnight, and the offset from UTC in seconds (3600 in winter, 7200 in
    /// summer).
    public struct WallClock: Hashable, Sendable {
        public var date: CivilDate
        /// 0..<86400.
        package var secondOfDay: Int
        /// Seconds east of UTC: 3600 (CET) or 7200 (CEST).
        package var utcOffset: Int
    }

    /// The moments at which Paris clocks show a given date and time.
    public enum Resolution: Hashable, Sendable {
        /// One moment: every wall time but those of the two yearly changes.
        case unique(Int)
        /// The autumn hour, 02:00-02:59 on the last Sunday of October,
        /// happens twice: first in summer time (UTC+2), then in winter time.
        case repeated(first: Int, second: Int)
        /// The spring hour, 02:00-02:59 on the last Sunday of March, never
        /// happens; `clocksJump` is the moment clocks went from 02:00 to 03:00.
        case skipped(clocksJump: Int)

        /// The first moment the clocks show that time, or when it never
        /// happens, the moment the clocks jumped over it (03:00 summer time).
        package var earliest: Int {
            switch self {
            case .unique(let time), .repeated(let time, _), .skipped(let time): time
            }
        }
    }

    /// Summer time in `year`, in Unix seconds: from the last Sunday of March
    /// 01:00 UTC to the last Sunday of October 01:00 UTC.
    package static func summerTime(year: Int) -> Range<Int> {
        (lastSunday(month: 3, year: year) * 86_400 + 3_600)..<(lastSunday(month: 10, year: year) * 86_400 + 3_600)
    }

    /// Seconds east of UTC in Paris at `secondsSince1970`: 7200 in summer time, 3600 otherwise.
    package static func utcOffset(atUnixTime secondsSince1970: Int) -> Int {
        let year = CivilDate(days: floorDivide(secondsSince1970, 86_400)).year
        return summerTime(year: year).contains(secondsSince1970) ? 7_200 : 3_600
    }

    /// The date, time of day and offset Paris clocks show at `secondsSince1970`.
    package static func wallClock(atUnixTime secondsSince1970: Int) -> WallClock {
        let offset = utcOffset(atUnixTime: secondsSince1970)
        let local = secondsSince1970 + offset
        let days = floorDivide(local, 86_400)
        return WallClock(date: CivilDate(days: days), secondOfDay: local - days * 86_400, utcOffset: offset)
    }

    /// The Unix time at which Paris clocks show `date` at `secondOfDay`
    /// (0..<86400): one moment, two in the repeated autumn hour, none in
    /// the skipped spring hour.
    package static func unixTime(_ date: CivilDate, secondOfDay: Int) -> Resolution {
        let local = date.days * 86_400 + secondOfDay
        let summer = summerTime(year: date.year)
        // The same wall time read with each offset; a reading is real when
        // the offset is the one in force at that moment.
        let asSummer = local - 7_200, asWinter = local - 3_600
        let summerReal = summer.contains(asSummer), winterReal = !summer.contains(asWinter)
        switch (summerReal, winterReal) {
        case (true, true): return .repeated(first: asSummer, second: asWinter)
        case (true, false): return .unique(asSummer)
        case (false, true): return .unique(asWinter)
        case (false, false): return .skipped(clocksJump: summer.lowerBound)
        }
    }

    /// Floor division (`/` truncates toward zero; times before 1970 are negative).
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
