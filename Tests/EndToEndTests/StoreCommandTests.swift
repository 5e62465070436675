import Foundation
import GRDB
import Store
import Testing

/// `texto-store` flows of several commands on one store (golden cases run
/// one command each).
@Suite("texto-store command")
struct StoreCommandTests {
    /// Runs `texto-store arguments...` in `folder` (a new one when nil).
    static func store(_ arguments: [String], in folder: URL? = nil, inputs: [String] = []) throws -> StageRun {
        try StageRun.run("texto-store", arguments, inputs: inputs, folder: folder)
    }

    @Test("add, add again, list: numbers in E.164, sorted, formulas defused; a second add changes nothing")
    func addThenList() throws {
        let add = ["suppressions", "add", "06 30 05 06 60", "+33 6 12 34 56 78", "--reason", "stop", "--comment", "=appel", "--since", "2026-11-22"]
        let first = try Self.store(add)
        defer { first.cleanUp() }
        #expect(first.status == 0, first.context)
        let second = try Self.store(add, in: first.folder)
        #expect(second.stderr == "texto-store: 0 numbers added as STOP, 2 already suppressed\n", second.context)
        let list = try Self.store(["suppressions", "list"], in: first.folder)
        #expect(list.status == 0, list.context)
        #expect(String(decoding: list.stdout, as: UTF8.self) == """
            phone,reason,scope,since,source,comment
            +33612345678,STOP,*,2026-11-21T23:00:00Z,texto-store add,'=appel
            +33630050660,STOP,*,2026-11-21T23:00:00Z,texto-store add,'=appel

            """)
        #expect(list.stderr == "texto-store: 2 suppressed numbers\n")
        #expect(first.folderListing == ["texto.sqlite"], "no -wal or -shm left once the command has exited")
    }

    @Test("import twice, then export: the second import adds nothing; export is the list, written atomically")
    func importTwiceThenExport() throws {
        let arguments = ["suppressions", "import", "one-per-line.txt", "--since", "2026-03-01T08:00:00Z"]
        let first = try Self.store(arguments, inputs: ["stop-lists/one-per-line.txt"])
        defer { first.cleanUp() }
        #expect(first.status == 0, first.context)
        let second = try Self.store(arguments, in: first.folder)
        #expect(second.stderr.contains("0 numbers imported as STOP, 6 already there, 2 invalid"), second.context)
        let export = try Self.store(["suppressions", "export", "-o", "stop.csv"], in: first.folder)
        #expect(export.status == 0, export.context)
        let list = try Self.store(["suppressions", "list"], in: first.folder)
        #expect(try export.file("stop.csv") == String(decoding: list.stdout, as: UTF8.self))
        #expect(parseCSV(try export.file("stop.csv")).dropFirst().map { $0[0] } == [
            "+262692123456", "+33612345678", "+33630050660", "+33645678901", "+33751223344",
        ])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: first.folder.appendingPathComponent("stop.csv").path)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
        #expect(!export.folderListing.contains { $0.contains(".tmp") })
    }

    @Test("remove lifts a suppression; a number that was not suppressed is counted")
    func remove() throws {
        let add = try Self.store(["suppressions", "add", "0630050660", "0612345678", "--reason", "NPAI"])
        defer { add.cleanUp() }
        let remove = try Self.store(["suppressions", "remove", "06 30 05 06 60", "0699999999"], in: add.folder)
        #expect(remove.status == 0, remove.context)
        #expect(remove.stderr == "texto-store: 1 suppression removed, 1 not suppressed\n")
        let list = try Self.store(["suppressions", "list"], in: add.folder)
        #expect(parseCSV(String(decoding: list.stdout, as: UTF8.self)).dropFirst().map { $0[0] } == ["+33612345678"])
    }

    @Test("forget keeps a STOP as a keyed hash: not listed, counted, key 0600 beside the store; check needs the key")
    func forget() throws {
        let add = try Self.store(["suppressions", "add", "0630050660", "--reason", "STOP"])
        defer { add.cleanUp() }
        let forget = try Self.store(["forget", "06 30 05 06 60"], in: add.folder)
        #expect(forget.status == 0, forget.context)
        #expect(forget.stderr.hasPrefix("texto-store: forgot +33 6•• •• •• 60: 0 messages"), forget.context)
        #expect(!forget.stderr.contains("630050660"), "logs mask the number")
        let list = try Self.store(["suppressions", "list"], in: add.folder)
        #expect(String(decoding: list.stdout, as: UTF8.self) == "phone,reason,scope,since,source,comment\n")
        #expect(list.stderr == "texto-store: 0 suppressed numbers, and 1 erased opt-out kept as keyed hashes\n")
        let key = add.folder.appendingPathComponent("texto.sqlite.key").path
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try Self.store(["check"], in: add.folder).status == 0)
        try FileManager.default.moveItem(atPath: key, toPath: key + ".saved")
        let check = try Self.store(["check"], in: add.folder)
        #expect(check.status == 65, check.context)
        #expect(check.stderr.contains("problem: erasure key"))
    }

    @Test("campaigns prints each campaign with its counts")
    func campaigns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try TextoStore(path: folder.appendingPathComponent("texto.sqlite").path)
            let created = Date(timeIntervalSince1970: 1_767_600_000)  // 2026-01-05T08:00:00Z
            try store.insertCampaign(id: "soldes-hiver", name: "Soldes, hiver", type: .marketing, sender: "BOUTIQUE", createdAt: created)
            try store.recordMessages([
                LedgerMessage(id: "m1", campaignID: "soldes-hiver", phone: "+33630050660", textLength: 120, segments: 1, scheduledAt: created),
                LedgerMessage(id: "m2", campaignID: "soldes-hiver", phone: "+33612345678", textLength: 120, segments: 1, scheduledAt: created),
            ])
        }
        let run = try Self.store(["campaigns"], in: folder)
        #expect(run.status == 0, run.context)
        #expect(String(decoding: run.stdout, as: UTF8.self) == """
            id,name,type,sender,created_at,messages,delivered,failed,expired,pending,stops,state,first_send_at
            soldes-hiver,"Soldes, hiver",marketing,BOUTIQUE,2026-01-05T08:00:00Z,2,0,0,0,2,0,sent,2026-01-05T08:00:00Z

            """)
    }

    @Test("a store another process is writing: wait up to the busy timeout, then exit 75 with nothing written")
    func locked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TextoStore(path: folder.appendingPathComponent("texto.sqlite").path)
        let started = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        // Hold the write lock from this process while the command runs.
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("texto.sqlite").path)
        DispatchQueue.global().async {
            try? queue.write { db in
                try db.execute(sql: "INSERT INTO texto_meta (key, value) VALUES ('held', 'x')")
                started.signal()
                finished.wait()
                throw CancellationError()  // roll back
            }
        }
        started.wait()
        let begin = Date()
        let run = try Self.store(["suppressions", "add", "0630050660", "--reason", "STOP"], in: folder)
        finished.signal()
        #expect(run.status == 75, run.context)
        #expect(Date().timeIntervalSince(begin) >= 4.5, "waited for the busy timeout (5 s)")
        #expect(run.stderr.contains("in use by another Texto process"))
        #expect(try store.suppressions().isEmpty)
    }

    @Test("a file that is not a Texto store, or of a newer schema, is left byte for byte as it was", arguments: [
        "stores/not-texto.sqlite", "stores/newer-schema.sqlite", "stores/not-sqlite.sqlite",
    ])
    func refusalWritesNothing(_ fixture: String) throws {
        let name = URL(fileURLWithPath: fixture).lastPathComponent
        let run = try Self.store(["suppressions", "add", "0630050660", "--reason", "STOP", "--store", name], inputs: [fixture])
        defer { run.cleanUp() }
        #expect(run.status == 64 || run.status == 65, run.context)
        #expect(try Data(contentsOf: run.folder.appendingPathComponent(name)) == Data(contentsOf: StageRun.fixture(fixture)))
        #expect(run.folderListing == [name])
    }
}
