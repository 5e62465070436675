import Gateway
import Testing
import TextoCore

@Suite("Send-time options")
struct ScheduleOptionsTests {
    @Test("--at: Paris time with or without seconds, T or a space; an offset or Z when given", arguments: [
        ("2026-11-28T14:00", "2026-11-28T14:00:00+01:00"),
        ("2026-11-28 14:00", "2026-11-28T14:00:00+01:00"),
        ("2026-11-28T14:00:30", "2026-11-28T14:00:30+01:00"),
        (" 2026-07-14 9:05 ", "2026-07-14T09:05:00+02:00"),
        ("2026-11-28T14:00+01:00", "2026-11-28T14:00:00+01:00"),
        ("2026-11-28T14:00:00+0200", "2026-11-28T13:00:00+01:00"),
        ("2026-11-28T13:00Z", "2026-11-28T14:00:00+01:00"),
        ("2026-11-28T08:00-05:00", "2026-11-28T14:00:00+01:00"),
    ])
    func at(text: String, iso: String) throws {
        let start = try SendStart(parsing: text)
        #expect(SendTimeFormat.iso8601(start.unixTime) == iso)
        #expect(start.note == nil)
    }

    @Test("--at in the March hour that does not exist starts when the clocks jumped, 03:00 summer time")
    func springForward() throws {
        let start = try SendStart(parsing: "2026-03-29T02:30")
        #expect(SendTimeFormat.iso8601(start.unixTime) == "2026-03-29T03:00:00+02:00")
        #expect(start.note == "2026-03-29T02:30 does not exist in Paris (clocks go from 02:00 to 03:00 that night): "
            + "starting at 2026-03-29T03:00:00+02:00")
    }

    @Test("--at in the October hour that happens twice takes the first; +01:00 gives the second")
    func fallBack() throws {
        let start = try SendStart(parsing: "2026-10-25 02:30")
        #expect(SendTimeFormat.iso8601(start.unixTime) == "2026-10-25T02:30:00+02:00")
        #expect(start.note?.contains("write 2026-10-25T02:30:00+01:00 for the second") == true)
        let second = try SendStart(parsing: "2026-10-25T02:30+01:00")
        #expect(second.unixTime == start.unixTime + 3_600)
    }

    @Test("--at reads back the ISO times the batch files hold: the same moment, on both sides of each clock change")
    func roundTrip() throws {
        for start in [paris("2026-03-29 01:00"), paris("2026-10-25 01:00")] {
            for time in stride(from: start, to: start + 4 * 3_600, by: 600) {
                #expect(try SendStart(parsing: SendTimeFormat.iso8601(time)).unixTime == time)
            }
        }
    }

    @Test("--at refuses what is not a date and time, saying what to write", arguments: [
        ("", "--at: no date and time given"),
        ("demain", "--at: \"demain\" is not a date and time"),
        ("28/11/2026 14:00", "--at: \"28/11/2026 14:00\" is not a date and time"),
        ("2026-11-28", "--at: \"2026-11-28\" has no time of day"),
        ("2026-02-30T10:00", "--at: 2026-02-30 is not a date: there is no day 30 in month 2 of 2026"),
        ("2026-11-28T25:00", "--at: 25:00 is not a time of day (00:00 to 23:59:59)"),
        ("2026-11-28T14:00+25:00", "--at: +25:00 is not an offset from UTC (-18:00 to +18:00)"),
        ("2026-11-28T14:00:00.5", "--at: \"2026-11-28T14:00:00.5\" is not a date and time"),
        ("2026-11-28T14h00", "--at: \"2026-11-28T14h00\" is not a date and time"),
    ])
    func atErrors(text: String, message: String) {
        #expect {
            try SendStart(parsing: text)
        } throws: { error in
            guard let error = error as? ScheduleError else { return false }
            return error.code == .invalidTime && error.category == .usage && error.location == DataLocation(option: "--at")
                && error.description == message + ". Write the date and time as 2026-11-28T14:00 or 2026-11-28 14:00:30 (Paris time), "
                    + "or with an offset: 2026-11-28T14:00+01:00, 2026-11-28T13:00Z."
        }
    }

    @Test("--rate: per second, minute or hour, decimals kept exact", arguments: [
        ("50/s", 50, 1), ("50", 50, 1), ("3000/min", 50, 1), ("7/min", 7, 60), ("2.5/s", 5, 2), ("2,5/s", 5, 2),
        ("180000/h", 50, 1), (" 10 / min ", 1, 6), ("0.5", 1, 2),
    ])
    func rate(text: String, messages: Int, seconds: Int) throws {
        let rate = try SendRate(parsing: text)
        #expect(rate.messages == messages && rate.seconds == seconds)
    }

    @Test("--rate refuses 0, negative rates and unknown units", arguments: [
        ("0", "--rate: a rate of 0 sends nothing: it must be above 0"),
        ("0/s", "--rate: a rate of 0/s sends nothing: it must be above 0"),
        ("-5/s", "--rate: a rate of -5/s sends nothing: it must be above 0"),
        ("50/day", "--rate: \"50/day\" is not a rate: the unit after / is s, min or h"),
        ("fast", "--rate: \"fast\" is not a rate"),
        ("", "--rate: \"\" is not a rate"),
    ])
    func rateErrors(text: String, message: String) {
        #expect {
            try SendRate(parsing: text)
        } throws: { error in
            (error as? ScheduleError)?.description
                == message + ". Write a number of messages above 0 per second, minute or hour: 50/s, 50, 3000/min, 2.5/s."
        }
    }

    @Test("a rate from a Double: messages per second to the thousandth")
    func rateFromDouble() {
        #expect(SendRate(perSecond: 50) == SendRate(messages: 50, per: 1))
        #expect(SendRate(perSecond: 0.25) == SendRate(messages: 1, per: 4))
        #expect(SendRate(perSecond: 0) == nil && SendRate(perSecond: -1) == nil && SendRate(perSecond: .nan) == nil)
    }

    @Test("--hours: 08:00-20:00 and the ways people write it", arguments: [
        ("08:00-20:00", 480, 1_200), ("8:30-19:00", 510, 1_140), ("8h30-20h", 510, 1_200), ("08:00–20:00", 480, 1_200),
        ("00:00-24:00", 0, 1_440),
    ])
    func hours(text: String, start: Int, end: Int) throws {
        #expect(try SendHours(parsing: text) == SendHours(start: start, end: end))
    }

    @Test("--hours refuses a range that is not one", arguments: [
        ("20:00-08:00", "--hours: the start, 20:00, is not before the end, 08:00"),
        ("08:00-08:00", "--hours: the start, 08:00, is not before the end, 08:00"),
        ("08:00-25:00", "--hours: 25:00 is not a time of day (00:00 to 24:00)"),
        ("08:61-20:00", "--hours: 8:61 is not a time of day (00:00 to 24:00)"),
        ("8-20", "--hours: \"8-20\" is not a range of hours"),
    ])
    func hoursErrors(text: String, message: String) {
        #expect {
            try SendHours(parsing: text)
        } throws: { error in
            (error as? ScheduleError)?.description
                == message + ". Write the sending hours as 08:00-20:00: the start, a dash, the end (Paris time, 24:00 for midnight)."
        }
    }

    @Test("--window and --holidays")
    func windowAndHolidays() throws {
        #expect(try SendWindow(WindowKind(parsing: "legal"), holidays: FrenchHolidays(parsing: "alsace-moselle"))
            == .legal(hours: .standard, holidays: .alsaceMoselle))
        #expect(try SendWindow(WindowKind(parsing: "NONE")) == SendWindow.none)
        #expect(throws: ScheduleError.self) { try WindowKind(parsing: "legale") }
        #expect((try? WindowKind(parsing: "legale")) == nil)
        do {
            _ = try WindowKind(parsing: "legale")
        } catch {
            #expect(error.description == "--window: \"legale\" is not a send window. Did you mean \"legal\"? "
                + "Write legal (Monday to Saturday within the hours, no public holidays) or none (any time).")
        }
        #expect(throws: ScheduleError.self) { try FrenchHolidays(parsing: "alsace") }
    }
}
