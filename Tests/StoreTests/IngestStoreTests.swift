import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

/// What the ingest's bulk path relies on in the store: keys for ids,
/// the schema's CHECK rules in Swift, the SMSC ids' own table.
@Suite("Ingest, store side")
struct IngestStoreTests {
    /// `MessageID.normalized`, as the ledger index must agree with it.
    static func normalized(_ text: String) -> String {
        String(text.uppercased().drop { $0 == "0" })
    }

    @Test("a key holds an id normalized (upper case, no leading zeros), up to 23 ASCII bytes", arguments: [
        ("A5MQBXKFSNR0ULSWEQ9V", "A5MQBXKFSNR0ULSWEQ9V"), ("a5mqbxkfsnr0ulsweq9v", "A5MQBXKFSNR0ULSWEQ9V"),
        ("000e459320dd7", "E459320DD7"), ("0", nil), ("", nil), ("00000000000000000000000001", "1"),
        ("12345678901234567890123", "12345678901234567890123"), ("123456789012345678901234", nil), ("idé", nil),
        ("msg-0001_x", "MSG-0001_X"),
    ] as [(String, String?)])
    func keys(text: String, expected: String?) {
        let key = MessageKey(normalizing: text)
        #expect(key?.text == expected)
        if let expected { #expect(expected == Self.normalized(text)) }
    }

    @Test("keys compare as their bytes, and equal keys are equal ids")
    func keyOrder() {
        var random = SplitMix64(seed: 10)
        let alphabet = Array("0123456789ABCDEFZ")
        let texts = (0..<2_000).map { _ in
            String((0..<Int(random.next() % 23 + 1)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
        let keys = texts.compactMap { MessageKey(normalizing: $0) }
        #expect(keys.sorted().map(\.text) == keys.map(\.text).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(Set(keys).count == Set(keys.map(\.text)).count)
    }

    /// Whether SQLite's CHECK text accepts `value`.
    static func sqliteAccepts(_ check: (String) -> String, _ value: String) throws -> Bool {
        try DatabaseQueue().read { db in try Bool.fetchOne(db, sql: "SELECT \(check("x")) FROM (SELECT ? AS x)", arguments: [value]) ?? false }
    }

    /// A valid value, and every value one character away from it.
    static func neighbours(of value: String, characters: String) -> [String] {
        var result = [value, "", String(value.dropLast()), value + "0"]
        let bytes = Array(value)
        for index in bytes.indices {
            for character in characters {
                var changed = bytes
                changed[index] = character
                result.append(String(changed))
            }
        }
        return result
    }

    @Test("the Swift checks of a bulk write accept what the schema's CHECKs accept, and nothing else")
    func checksAgreeWithSQLite() throws {
        for value in Self.neighbours(of: "2026-11-28T16:00:59Z", characters: "0123456789-:TZ x+") {
            let swift = (try? ColumnCheck.time(value, column: "at")) != nil
            #expect(try swift == Self.sqliteAccepts(Schema.isTime, value), "\(value)")
        }
        for value in Self.neighbours(of: "+33612345678", characters: "0123456789+ a") + ["+1234", "+123", "+1234567890123456", "+12345678901234567"] {
            let swift = (try? ColumnCheck.phone(value)) != nil
            #expect(try swift == Self.sqliteAccepts(Schema.isPhone, value), "\(value)")
        }
    }

    @Test("PostgreSQL's CHECKs accept what SQLite's accept, and nothing else", .enabled(if: TestPostgres.url != nil))
    func postgresChecksAgreeWithSQLite() throws {
        let url = try #require(TestPostgres.url)
        var cases: [(String, (String) -> String, (String) -> String)] = []
        for value in Self.neighbours(of: "2026-11-28T16:00:59Z", characters: "0123456789-:TZ x+") + ["2026-21-28T16:00:59Z", "2026-11-48T16:00:59Z",
                                                                                                   "2026-11-28T36:00:59Z", "2026-11-28T16:60:59Z", "2026-11-28T16:00:70Z"] {
            cases.append((value, Schema.isTime, PostgresSchema.isTime))
        }
        for value in Self.neighbours(of: "+33612345678", characters: "0123456789+ a") + ["+1234", "+123", "+1234567890123456", "+12345678901234567"] {
            cases.append((value, Schema.isPhone, PostgresSchema.isPhone))
        }
        let sha = String(repeating: "0123456789abcdef", count: 4)
        for value in Self.neighbours(of: sha, characters: "0aAfg ") {
            cases.append((value, { "length(\($0)) = 64 AND NOT \($0) GLOB '*[^0-9a-f]*'" }, PostgresSchema.isSHA256))
        }
        let connection = try PostgresConnection(uri: url)
        for (value, sqlite, postgres) in cases {
            let accepted = try connection.value(Bool.self, "SELECT \(postgres("x")) FROM (SELECT CAST(? AS TEXT) COLLATE \"C\" AS x) AS v", [value])
            #expect(try Self.sqliteAccepts(sqlite, value) == (accepted ?? false), "\(value)")
        }
    }

    @Test("a store of schema 3 moves its SMSC ids to their table, and reads as before")
    func submissionsMigration() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for migration in Schema.migrations where migration.version <= 3 {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "PRAGMA user_version = \(migration.version)")
            }
            try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
            try db.execute(sql: """
                INSERT INTO campaigns (id, name, type, sender, created_at) VALUES ('noel', 'Noël', 'marketing', 'KERKAFE', '2026-11-28T08:00:00Z');
                INSERT INTO messages (id, campaign_id, phone, text_length, segments, scheduled_at, provider_message_id, created_at) VALUES
                    ('M1', 'noel', '+33610000001', 10, 1, '2026-11-28T16:00:00Z', 'E459320DD7', '2026-11-28T08:00:00Z'),
                    ('M2', 'noel', '+33610000002', 10, 1, '2026-11-28T16:00:00Z', NULL, '2026-11-28T08:00:00Z');
                """)
        }
        try queue.close()
        let store = try TextoStore(path: path)
        #expect(try store.queue.read { db in try String.fetchAll(db, sql: "SELECT provider_message_id || '>' || message_id FROM submissions") } == ["E459320DD7>M1"])
        #expect(try store.queue.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(messages)").map { $0["name"] as String } }
            .contains("provider_message_id") == false)
        #expect(try store.check().isSound)
    }
}
