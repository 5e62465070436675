import TextoCore

/// Send time moved over closed time: from a time outside the window (or
/// the moment it closed) to the moment it opens again, with the whole days
/// it stayed closed. The summary tells the user about each one.
public struct WindowMove: Hashable, Sendable {
    /// The time asked, or the moment the window closed (Unix seconds).
    public var from: Int
    /// The moment the window opens again (Unix seconds).
    public var to: Int
    /// The daily hours of the window, for a move that skips no whole day.
    public var hours: SendHours
    /// The closed days on the way, in order: Sundays and holidays, and the
    /// day of `from` when it is one.
    public var closedDays: [SendWindow.ClosedDay]

    /// The move in the user's words:
    /// `samedi 20:00 → mardi 08:00 : dimanche et lundi de Pentecôte exclus`,
    /// `Saturday 20:00 → Tuesday 08:00: Sunday and Whit Monday skipped`;
    /// `mardi 20:00 → mercredi 08:00 : hors des heures d'envoi (08:00-20:00)`
    /// when no whole day is skipped.
    public func sentence(in language: Language = .fr) -> String {
        let moment = { (time: Int) -> String in
            let clock = ParisTime.wallClock(atUnixTime: time)
            return Weekday.name(clock.date, in: language) + " " + Self.clock(clock.secondOfDay)
        }
        let route = moment(from) + " → " + moment(to)
        // A Sunday that is also a holiday is named as a Sunday: it would be
        // closed anyway.
        let days = closedDays.map { day -> (name: String, feminine: Bool) in
            guard let holiday = day.holiday, !day.isSunday else {
                return (Weekday.name(day.date, in: language), false)
            }
            return (holiday.name(in: language), holiday.isFeminineInFrench)
        }
        switch language {
        case .fr:
            guard !days.isEmpty else { return route + " : hors des heures d'envoi (\(hours))" }
            // The participle agrees: exclu, exclue, exclus, exclues.
            let participle = "exclu" + (days.allSatisfy(\.feminine) ? "e" : "") + (days.count > 1 ? "s" : "")
            return route + " : " + Self.list(days.map(\.name), and: "et") + " " + participle
        case .en:
            guard !days.isEmpty else { return route + ": outside sending hours (\(hours))" }
            return route + ": " + Self.list(days.map(\.name), and: "and") + " skipped"
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String], and word: String) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(word) " + names.last!
    }

    /// `20:00`, or `19:59:30` when the seconds are not zero.
    static func clock(_ secondOfDay: Int) -> String {
        let text = SendHours.clock(secondOfDay / 60)
        let seconds = secondOfDay % 60
        return seconds == 0 ? text : text + (seconds < 10 ? ":0\(seconds)" : ":\(seconds)")
    }
}
