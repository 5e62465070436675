import TextoCore
import Tables
import Testing
@testable import Targeting

@Suite("Dates")
struct DateTests {
    static func date(_ text: String) -> CivilDate { CivilDate.parse(text)! }

    @Test("ISO and French dates read; impossible ones do not", arguments: [
        ("2026-11-22", "2026-11-22"), ("22/11/2026", "2026-11-22"), ("5/3/1987", "1987-03-05"), ("05-03-1987", "1987-03-05"),
        ("05.03.1987", "1987-03-05"), ("2026-11-22T10:30:00", "2026-11-22"), (" 29/02/2024 ", "2024-02-29"),
        ("1987-03-05 00:00:00", "1987-03-05"),
    ])
    func parsing(text: String, iso: String) {
        #expect(CivilDate.parse(text)?.description == iso)
    }

    @Test("not dates", arguments: ["31/02/1980", "29/02/2023", "2026-13-01", "05/03/87", "", "hier", "2026/11/22", "22-11/2026", "00/01/2026"])
    func notDates(text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test("months across month ends and leap years", arguments: [
        ("2026-03-31", -1, "2026-02-28"), ("2024-03-31", -1, "2024-02-29"), ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"), ("2026-12-15", 1, "2027-01-15"),
        ("2026-01-15", -1, "2025-12-15"),
    ])
    func months(start: String, months: Int, result: String) {
        #expect(Self.date(start).adding(months: months).description == result)
    }

    @Test("days across month ends and leap days")
    func days() {
        #expect(Self.date("2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(Self.date("2023-02-28").adding(days: 1).description == "2023-03-01")
        #expect(Self.date("2026-11-22").adding(days: -30).description == "2026-10-23")
        #expect(Self.date("2026-01-01").days(to: Self.date("2027-01-01")) == 365)
    }

    @Test("the run date is Paris's, across daylight saving changes (vectors from Python's zoneinfo)", arguments: [
        (1_774_740_600, "2026-03-29"),  // 2026-03-28T23:30:00Z, 00:30 CET
        (1_774_737_600, "2026-03-28"),  // 2026-03-28T22:40:00Z, 23:40 CET
        (1_774_745_940, "2026-03-29"),  // 2026-03-29T00:59:00Z, just before summer time
        (1_774_746_000, "2026-03-29"),  // 2026-03-29T01:00:00Z, summer time starts
        (1_782_858_600, "2026-07-01"),  // 2026-06-30T22:30:00Z, 00:30 CEST
        (1_782_855_000, "2026-06-30"),  // 2026-06-30T21:30:00Z, 23:30 CEST
        (1_792_880_400, "2026-10-25"),  // 2026-10-24T22:20:00Z, 00:20 CEST
        (1_792_889_940, "2026-10-25"),  // 2026-10-25T00:59:00Z, just before winter time
        (1_792_971_000, "2026-10-26"),  // 2026-10-25T23:30:00Z, 00:30 CET
        (1_795_563_000, "2026-11-25"),  // 2026-11-24T23:30:00Z, 00:30 CET
        (1_795_559_400, "2026-11-24"),  // 2026-11-24T22:30:00Z, 23:30 CET
        (1_709_163_000, "2024-02-29"),  // 2024-02-28T23:30:00Z, a leap day
    ])
    func paris(unixTime: Int, date: String) {
        #expect(ParisTime.date(atUnixTime: unixTime).description == date)
    }

    @Test("a Paris day starts at 23:00 UTC in winter and 22:00 UTC in summer")
    func startOfDay() {
        #expect(ParisTime.startOfDay(CivilDate.parse("2026-11-22")!) == 1_795_302_000)  // 2026-11-21T23:00:00Z
        #expect(ParisTime.startOfDay(CivilDate.parse("2026-07-01")!) == 1_782_856_800)  // 2026-06-30T22:00:00Z
        #expect(ParisTime.startOfDay(CivilDate.parse("2026-03-29")!) == 1_774_738_800)  // 2026-03-28T23:00:00Z
    }
}

@Suite("Derived fields")
struct DerivedFieldTests {
    static func date(_ text: String) -> CivilDate { CivilDate.parse(text)! }

    @Test("age in whole years; 29 February birthdays come on 1 March in common years", arguments: [
        ("1986-11-22", "2026-11-22", 40), ("1986-11-23", "2026-11-22", 39), ("2000-02-29", "2026-02-28", 25),
        ("2000-02-29", "2026-03-01", 26), ("2000-02-29", "2028-02-29", 28), ("2026-11-22", "2026-11-22", 0),
    ])
    func age(birth: String, today: String, age: Int) {
        #expect(DerivedFields.age(born: Self.date(birth), on: Self.date(today)) == age)
    }

    @Test("days until the next birthday", arguments: [
        ("1986-11-22", "2026-11-22", 0), ("1986-11-23", "2026-11-22", 1), ("1986-11-21", "2026-11-22", 364),
        ("2000-02-29", "2026-02-27", 2), ("2000-02-29", "2027-12-31", 60), ("1990-01-01", "2026-12-31", 1),
    ])
    func birthdays(birth: String, today: String, days: Int) {
        #expect(DerivedFields.daysUntilBirthday(born: Self.date(birth), on: Self.date(today)) == days)
    }

    @Test("département from the postal code: Corsica, overseas, a lost leading zero", arguments: [
        ("22000", "22"), ("35000", "35"), ("20000", "2A"), ("20167", "2A"), ("20200", "2B"), ("20600", "2B"),
        ("97400", "974"), ("97100", "971"), ("97600", "976"), ("98000", "980"), ("1000", "01"), ("01000", "01"),
        (" 75011 ", "75"),
    ])
    func departement(code: String, departement: String) {
        var code = code
        #expect(code.withUTF8 { DerivedFields.departement(postalCode: $0) } == departement)
    }

    @Test("not postal codes", arguments: ["", "ABC", "123", "750011", "2A004"])
    func notPostalCodes(code: String) {
        var code = code
        #expect(code.withUTF8 { DerivedFields.departement(postalCode: $0) } == nil)
    }
}
