import Foundation
import GRDB
@testable import Pipeline
import TestSupport
import Testing
import TextoCore

@Suite("Recurring pipelines")
struct RecurrenceTests {
    /// Every date from `first` to `last`.
    static func dates(_ first: String, _ last: String) -> [CivilDate] {
        let start = CivilDate.parse(first)!, end = CivilDate.parse(last)!
        return (0...start.days(to: end)).map { start.adding(days: $0) }
    }

    static func due(_ recurrence: Recurrence, _ first: String, _ last: String) -> [String] {
        dates(first, last).filter { recurrence.decision(on: $0) == .due }.map(\.description)
    }

    /// Foundation's Gregorian calendar, as the oracle of weekdays and month lengths.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func components(_ date: CivilDate) -> DateComponents {
        calendar.dateComponents([.weekday, .day, .month, .year], from: Date(timeIntervalSince1970: TimeInterval(date.days * 86_400)))
    }

    @Test("every day from the start to the end, outside the pauses")
    func daily() {
        var recurrence = Recurrence(start: CivilDate.parse("2026-03-01")!, end: CivilDate.parse("2026-12-31")!, frequency: .daily, time: "09:30")
        recurrence.pauses = [CivilDate.parse("2026-08-01")!...CivilDate.parse("2026-08-15")!]
        let due = Self.due(recurrence, "2026-01-01", "2027-03-01")
        #expect(due.count == 306 - 15 && due.first == "2026-03-01" && due.last == "2026-12-31")
        #expect(!due.contains("2026-08-01") && !due.contains("2026-08-15") && due.contains("2026-08-16"))
        #expect(recurrence.decision(on: CivilDate.parse("2026-08-10")!) == .notDue("it is paused from 2026-08-01 to 2026-08-15"))
        #expect(recurrence.decision(on: CivilDate.parse("2027-01-01")!) == .notDue("it ended on 2026-12-31"))
        #expect(recurrence.decision(on: CivilDate.parse("2026-02-01")!) == .notDue("it starts on 2026-03-01"))
        recurrence.active = false
        #expect(Self.due(recurrence, "2026-01-01", "2027-03-01").isEmpty)
    }

    @Test("weekly on given days: the weekdays Foundation's calendar gives, over two years")
    func weekly() {
        let recurrence = Recurrence(start: CivilDate.parse("2027-01-01")!, frequency: .weekly([1, 4]), time: "09:30")
        let due = Self.due(recurrence, "2027-01-01", "2028-12-31")
        let expected = Self.dates("2027-01-01", "2028-12-31").filter { [2, 5].contains(Self.components($0).weekday) }.map(\.description)
        #expect(due == expected && due.count == 208)
        #expect(Recurrence.weekday("Lundi") == 1 && Recurrence.weekday("thu") == 4 && Recurrence.weekday("dimanche") == 7 && Recurrence.weekday("x") == nil)
    }

    @Test("monthly on day 31: each month's last day; yearly on 29 February: the 28th in other years")
    func monthlyAndYearly() {
        let monthly = Recurrence(start: CivilDate.parse("2027-01-01")!, frequency: .monthly(31), time: "09:30")
        let due = Self.due(monthly, "2027-01-01", "2028-12-31")
        let lastDays = Self.dates("2027-01-01", "2028-12-31").filter { date in
            let next = Self.components(date.adding(days: 1))
            return next.day == 1
        }.map(\.description)
        #expect(due == lastDays && due.count == 24 && due.contains("2028-02-29") && due.contains("2027-02-28"))
        let yearly = Recurrence(start: CivilDate.parse("2026-01-01")!, frequency: .yearly(month: 2, day: 29), time: "09:30")
        #expect(Self.due(yearly, "2026-01-01", "2029-12-31") == ["2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"])
    }

    @Test("the recurrence section: its errors say what is expected", arguments: [
        ("every: fortnight\nstart: 2027-01-01\nat: '09:30'", "`fortnight` is not a value of every"),
        ("every: week\nstart: 2027-01-01\nat: '09:30'", "a weekly recurrence needs its `days`"),
        ("every: week\ndays: [lundi, funday]\nstart: 2027-01-01\nat: '09:30'", "`funday` is not a day of the week"),
        ("every: month\nday: 32\nstart: 2027-01-01\nat: '09:30'", "a monthly recurrence needs its `day`"),
        ("every: year\ndate: 02-30\nstart: 2027-01-01\nat: '09:30'", "a yearly recurrence needs its `date`"),
        ("every: day\nstart: 2027-01-01\nat: '9h30'", "its time of day"),
        ("every: day\nat: '09:30'", "needs `start`"),
        ("every: day\nstart: 2027-01-01\nend: 2026-01-01\nat: '09:30'", "ends before it starts"),
        ("every: day\nstart: 2027-01-01\nat: '09:30'\npauses: [{from: 2027-02-01, to: 2027-01-01}]", "a pause ends before it starts"),
    ])
    func errors(_ section: String, _ detail: String) {
        let text = "campaign: {id: a, sender: KERKAFE}\nrecurrence:\n" + section.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            + "\nreport: {out: r}\n"
        let error = #expect(throws: PipelineError.self) { try PipelineFile.parse(text, path: "p.yaml") }
        #expect(error?.detail.contains(detail) == true, "\(String(describing: error))")
        #expect(error?.location.line != nil)
    }

    @Test("on the day the clocks go forward, a time that does not exist (02:30) sends when the gap ends (03:00)")
    func springForward() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("p.yaml")
        try """
            campaign: {id: p, sender: KERKAFE, stop_mention: STOP au 36035}
            recurrence: {every: day, at: "02:30", start: 2027-03-28, end: 2027-03-28}
            input: {files: [\(PipelineRunTests.fixtures.appendingPathComponent("targeting/clients.csv").path)]}
            targeting: {where: "departement = 29"}
            message: {template: "Bonjour !"}
            schedule: {window: none}
            emit: {out: batches}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = RunConfiguration(pipeline: path, date: CivilDate.parse("2027-03-28")!)
        configuration.now = CivilDate.parse("2027-03-27")!.days * 86_400
        _ = try PipelineRun.run(configuration)
        let first = try DatabaseQueue(path: folder.file("texto.sqlite")).read { try String.fetchOne($0, sql: "SELECT min(scheduled_at) FROM messages") }
        #expect(first == "2027-03-28T01:00:00Z", "03:00 summer time, where the gap ends (as texto-emit --at does)")
    }

    @Test("a weekly pipeline run every day of a year sends exactly on its due days, at its time, each occurrence a campaign of its own")
    func yearOfRuns() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("fidelite.yaml")
        try """
            campaign: {id: fidelite, name: Fidélité, sender: KERKAFE, stop_mention: STOP au 36035}
            recurrence:
              every: week
              days: [lundi]
              at: "02:30"
              start: 2027-01-01
              end: 2027-12-31
              pauses: [{from: 2027-08-01, to: 2027-08-31}]
            input: {files: [\(PipelineRunTests.fixtures.appendingPathComponent("targeting/clients.csv").path)]}
            targeting: {where: "departement = 29", consent_column: AUTORISE_SMS}
            message: {template: "Bonjour $PRENOM$ !"}
            schedule: {window: none}
            emit: {out: batches}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        var sent: [String] = []
        for date in Self.dates("2026-12-30", "2028-01-02") {
            var configuration = RunConfiguration(pipeline: path, date: date)
            configuration.now = date.days * 86_400
            let summary = try PipelineRun.run(configuration)
            if summary.notDue == nil { sent.append(date.description) }
        }
        let mondays = Self.dates("2027-01-01", "2027-12-31").filter { Self.components($0).weekday == 2 && Self.components($0).month != 8 }
        #expect(sent == mondays.map(\.description) && sent.count == 47, "52 Mondays, 5 of them in August")
        let store = try DatabaseQueue(path: folder.file("texto.sqlite"))
        let campaigns = try store.read { try Row.fetchAll($0, sql: "SELECT campaign_id, min(scheduled_at) FROM messages GROUP BY campaign_id ORDER BY 1") }
        #expect(campaigns.count == 47)
        // 02:30 Paris: 01:30 UTC in winter, 00:30 in summer.
        #expect(campaigns.first?[0] == "fidelite-2027-01-04" && campaigns.first?[1] == "2027-01-04T01:30:00Z")
        #expect(campaigns.contains { $0[0] == "fidelite-2027-07-05" && $0[1] == "2027-07-05T00:30:00Z" })
    }
}
