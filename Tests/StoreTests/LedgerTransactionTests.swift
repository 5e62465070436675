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

    @Test("an emit's rows and batch files are committed together; the same emit again adds nothing")
    func streamedAndIdempotent() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        let rows = Self.messages(10_000)
        for attempt in 0..<2 {
            let added = try store.recordLedger { ledger in
                for message in rows { try ledger.add(message) }
                try ledger.add(Self.batch(rows.count))
                return ledger.added
            }
            #expect(added == (attempt == 0 ? 10_000 : 0))
        }
        #expect(try scalar(store, "SELECT count(*) FROM messages") == 10_000)
        #expect(try store.batchFiles(campaign: "noel") == [Self.batch(10_000)])
        #expect(try scalar(store, "SELECT count(*) FROM messages WHERE encoding = 'GSM7' AND postal_code = '29200' AND is_test = 0") == 10_000)
    }

    @Test("an emit that fails midway leaves no ledger row and no batch file row")
    func failureLeavesNothing() throws {
        struct Interrupted: Error {}
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
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

    @Test("a version 1 store is migrated to version 2 on opening, its rows kept")
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
        #expect(try scalar(store, "PRAGMA user_version") == 2)
        #expect(try scalar(store, "SELECT count(*) FROM messages WHERE id = 'm1' AND is_test = 0 AND encoding IS NULL") == 1)
        #expect(try scalar(store, "SELECT count(*) FROM batch_files") == 0)
    }
}
