import Foundation
import TextoCore

/// When an automated campaign runs (Resamania's birthdays, Echino's
/// contract ends): a frequency and a time of day, between a start date and
/// an optional end ("cesse de fonctionner à une date précise"), outside
/// its pauses, while it is active. The nightly `texto-run` asks it each
/// day; on a day that is not due, the run does nothing and says why.
///
/// A monthly day past a month's end (31 in April) runs on its last day;
/// a yearly 29 February runs on the 28th in other years.
public struct Recurrence: Sendable, Equatable {
    public var active = true
    public var start: CivilDate
    public var end: CivilDate?
    public var pauses: [ClosedRange<CivilDate>] = []
    public var frequency: Frequency
    /// The send's time of day, Paris time: `09:30`.
    public var time: String

    public enum Frequency: Sendable, Equatable {
        case daily
        /// On these ISO weekdays (1 Monday ... 7 Sunday).
        case weekly(Set<Int>)
        /// On this day of the month (1...31).
        case monthly(Int)
        /// On this month and day.
        case yearly(month: Int, day: Int)
    }

    /// Whether a run on `date` sends, or why not.
    public enum Decision: Equatable, Sendable {
        case due
        case notDue(String)
    }

    public func decision(on date: CivilDate) -> Decision {
        if !active { return .notDue("the pipeline is not active (active: false)") }
        if date < start { return .notDue("it starts on \(start)") }
        if let end, date > end { return .notDue("it ended on \(end)") }
        if let pause = pauses.first(where: { $0.contains(date) }) {
            return .notDue("it is paused from \(pause.lowerBound) to \(pause.upperBound)")
        }
        return isDue(date) ? .due : .notDue("not due today (\(description))")
    }

    private func isDue(_ date: CivilDate) -> Bool {
        let (year, month, day) = date.components
        switch frequency {
        case .daily:
            return true
        case .weekly(let days):
            return days.contains(date.weekday)
        case .monthly(let wanted):
            return day == min(wanted, CivilDate.daysIn(month: month, year: year))
        case .yearly(let wantedMonth, let wantedDay):
            return month == wantedMonth && day == min(wantedDay, CivilDate.daysIn(month: month, year: year))
        }
    }

    /// `every day at 09:30`, `every week on Monday, Thursday at 09:30`...
    public var description: String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        switch frequency {
        case .daily: return "every day at \(time)"
        case .weekly(let days): return "every week on \(days.sorted().map { names[$0 - 1] }.joined(separator: ", ")) at \(time)"
        case .monthly(let day): return "every month on day \(day) at \(time)"
        case .yearly(let month, let day): return "every year on \(String(format: "%02d-%02d", month, day)) at \(time)"
        }
    }

    /// Weekday names as people write them, French or English (`lundi`, `mon`, `Monday`).
    static func weekday(_ name: String) -> Int? {
        let text = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let french = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        let english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if let index = french.firstIndex(of: text) ?? english.firstIndex(of: text) { return index + 1 }
        if text.count >= 3, let index = english.firstIndex(where: { $0.hasPrefix(text) }) ?? french.firstIndex(where: { $0.hasPrefix(text) }) {
            return index + 1
        }
        return nil
    }
}
