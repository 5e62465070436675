import Crypto
import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

@Suite("Erasure (forget)")
struct ErasureTests {
    /// The ledger, a delivery report per message, an outcome, replies, and a
    /// STOP for +33630050660.
    static func seeded(_ folder: TemporaryFolder, _ backend: StoreBackend = .sqlite) throws -> TextoStore {
        let store = try openStore(folder, backend)
        try seedLedger(store)
        try store.write { db in
            try db.executeScript("""
                INSERT INTO ingested_files (id, sha256, name, size, ingested_at) VALUES (1, '\(String(repeating: "0", count: 64))', 'dlr.txt', 100, '2026-01-11T00:00:00Z');
                INSERT INTO events (message_id, status, received_at, raw, ingested_file_id, source_line) VALUES
                    ('m1', 'DELIVRD', '2026-01-11T00:00:00Z', 'id:m1 stat:DELIVRD', 1, 1),
                    ('m2', 'UNDELIV', '2026-01-11T00:00:00Z', 'id:m2 stat:UNDELIV', 1, 2),
                    ('m3', 'DELIVRD', '2026-01-11T00:00:00Z', 'id:m3 stat:DELIVRD', 1, 3),
                    (NULL, 'DELIVRD', '2026-01-11T00:00:00Z', 'id:zz stat:DELIVRD to +33630050660', 1, 4);
                UPDATE events SET phone = '+33630050660' WHERE source_line = 4;
                INSERT INTO outcomes (message_id, state, at, event_id) VALUES ('m1', 'delivered', '2026-01-10T09:01:00Z', 1), ('m2', 'failed', '2026-01-10T09:01:00Z', 2);
                INSERT INTO replies (phone, text, received_at, campaign_id, is_stop) VALUES
                    ('+33630050660', 'STOP', '2026-01-10T10:00:00Z', 'soldes-hiver', 1),
                    ('+33612345678', 'Merci !', '2026-01-10T10:00:00Z', 'soldes-hiver', 0);
                """)
        }
        try store.addSuppressions([number("0630050660")], reason: .stop, source: "reply 1")
        return store
    }

    @Test("messages, reports, outcomes, replies and the plain suppression go; the opt-out stays as a keyed hash", arguments: StoreBackend.all)
    func forgetsAndKeepsOptOut(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.seeded(folder, backend)
        try store.recordSeen(byPipeline: "welcome", run: "2026-11-27", phones: ["+33630050660", "+33612345678"])
        let erasure = try store.forget(number("06 30 05 06 60"))
        #expect(erasure == Erasure(messages: 2, events: 3, outcomes: 1, replies: 1, keptOptOut: .stop))
        #expect(try store.numbersSeen(byPipeline: "welcome", before: "2026-11-28") == [33_612_345_678], "a pipeline forgets the number too")
        for table in ["messages", "replies", "suppressions", "pipeline_numbers"] {
            #expect(try scalar(store, "SELECT count(*) FROM \(table) WHERE phone = '+33630050660'") == 0, "\(table)")
        }
        #expect(try scalar(store, "SELECT count(*) FROM events WHERE phone = '+33630050660' OR message_id IN ('m1', 'm3')") == 0)
        #expect(try scalar(store, "SELECT count(*) FROM outcomes WHERE message_id IN ('m1', 'm3')") == 0)
        #expect(try scalar(store, "SELECT count(*) FROM messages") == 2, "other people's messages stay")
        #expect(try scalar(store, "SELECT count(*) FROM replies") == 1)
        #expect(try scalar(store, "SELECT count(*) FROM suppression_hashes WHERE reason = 'STOP'") == 1)
        let set = try store.suppressionSet()
        #expect(set.isEmpty)
        #expect(set.isErased("+33630050660"))
        #expect(set.isErased("33630050660"))
        #expect(!set.isErased("+33612345678"))
        #expect(try store.check().isSound)
    }

    @Test("the hash cannot be recomputed without the key, and the number is gone from the file's bytes")
    func notReversibleFromTheStore() throws {
        let folder = try TemporaryFolder()
        let store = try Self.seeded(folder)
        _ = try store.forget(number("0630050660"))
        let hash = try #require(try store.queue.read { db in try String.fetchOne(db, sql: "SELECT hash FROM suppression_hashes") })
        let plain = SHA256.hash(data: Data("+33630050660".utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hash != plain, "not a bare SHA-256, which a dictionary of 10^9 numbers reverses")
        let otherKey = ErasureKey(bytes: Array(repeating: 7, count: 32))
        #expect(hash != otherKey.hash("+33630050660"))
        #expect(hash == (try ErasureKey.load(path: store.keyPath))?.hash("+33630050660"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: store.keyPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try store.queue.read { db in try String.fetchAll(db, sql: "SELECT value FROM texto_meta") }.allSatisfy { !$0.contains(hash) })
        // secure_delete zeroes the rows; the checkpoint empties the WAL.
        let bytes = try folder.bytes("texto.sqlite") + ((try? folder.bytes("texto.sqlite-wal")) ?? [])
        #expect(bytes.firstRange(of: Array("+33630050660".utf8)) == nil)
        #expect(bytes.firstRange(of: Array("+33612345678".utf8)) != nil, "the other numbers are still there")
    }

    @Test("a number without opt-out leaves nothing behind, not even a hash; no key is made", arguments: StoreBackend.all)
    func forgetWithoutOptOut(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.seeded(folder, backend)
        let erasure = try store.forget(number("0612345678"))
        #expect(erasure == Erasure(messages: 1, events: 1, outcomes: 1, replies: 1, keptOptOut: nil))
        #expect(try store.erasedSuppressionCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: store.keyPath))
    }

    @Test("without its key, or with another one, targeting stops rather than message a forgotten opt-out", arguments: StoreBackend.all)
    func keyMissingOrWrong(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.seeded(folder, backend)
        _ = try store.forget(number("0630050660"))
        try FileManager.default.moveItem(atPath: store.keyPath, toPath: folder.file("saved.key"))
        let missing = #expect(throws: StoreError.self) { try store.suppressionSet() }
        #expect(missing?.code == .erasureKeyMissing)
        #expect(try store.check().problems.count == 1)
        try (String(repeating: "ab", count: 32) + "\n").write(toFile: store.keyPath, atomically: true, encoding: .utf8)
        let wrong = #expect(throws: StoreError.self) { try store.suppressionSet() }
        #expect(wrong?.code == .erasureKeyMismatch)
        try FileManager.default.removeItem(atPath: store.keyPath)
        try FileManager.default.moveItem(atPath: folder.file("saved.key"), toPath: store.keyPath)
        #expect(try store.suppressionSet().isErased("+33630050660"))
    }

    @Test("removing the suppression of a forgotten number lifts its erased opt-out", arguments: StoreBackend.all)
    func removeErased(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.seeded(folder, backend)
        _ = try store.forget(number("0630050660"))
        let removal = try store.removeSuppressions([number("0630050660")])
        #expect(removal == SuppressionRemoval(removed: 0, erasedRemoved: 1, notSuppressed: 0))
        #expect(try !store.suppressionSet().isErased("+33630050660"))
    }
}
