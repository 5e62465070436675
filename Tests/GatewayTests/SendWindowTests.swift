@testable import Gateway
import Testing
import TextoCore

@Suite("Send window")
struct SendWindowTests {
    static let legal = SendWindow.legal()

    @Test("open from 08:00 to 20:00 Paris time, Monday to Saturday", arguments: [
        ("2026-11-27 19:59:59", true), ("2026-11-27 20:00:00", false),   // a Friday
        ("2026-11-27 07:59:59", false), ("2026-11-27 08:00:00", true),
        ("2026-11-28 14:00:00", true), ("2026-11-28 20:00:00", false),   // a Saturday
        ("2026-11-29 12:00:00", false),                                  // a Sunday
        ("2026-07-15 08:00:00", true), ("2026-07-15 07:59:59", false),   // summer time
        ("2026-07-14 12:00:00", false),                                  // fête nationale
    ])
    func edges(time: String, open: Bool) {
        #expect(Self.legal.contains(paris(time)) == open)
    }

    @Test("a closed time moves to the next opening, saying what it skipped", arguments: [
        // Saturday evening to Monday morning.
        ("2026-11-28 20:00:00", SendWindow.legal(), "2026-11-30 08:00:00 +01:00", "samedi 20:00 → lundi 08:00 : dimanche exclu"),
        // A weekday evening, a night only.
        ("2026-11-24 21:30:00", .legal(), "2026-11-25 08:00:00 +01:00",
         "mardi 21:30 → mercredi 08:00 : hors des heures d'envoi (08:00-20:00)"),
        ("2026-11-24 06:15:00", .legal(), "2026-11-24 08:00:00 +01:00",
         "mardi 06:15 → mardi 08:00 : hors des heures d'envoi (08:00-20:00)"),
        // Easter Monday and Whit Monday: Saturday to Tuesday.
        ("2026-04-04 20:00:00", .legal(), "2026-04-07 08:00:00 +02:00", "samedi 20:00 → mardi 08:00 : dimanche et lundi de Pâques exclus"),
        ("2026-05-23 20:00:00", .legal(), "2026-05-26 08:00:00 +02:00",
         "samedi 20:00 → mardi 08:00 : dimanche et lundi de Pentecôte exclus"),
        // Ascension Thursday: Wednesday evening to Friday.
        ("2026-05-13 20:00:00", .legal(), "2026-05-15 08:00:00 +02:00", "mercredi 20:00 → vendredi 08:00 : Ascension exclue"),
        // 1 May on a Saturday (2027): Friday evening to Monday.
        ("2027-04-30 20:00:00", .legal(), "2027-05-03 08:00:00 +02:00",
         "vendredi 20:00 → lundi 08:00 : fête du Travail et dimanche exclus"),
        // On the Sunday itself.
        ("2026-11-29 14:00:00", .legal(), "2026-11-30 08:00:00 +01:00", "dimanche 14:00 → lundi 08:00 : dimanche exclu"),
        // Christmas in Alsace-Moselle, 2026: Thursday evening to Monday.
        ("2026-12-24 20:00:00", .legal(holidays: .alsaceMoselle), "2026-12-28 08:00:00 +01:00",
         "jeudi 20:00 → lundi 08:00 : Noël, Saint-Étienne et dimanche exclus"),
        ("2026-12-24 20:00:00", .legal(), "2026-12-26 08:00:00 +01:00", "jeudi 20:00 → samedi 08:00 : Noël exclu"),
        // Other hours.
        ("2026-11-24 08:15:00", .legal(hours: SendHours(start: 510, end: 1_200)!), "2026-11-24 08:30:00 +01:00",
         "mardi 08:15 → mardi 08:30 : hors des heures d'envoi (08:30-20:00)"),
    ])
    func nextOpening(time: String, window: SendWindow, expected: String, sentence: String) throws {
        let opening = window.nextOpening(atOrAfter: paris(time))
        #expect(parisText(opening.time) == expected)
        let move = try #require(opening.move)
        #expect(move.sentence(in: .fr) == sentence)
        #expect(window.contains(opening.time))
        #expect(!window.contains(opening.time - 1))
    }

