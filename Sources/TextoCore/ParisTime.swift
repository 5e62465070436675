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
    public static func startOfDay(_ date: CivilDate) -> Int {
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
