import Foundation
import Testing
import TextoCore

@Suite("Paris wall-clock time")
struct ParisTimeTests {
    static let tzdata = TimeZone(identifier: "Europe/Paris")

    @Test("offsets and wall clocks around the 2026 changes (vectors from Python's zoneinfo)", arguments: [
        (1_774_745_999, "2026-03-29", 7_199, 3_600),   // 2026-03-29T00:59:59Z, 01:59:59 CET
        (1_774_746_000, "2026-03-29", 10_800, 7_200),  // 2026-03-29T01:00:00Z, 03:00:00 CEST
        (1_792_889_999, "2026-10-25", 10_799, 7_200),  // 2026-10-25T00:59:59Z, 02:59:59 CEST
        (1_792_890_000, "2026-10-25", 7_200, 3_600),   // 2026-10-25T01:00:00Z, 02:00:00 CET
        (1_795_302_000, "2026-11-22", 0, 3_600),       // 2026-11-21T23:00:00Z, midnight CET
        (-3_600, "1970-01-01", 0, 3_600),              // before 1970: floor division
    ])
    func wallClock(unixTime: Int, date: String, secondOfDay: Int, offset: Int) {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        #expect(clock.date.description == date && clock.secondOfDay == secondOfDay && clock.utcOffset == offset)
        #expect(ParisTime.utcOffset(atUnixTime: unixTime) == offset)
    }

    @Test("a wall time is one moment, two in the October hour (summer time first), none in the March hour")
    func resolution() {
        let march = CivilDate.parse("2026-03-29")!, october = CivilDate.parse("2026-10-25")!
        #expect(ParisTime.unixTime(march, secondOfDay: 7_199) == .unique(1_774_745_999))
        #expect(ParisTime.unixTime(march, secondOfDay: 9_000) == .skipped(clocksJump: 1_774_746_000))
        #expect(ParisTime.unixTime(march, secondOfDay: 10_800) == .unique(1_774_746_000))
        #expect(ParisTime.unixTime(october, secondOfDay: 9_000) == .repeated(first: 1_792_888_200, second: 1_792_891_800))
        #expect(ParisTime.unixTime(october, secondOfDay: 10_800) == .unique(1_792_893_600))
        #expect(ParisTime.unixTime(october, secondOfDay: 7_199) == .unique(1_792_886_399))
    }

    @Test("the offset is the system time zone data's, 1996-2040, every 15 minutes around each change",
          .enabled(if: tzdata != nil, "needs the system's Europe/Paris time zone data"))
    func againstTimeZoneData() throws {
        let zone = try #require(Self.tzdata)
        for year in 1996...2040 {
            let summer = ParisTime.summerTime(year: year)
            for change in [summer.lowerBound, summer.upperBound] {
                for time in stride(from: change - 2 * 86_400, through: change + 2 * 86_400, by: 900) {
                    let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time)))
                    #expect(ParisTime.utcOffset(atUnixTime: time) == offset, "\(year) \(time)")
                    // Wall clock and back give the moment (the first of two in October).
                    let clock = ParisTime.wallClock(atUnixTime: time)
                    let back = ParisTime.unixTime(clock.date, secondOfDay: clock.secondOfDay)
                    switch back {
                    case .unique(let moment): #expect(moment == time)
                    case .repeated(let first, let second): #expect(first == time || second == time)
                    case .skipped: Issue.record("\(clock) was shown by a clock, so it exists")
                    }
                }
            }
        }
    }
}
