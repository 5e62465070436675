import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

@Suite("Ledger transactions (texto-emit)")
struct LedgerTransactionTests {
    static func messages(_ count: Int, campaign: String = "noel", batch: String = "noel.csv") -> [LedgerMessage] {
        (0..<count).map { index in
            LedgerMessage(id: String(format: "M%019d", index), campaignID: campaign, phone: "+336\(10_000_000 + index)",
                          sourceFile: "clients.xlsx#Feuil1", sourceRow: index + 2, textLength: 120, segments: 1, encoding: "GSM7",
                          scheduledAt: Date(timeIntervalSince1970: 1_795_900_000 + Double(index / 50)), batchFile: batch,
                          contactName: "CLIENT\(index)", postalCode: "29200")
        }
    }

    static func batch(_ count: Int) -> BatchFileRecord {
        BatchFileRecord(campaignID: "noel", name: "noel.csv", sha256: String(repeating: "ab", count: 32), messages: count,
                        firstSendAt: Date(timeIntervalSince1970: 1_795_900_000), lastSendAt: Date(timeIntervalSince1970: 1_795_900_200))
    }

    @Test("an emit's rows and batch files are committed together; the same emit again adds nothing", arguments: StoreBackend.all)
    func streamedAndIdempotent(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        let rows = Self.messages(10_000)
        for attempt in 0..<2 {
            let added = try store.recordLedger { ledger in
                for message in rows { try ledger.add(message) }
                try ledger.add(Self.batch(rows.count))
                return try ledger.added
            }
            #expect(added == (attempt == 0 ? 10_000 : 0))
        }
        #expect(try scalar(store, "SELECT count(*) FROM messages") == 10_000)
        #expect(try store.batchFiles(campaign: "noel") == [Self.batch(10_000)])
        #expect(try scalar(store, "SELECT count(*) FROM messages WHERE encoding = 'GSM7' AND postal_code = '29200' AND is_test = 0") == 10_000)
    }

    @Test("an emit that fails midway leaves no ledger row and no batch file row", arguments: StoreBackend.all)
    func failureLeavesNothing(backend: StoreBackend) throws {
        struct Interrupted: Error {}
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        #expect(throws: Interrupted.self) {
            try store.recordLedger { ledger in
                for message in Self.messages(1_000) { try ledger.add(message) }
                try ledger.add(Self.batch(1_000))
                throw Interrupted()
            }
        }
        #expect(try scalar(store, "SELECT count(*) FROM messages") == 0)
        #expect(try scalar(store, "SELECT count(*) FROM batch_files") == 0)
    }

    /// The definitions of `messages`' indexes, as the database keeps them.
    static func indexes(_ store: TextoStore) throws -> [String] {
        try store.read { db in
            switch db.dialect {
            case .sqlite:
                try db.column(String.self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name")
            case .postgres:
                try db.column(String.self, """
                    SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'messages'
                      AND indexname <> 'messages_pkey' ORDER BY indexname
                    """)
            }
        }
    }

    @Test("a bulk load (past 20,000 rows into a small ledger) leaves the same indexes, usable, and the CHECK constraints on")
    func bulkLoadKeepsIndexesAndChecks() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        let before = try Self.indexes(store)
        #expect(before.count == 3)
        let rows = Self.messages(LedgerTransaction.bulkThreshold + 5_000)
        let added = try store.recordLedger { ledger in
            for message in rows { try ledger.add(message) }
            return try ledger.added
        }
        #expect(added == rows.count)
        #expect(try Self.indexes(store) == before)
        #expect(try store.check().isSound)
        let plan = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT scheduled_at FROM messages WHERE phone = '+33610000007'")
                .map { ($0["detail"] as String?) ?? "" }.joined()
        }
        #expect(plan.contains("messages_by_phone"))
        #expect(try scalar(store, "SELECT count(*) FROM messages INDEXED BY messages_by_campaign WHERE campaign_id = 'noel'") == rows.count)
        // SQLite's own checks are back on for whatever writes next.
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO messages (id, campaign_id, phone, text_length, segments, scheduled_at, created_at)
                    VALUES ('bad', 'noel', '0630050660', 1, 1, '2026-11-22T09:30:00Z', '2026-11-22T09:30:00Z')
                    """)
            }
        }
    }

    @Test("a bulk load that fails leaves the indexes as they were", arguments: StoreBackend.all)
    func failedBulkLoadKeepsIndexes(backend: StoreBackend) throws {
        struct Interrupted: Error {}
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        let before = try Self.indexes(store)
        #expect(throws: Interrupted.self) {
            try store.recordLedger { ledger in
                for message in Self.messages(LedgerTransaction.bulkThreshold + 10) { try ledger.add(message) }
                throw Interrupted()
            }
        }
        #expect(try Self.indexes(store) == before)
        #expect(try scalar(store, "SELECT count(*) FROM messages") == 0)
    }

    @Test("Texto's own check refuses what SQLite's CHECK constraints refuse", arguments: [
        ("phone", "0630050660"), ("phone", "+0630050660"), ("phone", "+33 630050660"), ("phone", "+1"),
        ("segments", "0"), ("source_row", "0"), ("encoding", "UTF8"), ("text_length", "-1"),
    ])
    func swiftCheckMatchesSQLite(column: String, value: String) throws {
        var message = Self.messages(1)[0]
        switch column {
        case "phone": message.phone = value
        case "segments": message.segments = Int(value)!
        case "source_row": message.sourceRow = Int(value)!
        case "encoding": message.encoding = value
        default: message.textLength = Int(value)!
        }
        let error = #expect(throws: DatabaseError.self) { try LedgerTransaction.check(message) }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        // The same row straight to SQLite, past Texto's check: refused too.
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO messages (id, campaign_id, phone, source_row, text_length, segments, encoding, scheduled_at, created_at)
                    VALUES (?, 'noel', ?, ?, ?, ?, ?, '2026-11-22T09:30:00Z', '2026-11-22T09:30:00Z')
                    """, arguments: [message.id, message.phone, message.sourceRow, message.textLength, message.segments, message.encoding])
            }
        }
    }

    @Test("a version 1 store is migrated to the current version on opening, its rows kept")
    func migratesVersion1() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: Schema.v1)
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
            try db.execute(sql: """
                INSERT INTO campaigns (id, name, type, sender, created_at) VALUES ('c', 'C', 'marketing', 'S', '2026-01-05T08:00:00Z');
                INSERT INTO messages (id, campaign_id, phone, text_length, segments, scheduled_at, created_at)
                    VALUES ('m1', 'c', '+33630050660', 10, 1, '2026-01-10T09:00:00Z', '2026-01-05T08:00:00Z');
                """)
        }
        try queue.close()
        let store = try TextoStore(path: path)
        #expect(try scalar(store, "PRAGMA user_version") == Schema.version)
        #expect(try scalar(store, "SELECT count(*) FROM messages WHERE id = 'm1' AND is_test = 0 AND encoding IS NULL") == 1)
        #expect(try scalar(store, "SELECT count(*) FROM batch_files") == 0)
    }
}
