import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

@Suite("Opening and migrations")
struct OpeningTests {
    @Test("a missing file becomes a store of the current schema, in WAL, synchronous FULL, foreign keys on")
    func createsFromNothing() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        #expect(try scalar(store, "PRAGMA user_version") == Schema.version)
        #expect(try scalar(store, "PRAGMA application_id") == Int(StoreFile.applicationID))
        #expect(try scalar(store, "PRAGMA synchronous") == 2, "FULL")
        #expect(try scalar(store, "PRAGMA foreign_keys") == 1)
        #expect(try scalar(store, "PRAGMA secure_delete") == 1)
        let (journal, tables) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")))
        }
        #expect(journal == "wal")
        #expect(tables == Set(TextoStore.tables + ["texto_meta"]))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file("texto.sqlite"))
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0, "personal data: no access for others (mode \(String(mode, radix: 8)))")
    }

    @Test("a 0-byte file (touch texto.sqlite) is taken as a new store")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        FileManager.default.createFile(atPath: folder.file("texto.sqlite"), contents: Data())
        let store = try openStore(folder)
        #expect(try store.check().isSound)
    }

    @Test("reopening a current store writes nothing")
    func reopeningIsANoOp() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try openStore(folder)
            try seedLedger(store)
        }
        let before = try folder.bytes("texto.sqlite")
        #expect(folder.listing == ["texto.sqlite"], "the last connection checkpoints and removes -wal and -shm")
        do {
            let store = try openStore(folder)
            #expect(try store.campaignIDs() == ["soldes-hiver", "rappel-rdv"])
        }
        #expect(try folder.bytes("texto.sqlite") == before)
    }

    @Test("create: false refuses a missing store and creates nothing")
    func missingWithoutCreate() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: StoreError.self) { try TextoStore(path: folder.file("texto.sqlite"), create: false) }
        #expect(error?.code == .missing)
        #expect(error?.category == .noInput)
        #expect(folder.listing.isEmpty)
    }

    @Test("an SQLite file of another application is refused, with nothing written")
    func refusesForeignDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("autre.sqlite")
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { db in
                try db.execute(sql: "CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT); INSERT INTO clients (nom) VALUES ('Dupont')")
            }
        }
        let before = try folder.bytes("autre.sqlite")
        let error = #expect(throws: StoreError.self) { try TextoStore(path: path) }
        #expect(error?.code == .notATextoStore)
        #expect(error?.category == .usage)
        #expect(error?.description.hasPrefix(path) == true, "the message names the file")
        #expect(try folder.bytes("autre.sqlite") == before)
        #expect(folder.listing == ["autre.sqlite"], "no -wal, -shm or key file beside it")
    }

    @Test("a store of a newer schema is refused, with nothing written")
    func refusesNewerSchema() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        do {
            let store = try openStore(folder)
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(Schema.version + 1)") }
        }
        let before = try folder.bytes("texto.sqlite")
        #expect(folder.listing == ["texto.sqlite"])
        let error = #expect(throws: StoreError.self) { try TextoStore(path: path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.description.contains("version \(Schema.version + 1)") == true)
        #expect(try folder.bytes("texto.sqlite") == before)
        #expect(folder.listing == ["texto.sqlite"])
    }

    @Test("a file that is not SQLite is refused, with nothing written")
    func refusesNonSQLite() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        let content = Data("phone,reason\n+33630050660,STOP\n".utf8)
        FileManager.default.createFile(atPath: path, contents: content)
        let error = #expect(throws: StoreError.self) { try TextoStore(path: path) }
        #expect(error?.code == .notADatabase)
        #expect(error?.category == .data)
        #expect(try folder.bytes("texto.sqlite") == Array(content))
        #expect(folder.listing == ["texto.sqlite"])
    }

    @Test("a folder named as the store is refused")
    func refusesFolder() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: StoreError.self) { try TextoStore(path: folder.path) }
        #expect(error?.code == .notADatabase)
    }

    @Test("the header tells a store, another database, an empty file and text apart", arguments: [
        ([UInt8](), StoreFile.empty),
        (Array("not sqlite".utf8), .notSQLite),
    ])
    func classifiesHeaders(_ header: [UInt8], _ expected: StoreFile) {
        #expect(StoreFile.classify(header: header) == expected)
    }

    @Test("stored times are fixed-width UTC and read back")
    func times() {
        let time = date("2026-11-22T09:30:05Z")
        #expect(StoreTime.text(time) == "2026-11-22T09:30:05Z")
        #expect(StoreTime.text(time.addingTimeInterval(0.9)) == "2026-11-22T09:30:05Z")
        #expect(StoreTime.lowerBound(time.addingTimeInterval(0.1)) == "2026-11-22T09:30:06Z")
        #expect(StoreTime.date("2026-11-22 09:30:05") == nil)
        #expect(StoreTime.text(date("1999-01-01T00:00:00Z")) == "1999-01-01T00:00:00Z")
    }

    @Test("a store another connection holds open, still all in its WAL, opens without create (store in WAL defect)")
    func storeStillInWAL() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        let first = try TextoStore(path: path)
        try first.insertCampaign(id: "c1", name: "n", type: .marketing, sender: "s")
        // The first connection is still open: its pages may all be in texto.sqlite-wal.
        let second = try TextoStore(path: path, create: false)
        #expect(try second.campaignIDs() == ["c1"])
        _ = first
    }
}