    @Test("an open time stays where it is")
    func openStays() {
        let time = paris("2026-11-28 19:59:59")
        #expect(Self.legal.nextOpening(atOrAfter: time) == SendWindow.Opening(time: time, move: nil))
        #expect(SendWindow.none.nextOpening(atOrAfter: paris("2026-11-29 03:00")).move == nil)
    }

    @Test("the sentences in English", arguments: [
        ("2026-05-23 20:00:00", "Saturday 20:00 → Tuesday 08:00: Sunday and Whit Monday skipped"),
        ("2026-05-13 20:00:00", "Wednesday 20:00 → Friday 08:00: Ascension Day skipped"),
        ("2026-11-24 21:30:00", "Tuesday 21:30 → Wednesday 08:00: outside sending hours (08:00-20:00)"),
    ])
    func english(time: String, sentence: String) {
        #expect(Self.legal.nextOpening(atOrAfter: paris(time)).move?.sentence(in: .en) == sentence)
    }

    @Test("a Sunday holiday is named as a Sunday (1 November 2026)")
    func sundayHoliday() {
        let move = Self.legal.nextOpening(atOrAfter: paris("2026-10-31 20:00")).move
        #expect(move?.closedDays.map(\.holiday) == [.allSaints])
        #expect(move?.sentence(in: .fr) == "samedi 20:00 → lundi 08:00 : dimanche exclu")
    }

    @Test("across the March and October clock changes the window keeps Paris wall-clock hours", arguments: [
        // Saturday before summer time (CET) to Monday in summer time (CEST): 35 hours.
        ("2026-03-28 20:00:00", "2026-03-30 08:00:00 +02:00", 35 * 3_600),
        // Saturday before winter time (CEST) to Monday in winter time (CET): 37 hours.
        ("2026-10-24 20:00:00", "2026-10-26 08:00:00 +01:00", 37 * 3_600),
    ])
    func clockChanges(time: String, expected: String, closedSeconds: Int) {
        let from = paris(time)
        let opening = Self.legal.nextOpening(atOrAfter: from)
        #expect(parisText(opening.time) == expected)
        #expect(opening.time - from == closedSeconds)
    }

    @Test("on a clock-change day, hours read each offset apart: 23 or 25 hours, a skipped or repeated hour")
    func clockChangeStretches() throws {
        let march = CivilDate.parse("2026-03-29")!, october = CivilDate.parse("2026-10-25")!
        let allDay = try #require(SendHours(start: 0, end: 1_440))
        let (marchDay, marchRest) = SendWindow.stretches(of: march, hours: allDay)
        #expect(marchDay.count == 23 * 3_600 && marchRest.isEmpty)
        let (octoberDay, octoberRest) = SendWindow.stretches(of: october, hours: allDay)
        #expect(octoberDay.count == 25 * 3_600 && octoberRest.isEmpty)
        // 02:10-02:40 does not happen in March and happens twice in October.
        let night = try #require(SendHours(start: 130, end: 160))
        let (none, alsoNone) = SendWindow.stretches(of: march, hours: night)
        #expect(none.isEmpty && alsoNone.isEmpty)
        let (summer, winter) = SendWindow.stretches(of: october, hours: night)
        #expect(parisText(summer.lowerBound) == "2026-10-25 02:10:00 +02:00" && summer.count == 1_800)
        #expect(parisText(winter.lowerBound) == "2026-10-25 02:10:00 +01:00" && winter.count == 1_800)
        #expect(winter.lowerBound - summer.lowerBound == 3_600)
    }

    @Test("the none window is always open")
    func noWindow() {
        for time in ["2026-11-29 03:00", "2026-12-25 12:00", "2026-03-29 03:30"] {
            #expect(SendWindow.none.contains(paris(time)))
        }
    }
}
