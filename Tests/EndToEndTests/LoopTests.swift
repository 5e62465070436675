import Foundation
import GRDB
import Testing

/// Issue 10, done when: emitting the fixture campaign, simulating the
/// gateway and ingesting its files gives the outcome counts the simulator
/// wrote, the STOP replies on the STOP list (and excluded by the next
/// texto-target), the NPAI numbers with their reason; ingesting the same
/// files again changes nothing.
@Suite("emit → simulate → ingest")
struct LoopTests {
    @Test("the store's outcomes, STOP and NPAI lists equal what the simulated gateway did; a second ingest changes nothing")
    func loop() throws {
        let now = ["TEXTO_NOW": "1795863600"]
        let emit = try StageRun.run("texto-emit", [
            "messages.csv", "--campaign", "noel-2026", "--sender", "KERKAFE", "--out", "batches",
            "--at", "2026-11-28T16:00", "--rate", "1/s", "--store", "texto.sqlite",
        ], inputs: ["messages/messages.csv"], environment: now)
        defer { emit.cleanUp() }
        #expect(emit.status == 0, emit.context)
        let simulate = try StageRun.run("texto-simulate", [
            "batches", "--out", "gateway", "--seed", "11", "--delivered", "0.7", "--expired", "0.1", "--failed", "0.15",
            "--stop", "0.2", "--reply", "0.2", "--noise", "0.3",
        ], folder: emit.folder)
        #expect(simulate.status == 0, simulate.context)
        // A day after the send: nothing is overdue yet (pending stays pending).
        let dayAfter = ["TEXTO_NOW": "1795950000"]
        let ingest = try StageRun.run("texto-ingest", ["gateway", "--store", "texto.sqlite", "--summary", "ingest.json"],
                                      folder: emit.folder, environment: dayAfter)
        #expect(ingest.status == 0, ingest.context)

        // What the simulator says happened, per message.
        let expected = parseCSV(try emit.file("gateway/expected.csv")).dropFirst()
        var outcomes: [String: Int] = [:], stops: Set<String> = [], npai: Set<String> = []
        for row in expected {
            outcomes[row[2], default: 0] += 1
            if row[5] == "stop" { stops.insert(row[1]) }
            if row[3] == "REJECTD" || (row[3] == "UNDELIV" && row[4] == "001") { npai.insert(row[1]) }
        }
        #expect(!stops.isEmpty && !npai.isEmpty, "the seed gives both")

        let store = try DatabaseQueue(path: emit.folder.appendingPathComponent("texto.sqlite").path)
        func snapshot() throws -> [String] {
            try store.read { db in
                try ["events", "outcomes", "replies", "suppressions", "ingested_files"].map { table in
                    "\(table) \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1)"
                }
            }
        }
        try store.read { db in
            var stored: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM outcomes GROUP BY state") { stored[row[0]] = row[1] }
            let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.message_id = m.id)") ?? 0
            if pending > 0 { stored["pending", default: 0] += pending }
            #expect(stored == outcomes)
            #expect(Set(try String.fetchAll(db, sql: "SELECT phone FROM suppressions WHERE reason = 'STOP'")) == stops)
            #expect(Set(try String.fetchAll(db, sql: "SELECT phone FROM suppressions WHERE reason = 'NPAI'")) == npai)
            #expect(try String.fetchAll(db, sql: "SELECT source FROM suppressions WHERE reason = 'NPAI'").allSatisfy {
                $0.contains("UNDELIV err:001") || $0.contains("REJECTD")
            })
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE message_id IS NULL") == 0)
        }
        let before = try snapshot()
        let again = try StageRun.run("texto-ingest", ["gateway", "--store", "texto.sqlite"], folder: emit.folder, environment: dayAfter)
        #expect(again.status == 0, again.context)
        #expect(try snapshot() == before)
        #expect(again.stderr.contains("0 files: 0 reports"))

        // The next targeting leaves the STOP and NPAI numbers out.
        let target = try StageRun.run("texto-target", [
            "messages.csv", "-o", "audience.csv", "--excluded", "excluded.csv", "--date", "2026-11-30", "--store", "texto.sqlite",
        ], folder: emit.folder)
        #expect(target.status == 0, target.context)
        let excluded = parseCSV(try emit.file("excluded.csv"))
        let phone = try #require(excluded.first?.firstIndex(of: "_phone")), reason = try #require(excluded.first?.firstIndex(of: "_reason"))
        #expect(Set(excluded.dropFirst().filter { $0[reason] == "stop" }.map { $0[phone] }) == stops)
        #expect(Set(excluded.dropFirst().filter { $0[reason] == "npai" }.map { $0[phone] }) == npai)

        // A follow-up to those whose message was not delivered, leaving out who replied.
        let followUp = try StageRun.run("texto-target", [
            "messages.csv", "-o", "relance.csv", "--excluded", "relance-excluded.csv", "--date", "2026-11-30", "--store", "texto.sqlite",
            "--not-delivered", "noel-2026", "--exclude-replied", "noel-2026",
        ], folder: emit.folder)
        #expect(followUp.status == 0, followUp.context)
        let notDelivered = Set(expected.filter { $0[2] != "delivered" }.map { $0[1] }).subtracting(npai)
        let audience = parseCSV(try emit.file("relance.csv"))
        let audiencePhone = try #require(audience.first?.firstIndex(of: "_phone"))
        #expect(Set(audience.dropFirst().map { $0[audiencePhone] }) == notDelivered)
        #expect(!notDelivered.isEmpty)
        let reasons = parseCSV(try emit.file("relance-excluded.csv"))
        let followUpReason = try #require(reasons.first?.firstIndex(of: "_reason"))
        let delivered = Set(expected.filter { $0[2] == "delivered" }.map { $0[1] }).subtracting(stops)
        #expect(Set(reasons.dropFirst().filter { $0[followUpReason] == "delivered:noel-2026" }.map { $0[audiencePhone] }) == delivered)
    }

    /// The numbers of `file`'s rows whose `_reason` is `reason`.
    static func numbers(_ run: StageRun, _ file: String, reason: String) throws -> Set<String> {
        let rows = parseCSV(try run.file(file))
        let phone = try #require(rows.first?.firstIndex(of: "_phone")), column = try #require(rows.first?.firstIndex(of: "_reason"))
        return Set(rows.dropFirst().filter { $0[column] == reason }.map { $0[phone] })
    }

    /// Numbers the simulator made reply STOP, from its expected.csv.
    static func stops(_ run: StageRun, _ folder: String) throws -> Set<String> {
        Set(parseCSV(try run.file(folder + "/expected.csv")).dropFirst().filter { $0[5] == "stop" }.map { $0[1] })
    }

    @Test("opt-out scopes: a STOP to a marketing campaign keeps the number from marketing only, a STOP to a notification of rappels from rappels only")
    func optOutScopes() throws {
        let emit = try StageRun.run("texto-emit", [
            "messages.csv", "--campaign", "noel-2026", "--sender", "KERKAFE", "--out", "noel", "--at", "2026-11-28T16:00", "--rate", "1/s",
        ], inputs: ["messages/messages.csv"], environment: ["TEXTO_NOW": "1795863600"])
        defer { emit.cleanUp() }
        #expect(emit.status == 0, emit.context)
        let simulateMarketing = try StageRun.run("texto-simulate", ["noel", "--out", "noel-gateway", "--seed", "11", "--stop", "0.3"],
                                                 folder: emit.folder)
        #expect(simulateMarketing.status == 0, simulateMarketing.context)
        let ingest = try StageRun.run("texto-ingest", ["noel-gateway"], folder: emit.folder, environment: ["TEXTO_NOW": "1795950000"])
        #expect(ingest.status == 0, ingest.context)
        let marketingStops = try Self.stops(emit, "noel-gateway")
        #expect(!marketingStops.isEmpty)

        // A reminder (a notification of the category rappels) to the same people: the marketing STOPs do not keep anyone from it.
        let reminder = try StageRun.run("texto-emit", [
            "messages.csv", "--campaign", "rappel-rdv", "--type", "notification", "--category", "rappels", "--sender", "KERKAFE",
            "--out", "rappel", "--at", "2026-11-30T10:00", "--excluded", "rappel-excluded.csv",
        ], folder: emit.folder, environment: ["TEXTO_NOW": "1795950000"])
        #expect(reminder.status == 0, reminder.context)
        #expect(try Self.numbers(reminder, "rappel-excluded.csv", reason: "STOP").isEmpty)
        let simulate = try StageRun.run("texto-simulate", ["rappel", "--out", "rappel-gateway", "--seed", "12", "--stop", "0.3"], folder: emit.folder)
        #expect(simulate.status == 0, simulate.context)
        let again = try StageRun.run("texto-ingest", ["rappel-gateway"], folder: emit.folder, environment: ["TEXTO_NOW": "1796040000"])
        #expect(again.status == 0, again.context)
        let reminderStops = try Self.stops(emit, "rappel-gateway")
        #expect(!reminderStops.isEmpty && !reminderStops.subtracting(marketingStops).isEmpty)

        let store = try DatabaseQueue(path: emit.folder.appendingPathComponent("texto.sqlite").path)
        let scoped = { (scope: String) in
            try store.read { db in Set(try String.fetchAll(db, sql: "SELECT phone FROM suppressions WHERE reason = 'STOP' AND scope = ?", arguments: [scope])) }
        }
        #expect(try scoped("marketing") == marketingStops)
        #expect(try scoped("rappels") == reminderStops)
        // The next marketing audience leaves out the marketing STOPs only; the next reminders', the reminders' STOPs only.
        let marketing = try StageRun.run("texto-target", ["messages.csv", "-o", "a.csv", "--excluded", "x.csv", "--date", "2026-12-01"],
                                         folder: emit.folder)
        #expect(marketing.status == 0, marketing.context)
        // (A number NPAI since is left out as NPAI, whatever else.)
        let npai = try store.read { db in Set(try String.fetchAll(db, sql: "SELECT phone FROM suppressions WHERE reason = 'NPAI'")) }
        #expect(try Self.numbers(marketing, "x.csv", reason: "stop") == marketingStops.subtracting(npai))
        let reminders = try StageRun.run("texto-target", [
            "messages.csv", "-o", "b.csv", "--excluded", "y.csv", "--date", "2026-12-01", "--category", "rappels",
        ], folder: emit.folder)
        #expect(reminders.status == 0, reminders.context)
        #expect(try Self.numbers(reminders, "y.csv", reason: "stop") == reminderStops.subtracting(npai))
    }
}
