import TextoCore

/// The public holidays of France (Code du travail L3133-1), for any year:
/// the days the legal send window stays closed (DOMAIN.md §3).
///
/// `alsaceMoselle` adds Good Friday and 26 December, public holidays in
/// Bas-Rhin, Haut-Rhin and Moselle (Code du travail L3134-13).
public enum FrenchHolidays: String, Sendable, CaseIterable {
    /// The eleven holidays of L3133-1.
    case national
    /// The national ones, Good Friday and 26 December.
    case alsaceMoselle = "alsace-moselle"

    /// One public holiday. The order is the calendar's.
    public enum Holiday: String, Sendable, CaseIterable {
        case newYearsDay, goodFriday, easterMonday, labourDay, victoryDay, ascension, whitMonday
        case nationalDay, assumption, allSaints, armistice, christmas, saintStephen

        /// The position in the calendar year's usual order (Ascension can
        /// fall on 1 May: it then comes after the fête du Travail).
        var order: Int { Self.allCases.firstIndex(of: self)! }

        /// True for the two that only Alsace-Moselle has.
        public var isLocal: Bool { self == .goodFriday || self == .saintStephen }

        /// Days after Easter Sunday for the movable ones, nil for fixed dates.
        var daysAfterEaster: Int? {
            switch self {
            case .goodFriday: -2
            case .easterMonday: 1
            case .ascension: 39
            case .whitMonday: 50
            default: nil
            }
        }

        /// Month and day for the fixed ones.
        var fixedDate: (month: Int, day: Int)? {
            switch self {
            case .newYearsDay: (1, 1)
            case .labourDay: (5, 1)
            case .victoryDay: (5, 8)
            case .nationalDay: (7, 14)
            case .assumption: (8, 15)
            case .allSaints: (11, 1)
            case .armistice: (11, 11)
            case .christmas: (12, 25)
            case .saintStephen: (12, 26)
            default: nil
            }
        }
    }

    /// The holidays this calendar has, in calendar order.
    public var holidays: [Holiday] {
        self == .national ? Holiday.allCases.filter { !$0.isLocal } : Holiday.allCases
    }

    /// The holiday on `date`, or nil for a working day. When two fall on
    /// the same day (Ascension on 1 May, as in 2008), the fixed one.
    /// - Complexity: O(1): Easter of the date's year and a few comparisons.
    public func holiday(on date: CivilDate) -> Holiday? {
        let (year, month, day) = date.components
        switch (month, day) {
        case (1, 1): return .newYearsDay
        case (5, 1): return .labourDay
        case (5, 8): return .victoryDay
        case (7, 14): return .nationalDay
        case (8, 15): return .assumption
        case (11, 1): return .allSaints
        case (11, 11): return .armistice
        case (12, 25): return .christmas
        case (12, 26): return self == .alsaceMoselle ? .saintStephen : nil
        // Easter Sunday falls from 22 March to 25 April: Good Friday from
        // 20 March, Whit Monday until 14 June.
        case (3...6, _):
            switch Self.easterSunday(year).days(to: date) {
            case -2: return self == .alsaceMoselle ? .goodFriday : nil
            case 1: return .easterMonday
            case 39: return .ascension
            case 50: return .whitMonday
            default: return nil
            }
        default: return nil
        }
    }

    /// The holidays of `year` with their dates, in calendar order.
    public func holidays(in year: Int) -> [(date: CivilDate, holiday: Holiday)] {
        let easter = Self.easterSunday(year)
        return holidays.map { holiday in
            if let offset = holiday.daysAfterEaster { return (easter.adding(days: offset), holiday) }
            let (month, day) = holiday.fixedDate!
            return (CivilDate(year: year, month: month, day: day)!, holiday)
        }.sorted { ($0.date.days, $0.holiday.order) < ($1.date.days, $1.holiday.order) }
    }

    /// Easter Sunday of `year` (Gregorian calendar), by the anonymous
    /// Gregorian computus (Meeus/Jones/Butcher, Nature 1876).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }
}
