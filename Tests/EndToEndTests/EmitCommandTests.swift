import Foundation
import GRDB
import Testing

/// Issue 9, done when: emitting the fixture campaign on a Saturday
/// afternoon at 50 messages per second gives batch files, a manifest and
/// ledger rows that agree, and running it again changes nothing; the exit
/// codes of DESIGN.md §2 for what cannot be written or is locked.
@Suite("texto-emit command")
struct EmitCommandTests {
    static let saturday = ["messages.csv", "--campaign", "noel-2026", "--sender", "KERKAFE", "--out", "batches",
                           "--at", "2026-11-28T16:00", "--rate", "50/s", "--store", "texto.sqlite"]
    /// 2026-11-28 12:00 in Paris: the run happens on that Saturday.
    static let now = ["TEXTO_NOW": "1795863600"]

    @Test("run twice, the second time a day later without --at: the same files byte for byte, no new ledger row, exit 0")
    func runTwice() throws {
        let first = try StageRun.run("texto-emit", Self.saturday, inputs: ["messages/messages.csv"], environment: Self.now)
        defer { first.cleanUp() }
        #expect(first.status == 0, first.context)
        let batches = first.folder.appendingPathComponent("batches")
        let names = try FileManager.default.contentsOfDirectory(atPath: batches.path).sorted()
        #expect(names == ["manifest.json", "noel-2026.csv"])
        let bytes = try names.map { try Data(contentsOf: batches.appendingPathComponent($0)) }
        let ledger = try DatabaseQueue(path: first.folder.appendingPathComponent("texto.sqlite").path)
        let rows = try ledger.read { db in try String.fetchAll(db, sql: "SELECT id FROM messages ORDER BY id") }
        let csv = parseCSV(String(decoding: bytes[1], as: UTF8.self))
        #expect(rows == csv.dropFirst().map { $0[0] }.sorted())

        // A day later, without --at: the campaign starts where it started.
        let withoutAt = Array(Self.saturday.prefix(7)) + Array(Self.saturday.dropFirst(9))
        #expect(!withoutAt.contains("--at"))
        let second = try StageRun.run("texto-emit", withoutAt, folder: first.folder, environment: ["TEXTO_NOW": "1795950000"])
        #expect(second.status == 0, second.context)
        #expect(second.stderr.contains("was already emitted with these 59 messages in 1 file: nothing changed"))
        #expect(try names.map { try Data(contentsOf: batches.appendingPathComponent($0)) } == bytes)
        #expect(try ledger.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") } == 59)
    }

    @Test("a batch folder that cannot be made exits 73 and leaves no store")
    func cannotWrite() throws {
        let run = try StageRun.run("texto-emit", Self.saturday.map { $0 == "batches" ? "messages.csv/batches" : $0 },
                                   inputs: ["messages/messages.csv"], environment: Self.now)
        defer { run.cleanUp() }
        #expect(run.status == 73, run.context)
        #expect(run.folderListing == ["messages.csv"])
    }

    @Test("a store another process is writing exits 75, and nothing is written")
    func lockedStore() throws {
        let first = try StageRun.run("texto-emit", Self.saturday.map { $0 == "noel-2026" ? "warm-up" : $0 },
                                     inputs: ["messages/messages.csv"], environment: Self.now)
        defer { first.cleanUp() }
        #expect(first.status == 0, first.context)
        let queue = try DatabaseQueue(path: first.folder.appendingPathComponent("texto.sqlite").path)
        try queue.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let run = try StageRun.run("texto-emit", Self.saturday.map { $0 == "batches" ? "other" : $0 },
                                       folder: first.folder, environment: Self.now)
            #expect(run.status == 75, run.context)
            #expect(run.stderr.contains("in use by another Texto process"))
        }
        #expect(!FileManager.default.fileExists(atPath: first.folder.appendingPathComponent("other").path))
    }
}
