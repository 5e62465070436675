import Foundation
import GRDB
import TestSupport
import Testing

/// texto-run as the README's first command runs it: the demo pipeline on
/// the fixtures, from the repository's layout.
@Suite("texto-run")
struct RunCommandTests {
    /// A folder with the repository's `pipelines/demo.yaml` and `Fixtures/` (a link).
    static func checkout() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pipelines"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: StageRun.repository.appendingPathComponent("pipelines/demo.yaml"),
                                         to: folder.appendingPathComponent("pipelines/demo.yaml"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: StageRun.repository.appendingPathComponent("Fixtures"))
        return folder
    }

    @Test("pipelines/demo.yaml runs the whole loop into out/demo/ and says where the report is; run again, it changes nothing")
    func demo() throws {
        let folder = try Self.checkout()
        let run = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-27"], folder: folder,
                                   environment: ["TEXTO_NOW": "1795863600"])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        for step in ["import", "target", "render", "emit", "simulate", "ingest", "report"] {
            #expect(run.stderr.contains("texto-run: \(step): "), "a line per step: \(step)")
        }
        #expect(run.stderr.contains("report out/demo/rapports/demo.html"), run.context)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/demo/rapports/demo.xlsx").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/demo/runs/demo/2026-11-27/manifest.json").path))
        let batches = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/demo/batches").path)
        #expect(batches.contains { $0.hasSuffix(".csv") })

        let again = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-27"], folder: folder,
                                     environment: ["TEXTO_NOW": "1795863600"])
        #expect(again.status == 0, again.context)
        #expect(again.stderr.contains("1 step run, 6 unchanged"), again.context)
        let store = try DatabaseQueue(path: folder.appendingPathComponent("out/demo/texto.sqlite").path)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == 11)

        // The schedule: this run emitted for Saturday evening (still to come at TEXTO_NOW), a dry run prepared.
        let dry = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-26", "--dry-run"], folder: folder,
                                   environment: ["TEXTO_NOW": "1795863600"])
        #expect(dry.status == 0, dry.context)
        let schedule = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--schedule", "list"], folder: folder,
                                        environment: ["TEXTO_NOW": "1795863600"])
        #expect(schedule.status == 0, schedule.context)
        let lines = String(decoding: schedule.stdout, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines == ["RUN CAMPAIGN STATE MESSAGES FIRST SEND (PARIS) LAST SEND",
                          "2026-11-26 demo prepared - - -",
                          "2026-11-27 demo scheduled 11 2026-11-28 19:59 2026-11-30 08:00"], "\(lines)")
        let later = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--schedule", "list"], folder: folder,
                                     environment: ["TEXTO_NOW": "1796000000"])
        #expect(String(decoding: later.stdout, as: UTF8.self).split(separator: "\n").last?.split(separator: " ").contains("sent") == true,
                later.context)
    }

    @Test("the demo on a PostgreSQL store (TEXTO_STORE): the same report, byte for byte, as on SQLite", .enabled(if: TestPostgres.url != nil))
    func demoOnPostgres() throws {
        let environment = ["TEXTO_NOW": "1795863600"]
        let sqlite = try Self.checkout()
        let onSQLite = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-27"], folder: sqlite, environment: environment)
        #expect(onSQLite.status == 0, onSQLite.context)
        let postgres = try Self.checkout()
        let url = try TestPostgres.newStore()
        let onPostgres = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-27"], folder: postgres,
                                          environment: environment.merging(["TEXTO_STORE": url]) { $1 })
        #expect(onPostgres.status == 0, onPostgres.context)
        #expect(!FileManager.default.fileExists(atPath: postgres.appendingPathComponent("out/demo/texto.sqlite").path), "no SQLite store made")
        let reports = try FileManager.default.contentsOfDirectory(atPath: sqlite.appendingPathComponent("out/demo/rapports").path).sorted()
        #expect(reports.contains("demo.html") && reports.contains("demo.xlsx"), "\(reports)")
        for name in reports {
            let expected = try Data(contentsOf: sqlite.appendingPathComponent("out/demo/rapports/\(name)"))
            let actual = try Data(contentsOf: postgres.appendingPathComponent("out/demo/rapports/\(name)"))
            #expect(actual == expected, "\(name) differs")
        }
        // The store's own view: the campaigns listed the same.
        let listed = try [sqlite, postgres].map { folder in
            try StageRun.run("texto-store", ["campaigns", "--store", folder == sqlite ? "out/demo/texto.sqlite" : url], folder: folder,
                             environment: environment).stdout
        }
        #expect(listed[0] == listed[1])
        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM messages") == "11\n")
    }

    @Test("texto-store copy moves the demo's store to PostgreSQL whole: the same report from either; a second copy is refused",
          .enabled(if: TestPostgres.url != nil))
    func copyToPostgres() throws {
        let environment = ["TEXTO_NOW": "1795863600"]
        let folder = try Self.checkout()
        let demo = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--date", "2026-11-27"], folder: folder, environment: environment)
        #expect(demo.status == 0, demo.context)
        // An opt-out erased before the move: its hash and its key must follow.
        let stop = try StageRun.run("texto-store", ["suppressions", "add", "0630050660", "--reason", "STOP", "--store", "out/demo/texto.sqlite"],
                                    folder: folder, environment: environment)
        #expect(stop.status == 0, stop.context)
        let forget = try StageRun.run("texto-store", ["forget", "0630050660", "--store", "out/demo/texto.sqlite"], folder: folder, environment: environment)
        #expect(forget.status == 0, forget.context)

        let url = try TestPostgres.newStore()
        let key = folder.appendingPathComponent("pg.key").path
        let copy = try StageRun.run("texto-store", ["copy", "--from", "out/demo/texto.sqlite", "--to", url], folder: folder,
                                    environment: environment.merging(["TEXTO_ERASURE_KEY": key]) { $1 })
        #expect(copy.status == 0, copy.context)
        #expect(copy.stderr.contains("messages 11") && copy.stderr.contains("suppression_hashes 1") && copy.stderr.contains("erasure key copied"),
                copy.context)
        let check = try StageRun.run("texto-store", ["check", "--store", url], folder: folder,
                                     environment: environment.merging(["TEXTO_ERASURE_KEY": key]) { $1 })
        #expect(check.status == 0 && check.stderr.contains(": ok, schema version"), check.context)

        for (out, store) in [("from-sqlite", "out/demo/texto.sqlite"), ("from-postgres", url)] {
            let report = try StageRun.run("texto-report", ["--out", out, "--store", store], folder: folder, environment: environment)
            #expect(report.status == 0, report.context)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("from-sqlite").path).sorted()
        #expect(names.contains("demo.html"))
        for name in names {
            #expect(try Data(contentsOf: folder.appendingPathComponent("from-postgres/\(name)"))
                        == Data(contentsOf: folder.appendingPathComponent("from-sqlite/\(name)")), "\(name) differs")
        }
        let again = try StageRun.run("texto-store", ["copy", "--from", "out/demo/texto.sqlite", "--to", url], folder: folder, environment: environment)
        #expect(again.status == 64 && again.stderr.contains("already holds rows"), again.context)
    }

    @Test("--copy duplicates the demo as a new campaign, runs nothing; a second copy of the same id is refused")
    func copy() throws {
        let folder = try Self.checkout()
        let run = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--copy", "demo-2027"], folder: folder)
        defer { run.cleanUp() }
        #expect(run.status == 0 && run.stderr.contains("copied to pipelines/demo-2027.yaml"), run.context)
        let copy = try String(contentsOf: folder.appendingPathComponent("pipelines/demo-2027.yaml"), encoding: .utf8)
        #expect(copy.contains("id: demo-2027") && copy.contains("name: Copie de Démo Ker Kafé") && copy.contains("# The whole loop"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing ran")
        let again = try StageRun.run("texto-run", ["pipelines/demo.yaml", "--copy", "demo-2027"], folder: folder)
        #expect(again.status == 64, again.context)
    }

    @Test("a pipeline file in the current folder: its store and runs beside it")
    func inCurrentFolder() throws {
        let pipeline = "campaign: {id: a, sender: KERKAFE}\ninput: {files: [clients.csv]}\n"
        let run = try StageRun.run("texto-run", ["a.yaml", "--date", "2026-11-27"], inputs: ["targeting/clients.csv"],
                                   files: ["a.yaml": Data(pipeline.utf8)])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("runs/a/2026-11-27/contacts.csv").path))
    }

    @Test("a typo in a key: exit 64, the line and column, the keys allowed")
    func typo() throws {
        let run = try StageRun.run("texto-run", ["p.yaml"], files: ["p.yaml": Data("campaign:\n  id: x\n  sendr: KERKAFE\n".utf8)])
        defer { run.cleanUp() }
        #expect(run.status == 64, run.context)
        #expect(run.stderr.contains("p.yaml, line 3, column 3") && run.stderr.contains("`sendr` is not a key of campaign")
                    && run.stderr.contains("sender"), run.context)
        let missing = try StageRun.run("texto-run", ["nope.yaml"], folder: run.folder)
        #expect(missing.status == 66, missing.context)
    }
}

