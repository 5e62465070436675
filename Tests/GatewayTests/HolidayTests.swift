import Foundation
import Gateway
import Testing
import TextoCore

/// FrenchHolidays against `Holidays/holidays.tsv`, the PyPI `holidays`
/// package's days for 2020-2040 (made by `Holidays/make-holidays.py`).
@Suite("French public holidays")
struct HolidayTests {
    struct Row: Hashable, Sendable {
        var calendar: String
        var date: String
        var holiday: String
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Holidays/holidays.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count >= 3 ? Row(calendar: fields[0], date: fields[1], holiday: fields[2]) : nil
        }
    }()

    static let years = 2020...2040

    @Test("the oracle table is there: 11 national and 13 Alsace-Moselle holidays a year, 2020-2040")
    func tableSize() {
        #expect(Self.rows.count >= Self.years.count * 24)
        for calendar in FrenchHolidays.allCases {
            for year in Self.years {
                let count = Self.rows.filter { $0.calendar == calendar.rawValue && $0.date.hasPrefix("\(year)-") }.count
                #expect(count == calendar.holidays.count, "\(calendar) \(year)")
            }
        }
    }

    @Test("each year's holidays, dates and names, are the holidays package's", arguments: years)
    func sameAsOracle(year: Int) {
        for calendar in FrenchHolidays.allCases {
            let ours = Set(calendar.holidays(in: year).map { Row(calendar: calendar.rawValue, date: $0.date.description, holiday: $0.holiday.rawValue) })
            let oracle = Set(Self.rows.filter { $0.calendar == calendar.rawValue && $0.date.hasPrefix("\(year)-") })
            #expect(ours == oracle)
        }
    }

    @Test("every day of 2020-2040 is a holiday exactly when the table says so")
    func everyDay() {
        let first = CivilDate(year: Self.years.lowerBound, month: 1, day: 1)!
        let last = CivilDate(year: Self.years.upperBound, month: 12, day: 31)!
        for calendar in FrenchHolidays.allCases {
            let table = Dictionary(Self.rows.filter { $0.calendar == calendar.rawValue }.map { ($0.date, $0.holiday) }) { a, _ in a }
            var date = first
            while date <= last {
                #expect(calendar.holiday(on: date)?.rawValue == table[date.description], "\(calendar) \(date)")
                date = date.adding(days: 1)
            }
        }
    }

    @Test("Easter Sunday by the anonymous Gregorian computus, earliest and latest included", arguments: [
        (1818, "1818-03-22"), (1943, "1943-04-25"), (2000, "2000-04-23"), (2008, "2008-03-23"),
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2038, "2038-04-25"), (2285, "2285-03-22"),
    ])
    func easter(year: Int, date: String) {
        #expect(FrenchHolidays.easterSunday(year).description == date)
    }

    @Test("movable holidays of 2026: Easter Monday, Ascension Thursday, Whit Monday; Alsace-Moselle's Good Friday", arguments: [
        ("2026-04-03", FrenchHolidays.national, nil), ("2026-04-03", .alsaceMoselle, FrenchHolidays.Holiday.goodFriday),
        ("2026-04-06", .national, .easterMonday), ("2026-05-14", .national, .ascension), ("2026-05-25", .national, .whitMonday),
        ("2026-12-26", .national, nil), ("2026-12-26", .alsaceMoselle, .saintStephen), ("2026-05-15", .national, nil),
    ])
    func movable(date: String, calendar: FrenchHolidays, holiday: FrenchHolidays.Holiday?) {
        #expect(calendar.holiday(on: CivilDate.parse(date)!) == holiday)
    }

    @Test("Ascension on 1 May (2008): both are listed, the day is a holiday")
    func coinciding() {
        let mayDay = CivilDate(year: 2008, month: 5, day: 1)!
        #expect(FrenchHolidays.national.holiday(on: mayDay) == .labourDay)
        #expect(FrenchHolidays.national.holidays(in: 2008).filter { $0.date == mayDay }.map(\.holiday) == [.labourDay, .ascension])
    }

    @Test("names in French and English", arguments: [
        (FrenchHolidays.Holiday.whitMonday, "lundi de Pentecôte", "Whit Monday"),
        (.ascension, "Ascension", "Ascension Day"), (.easterMonday, "lundi de Pâques", "Easter Monday"),
        (.nationalDay, "fête nationale", "Bastille Day"), (.saintStephen, "Saint-Étienne", "St Stephen's Day"),
    ])
    func names(holiday: FrenchHolidays.Holiday, french: String, english: String) {
        #expect(holiday.name(in: .fr) == french)
        #expect(holiday.name(in: .en) == english)
    }
}
