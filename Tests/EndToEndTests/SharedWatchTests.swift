import Foundation
import GRDB
import TestSupport
import Testing

/// Several hosts on one PostgreSQL (issue 15): four watchers share a folder
/// and a store; each drop is a campaign run once, and the outcomes are a
/// single machine's.
@Suite("Shared folder, shared store", .serialized, .enabled(if: TestPostgres.url != nil))
struct SharedWatchTests {
    /// Friday 2026-11-27 10:00 Paris: the campaigns send at once.
    static let environment = ["TEXTO_NOW": "1795770000"]

    /// A folder with the pipeline (the watch demo's) and an empty drop folder.
    static func layout() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("depot"), withIntermediateDirectories: true)
        let pipeline = """
            campaign: {id: relance, name: Relance clients, sender: KERKAFE, type: marketing, stop_mention: STOP au 36035}
            input: {country: FR}
            targeting: {consent_column: AUTORISE_SMS}
            message:
              template: Bonjour $PRENOM$, votre café vous attend à $VILLE$ !
              unit_price: 0.045
            emit: {format: csv, out: batches}
            store: texto.sqlite
            runs: runs
            """
        try Data(pipeline.utf8).write(to: folder.appendingPathComponent("relance.yaml"))
        return folder
    }

    /// Forty client lists of five numbers each, none shared.
    static func drop(_ count: Int, into depot: URL) throws {
        for list in 0..<count {
            var text = "NOM;PRENOM;TELEPHONE;AUTORISE_SMS;VILLE\n"
            for person in 0..<5 {
                let number = list * 5 + person
                text += "CLIENT;P\(number);06 31 \(String(format: "%02d %02d %02d", number / 10_000, number / 100 % 100, number % 100));Oui;Brest\n"
            }
            // Written under a dotted name, then renamed in: as a copy tool does.
            let hidden = depot.appendingPathComponent(".liste-\(list).csv.part")
            try Data(text.utf8).write(to: hidden)
            try FileManager.default.moveItem(at: hidden, to: depot.appendingPathComponent("liste-\(list).csv"))
        }
    }

    static func receipts(_ depot: URL) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: depot.appendingPathComponent("done").path)) ?? [])
            .filter { $0.hasSuffix(".recu.txt") }.count
    }

    static func watcher(_ folder: URL, store: String, log: URL) throws -> Process {
        try StageRun.start("texto-watch", ["depot", "--pipeline", "relance.yaml", "--shared", "--store", store, "--settle", "0.2", "--rescan", "0.3",
                                           "--wait", "120"], in: folder, environment: environment, log: log)
    }

    @Test("four watchers, forty campaigns from one folder: each run once, no ledger row twice, the outcomes of one machine on SQLite")
    func fourWatchers() throws {
        let url = try TestPostgres.newStore()
        let shared = try Self.layout()
        defer { try? FileManager.default.removeItem(at: shared) }
        let depot = shared.appendingPathComponent("depot")
        let watchers = try (0..<4).map { try Self.watcher(shared, store: url, log: shared.appendingPathComponent("watcher-\($0).log")) }
        defer { for watcher in watchers where watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }
        Thread.sleep(forTimeInterval: 1)
        try Self.drop(40, into: depot)
        // About 15 s on this machine; the rest is room for a loaded one.
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline, Self.receipts(depot) < 40 { Thread.sleep(forTimeInterval: 0.3) }
        for watcher in watchers { kill(watcher.processIdentifier, SIGTERM) }
        for watcher in watchers { watcher.waitUntilExit() }
        let logs = try (0..<4).map { try String(contentsOf: shared.appendingPathComponent("watcher-\($0).log"), encoding: .utf8) }
        #expect(watchers.allSatisfy { $0.terminationStatus == 0 }, "\(logs)")
        #expect(Self.receipts(depot) == 40, "\(logs)\n\(FileManager.default.subpaths(atPath: depot.path) ?? [])")
        // Every watcher took part, each file once.
        let taken = logs.map { $0.components(separatedBy: ": scheduled → done/").count - 1 }
        #expect(taken.reduce(0, +) == 40, "\(taken)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: depot.appendingPathComponent(".texto/claims").path)) ?? []).isEmpty)

        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM campaigns") == "40\n")
        #expect(try TestPostgres.psql(url, "SELECT count(*), count(DISTINCT (campaign_id, phone)) FROM messages") == "200|200\n")
        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM batch_files") == "40\n")

        // The gateway answers every batch; two hosts ingest its reports at once.
        let simulate = try StageRun.run("texto-simulate", ["batches", "--out", "gateway", "--seed", "7"], folder: shared, environment: Self.environment)
        #expect(simulate.status == 0, simulate.context)
        let ingests = try (0..<2).map { index in
            try StageRun.start("texto-ingest", ["gateway", "--store", url], in: shared, environment: ["TEXTO_NOW": "1795950000"],
                               log: shared.appendingPathComponent("ingest-\(index).log"))
        }
        for ingest in ingests { ingest.waitUntilExit() }
        let ingestLogs = try (0..<2).map { try String(contentsOf: shared.appendingPathComponent("ingest-\($0).log"), encoding: .utf8) }
        #expect(ingests.allSatisfy { $0.terminationStatus == 0 }, "\(ingestLogs)")

        // The same forty lists on one machine, one watcher, SQLite.
        let alone = try Self.layout()
        defer { try? FileManager.default.removeItem(at: alone) }
        try Self.drop(40, into: alone.appendingPathComponent("depot"))
        let once = try StageRun.run("texto-watch", ["depot", "--pipeline", "relance.yaml", "--once", "--settle", "0"], folder: alone,
                                    environment: Self.environment)
        #expect(once.status == 0, once.context)
        for (stage, arguments, now) in [("texto-simulate", ["batches", "--out", "gateway", "--seed", "7"], "1795770000"),
                                        ("texto-ingest", ["gateway"], "1795950000")] {
            let run = try StageRun.run(stage, arguments, folder: alone, environment: ["TEXTO_NOW": now])
            #expect(run.status == 0, run.context)
        }
        let sqlite = try DatabaseQueue(path: alone.appendingPathComponent("texto.sqlite").path)
        let outcomes = "SELECT o.state || '|' || count(*) FROM outcomes o GROUP BY o.state ORDER BY o.state"
        let expected = try sqlite.read { try String.fetchAll($0, sql: outcomes) }
        #expect(expected.count > 0)
        let actual = try TestPostgres.psql(url, outcomes).split(separator: "\n").map(String.init)
        #expect(actual == expected, "PostgreSQL \(actual), SQLite \(expected)")
        let events = "SELECT count(*) FROM events"
        #expect(try TestPostgres.psql(url, events) == "\(try sqlite.read { try Int.fetchOne($0, sql: events) } ?? -1)\n", "no report twice")
        let perCampaign = "SELECT count(*) || '|' || sum(segments) FROM messages"
        #expect(try TestPostgres.psql(url, perCampaign) == (try sqlite.read { try String.fetchOne($0, sql: perCampaign) } ?? "") + "\n")
    }
}