/// texto-run killed (`kill -9`) at random moments, many times, then run
/// to the end: the same result as a run never interrupted.
@Suite("texto-run killed and restarted")
struct RunKillTests {
    /// Starts texto-run in `folder`, kills it after `delay` seconds (if it is still running); its exit status.
    static func runAndKill(_ folder: URL, after delay: Double?, approve: Bool = false) throws -> Int32 {
        try StageRun.runKilled("texto-run", ["pipelines/demo.yaml", "--wait", "5"] + (approve ? ["--approve", "2026-11-27"] : ["--date", "2026-11-27"]),
                               in: folder, environment: ["TEXTO_NOW": "1795863600"], killAfter: delay)
    }

    /// Every file under `folder/out/demo/batches`, name → bytes.
    static func batches(_ folder: URL) throws -> [String: Data] {
        let batches = folder.appendingPathComponent("out/demo/batches")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: batches.path) {
            files[name] = try Data(contentsOf: batches.appendingPathComponent(name))
        }
        return files
    }

    @Test("25 kills at random points, then a clean finish: the store passes its check, no message twice, every batch file whole, the report written")
    func killed() throws {
        let reference = try RunCommandTests.checkout()
        defer { try? FileManager.default.removeItem(at: reference) }
        #expect(try Self.runAndKill(reference, after: nil) == 0)
        let expected = try Self.batches(reference)

        let folder = try RunCommandTests.checkout()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<25 {
            _ = try Self.runAndKill(folder, after: Double.random(in: 0...1.5, using: &random))
        }
        #expect(try Self.runAndKill(folder, after: nil) == 0, "the run after the kills finishes")
        #expect(try Self.batches(folder) == expected, "the batch files are those of a run never interrupted")
        let store = try DatabaseQueue(path: folder.appendingPathComponent("out/demo/texto.sqlite").path)
        let (integrity, messages, numbers, outcomes) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM messages"),
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT phone) FROM messages"), try Int.fetchOne(db, sql: "SELECT count(*) FROM outcomes"))
        }
        #expect(integrity == "ok" && messages == 11 && outcomes == 11)
        #expect(numbers == 11, "no number messaged twice")
        let check = try StageRun.run("texto-store", ["check", "--store", "out/demo/texto.sqlite"], folder: folder)
        #expect(check.status == 0, check.context)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/demo/rapports/demo.html").path))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("out").path)
            .filter { $0.contains(".tmp") || $0.contains("staging") }
        #expect(leftovers.isEmpty, "no temporary file left: \(leftovers)")
    }

    /// The demo made approval-gated, with a test batch to a number outside the audience.
    static func gatedCheckout() throws -> URL {
        let folder = try RunCommandTests.checkout()
        let path = folder.appendingPathComponent("pipelines/demo.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: "emit:\n  format: csv", with: "emit:\n  test_to: [\"06 12 34 56 78\"]\n  format: csv")
            + "approval: required\n"
        try text.write(to: path, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("15 kills of runs and --approve runs of an approval-gated pipeline, then a run and an approval: one test batch, the approved messages once, nothing emitted unapproved")
    func killedApproval() throws {
        let reference = try Self.gatedCheckout()
        defer { try? FileManager.default.removeItem(at: reference) }
        #expect(try Self.runAndKill(reference, after: nil) == 0, "stops before the emit, after the test batch")
        #expect(try Self.batches(reference).keys.filter { $0.hasPrefix("demo") }.sorted() == ["demo-test.csv"])
        #expect(try Self.runAndKill(reference, after: nil, approve: true) == 0)
        let expected = try Self.batches(reference)
        #expect(expected.keys.filter { $0.hasPrefix("demo") }.sorted() == ["demo-test.csv", "demo.csv"])

        let folder = try Self.gatedCheckout()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SystemRandomNumberGenerator()
        for round in 0..<15 {
            _ = try Self.runAndKill(folder, after: Double.random(in: 0...1.5, using: &random), approve: round % 2 == 1)
        }
        #expect(try Self.runAndKill(folder, after: nil) == 0)
        #expect(try Self.runAndKill(folder, after: nil, approve: true) == 0, "the approval after the kills finishes")
        #expect(try Self.batches(folder) == expected, "the test batch and the batch are those of a run never interrupted")
        let store = try DatabaseQueue(path: folder.appendingPathComponent("out/demo/texto.sqlite").path)
        let (integrity, messages, numbers, tests) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE is_test = 0"),
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT phone) FROM messages WHERE is_test = 0"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE is_test = 1"))
        }
        #expect(integrity == "ok" && messages == 11 && numbers == 11)
        #expect(tests == 2, "the test batch once: the first and the longest SMS, to the test phone")
        let check = try StageRun.run("texto-store", ["check", "--store", "out/demo/texto.sqlite"], folder: folder)
        #expect(check.status == 0, check.context)
        let campaigns = try StageRun.run("texto-store", ["campaigns", "--store", "out/demo/texto.sqlite"], folder: folder,
                                         environment: ["TEXTO_NOW": "1795863600"])
        #expect(String(decoding: campaigns.stdout, as: UTF8.self).contains(",sent,"), "reports came: \(campaigns.context)")
    }
}
