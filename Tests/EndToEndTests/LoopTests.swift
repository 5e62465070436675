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
}
