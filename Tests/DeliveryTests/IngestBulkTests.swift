import Delivery
import Foundation
import GRDB
@testable import Store
import TestSupport
import Testing

/// texto-ingest on files large enough for its bulk path (indexes dropped
/// and made again, the store's own checks off), against the same reports
/// read in pieces small enough to go row by row.
@Suite("Ingest, bulk")
struct IngestBulkTests {
    static let messages = 15_000

    /// A campaign of `messages` messages, M00001..., to +33610000001...
    static func store(_ folder: TemporaryFolder, name: String) throws -> String {
        try store(at: folder.file(name))
    }

    /// The same on either backend, at `location`.
    static func store(at location: String) throws -> String {
        let store = try TextoStore(path: location)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        try store.recordMessages((1...messages).map { index in
            LedgerMessage(id: id(index), campaignID: "noel", phone: "+3361\(String(format: "%07d", index))", textLength: 10, segments: 1,
                          scheduledAt: Date(timeIntervalSince1970: 1_795_870_800))
        })
        return location
    }

    static func id(_ index: Int) -> String { "M" + String(format: "%05d", index) }
    static func smsc(_ index: Int) -> String { String(format: "%010x", index * 7_919) }

    /// The submit log and the receipts of every message: some ENROUTE
    /// first, finals of each kind, duplicates, ids in upper case or
    /// without their zeros, and reports of messages that are not ours.
    static func gatewayFiles() -> (submit: String, receipts: [String]) {
        var random = SplitMix64(seed: 42)
        var submit = "", receipts: [String] = []
        for index in 1...messages {
            submit += "2026-11-28 16:00:00 [SUBMIT] id:\(id(index)) to:+3361\(String(format: "%07d", index)) message_id:\(smsc(index))\n"
            var written = smsc(index)
            if random.next() % 10 == 0 { written = written.uppercased() }
            if random.next() % 10 == 0 { written = String(written.drop { $0 == "0" }) }
            func line(_ stat: String, err: String = "000", minute: Int) -> String {
                "2026-11-28 16:\(minute + 10) [DLR] id:\(written) sub:001 dlvrd:001 submit date:2611281600 done date:26112816\(minute + 10) "
                    + "stat:\(stat) err:\(err) text:Bonjour\n"
            }
            if random.next() % 3 == 0 { receipts.append(line("ENROUTE", minute: 0)) }
            let draw = random.next() % 100
            let final = draw < 90 ? line("DELIVRD", minute: 5) : draw < 94 ? line("EXPIRED", minute: 6)
                : draw < 97 ? line("UNDELIV", err: "001", minute: 7) : draw < 99 ? line("REJECTD", err: "011", minute: 8) : line("FAILED", minute: 9)
            receipts.append(final)
            if random.next() % 20 == 0 { receipts.append(final) }
            if index % 500 == 0 { receipts.append(line("DELIVRD", minute: 5).replacingOccurrences(of: written, with: "ffffff\(index)")) }
        }
        return (submit, receipts)
    }

    static func ingest(_ path: String, _ inputs: [String]) throws -> IngestSummary {
        var configuration = IngestConfiguration(inputs: inputs, store: path)
        configuration.now = 1_795_900_000
        return try Ingest.run(configuration)
    }

    static func rows(_ path: String, _ sql: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in value.isNull ? "NULL" : String.fromDatabaseValue(value) ?? "\(value)" }.joined(separator: "|")
            }
        }
    }

    /// Rows of a query on either backend, values joined by `|`.
    static func rows(at location: String, _ sql: String) throws -> [String] {
        guard StoreLocation.isURL(location) else { return try rows(location, sql) }
        return try TestPostgres.psql(location, sql).split(separator: "\n").map(String.init)
    }

    static let indexes = "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"

    @Test("a large submit log and receipt log: the same store as read row by row, indexes made again, checks sound")
    func bulkEqualsRowByRow() throws {
        let folder = try TemporaryFolder()
        let (submit, receipts) = Self.gatewayFiles()
        #expect(receipts.joined().utf8.count / 128 > 20_000, "large enough for the bulk path")

        let bulk = try Self.store(folder, name: "bulk.sqlite")
        let before = try Self.rows(bulk, Self.indexes)
        let whole = try Self.ingest(bulk, [try folder.write("submit.log", submit), try folder.write("receipts.log", receipts.joined())])

        // The same reports in files of at most 2,000 lines, one ingest each.
        let pieces = try Self.store(folder, name: "pieces.sqlite")
        var total = IngestSummary()
        let submitLines = submit.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (number, start) in stride(from: 0, to: submitLines.count, by: 2_000).enumerated() {
            let piece = submitLines[start..<min(start + 2_000, submitLines.count)].joined(separator: "\n") + "\n"
            total.submitted += try Self.ingest(pieces, [try folder.write("submit-\(number).log", piece)]).submitted
        }
        for (number, start) in stride(from: 0, to: receipts.count, by: 2_000).enumerated() {
            let piece = try Self.ingest(pieces, [try folder.write("receipts-\(number).log", receipts[start..<min(start + 2_000, receipts.count)].joined())])
            total.reports += piece.reports
            total.matched += piece.matched
            total.unmatched += piece.unmatched
            total.duplicates += piece.duplicates
            total.newNPAI += piece.newNPAI
        }

        #expect(whole.submitted == Self.messages && total.submitted == Self.messages)
        #expect(whole.reports == receipts.count && whole.unmatched == Self.messages / 500)
        #expect(whole.reports == total.reports && whole.matched == total.matched && whole.duplicates == total.duplicates && whole.duplicates > 0)
        #expect(whole.newNPAI == total.newNPAI && whole.newNPAI > 0)
        for query in [
            "SELECT message_id, state, at, error_code, permanent FROM outcomes ORDER BY message_id",
            "SELECT provider_message_id, message_id FROM submissions ORDER BY provider_message_id",
            "SELECT message_id, provider_message_id, phone, status, error_code, done_at, raw FROM events ORDER BY raw, id",
            "SELECT phone, reason, since, source FROM suppressions ORDER BY phone",
        ] {
            #expect(try Self.rows(bulk, query) == Self.rows(pieces, query), "\(query)")
        }
        #expect(try Self.rows(bulk, Self.indexes) == before, "the dropped indexes are made again")
        #expect(try Self.rows(bulk, "SELECT count(*) FROM events WHERE message_id IS NULL") == ["\(Self.messages / 500)"])
        #expect(try TextoStore(path: bulk, create: false).check().problems == [])
        #expect(try TextoStore(path: pieces, create: false).check().problems == [])
    }

    @Test("a second submit log that gives known SMSC ids again, one to another message: the latest line wins, every id kept",
          arguments: StoreBackend.all)
    func smscIDsAgain(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let location = try Self.store(at: backend.newStore(in: folder))
        let line = { (message: Int, smsc: Int) in
            "2026-11-28 16:00:00 [SUBMIT] id:\(Self.id(message)) to:+33610000000 message_id:\(Self.smsc(smsc))\n"
        }
        let first = (1...Self.messages).map { line($0, $0) }.joined()
        #expect(try Self.ingest(location, [try folder.write("submit-1.log", first)]).submitted == Self.messages)
        // Every id known again (the server finds a conflict in the first
        // chunk of a copy of several), message 2 given message 1's, then new ones.
        let second = first + line(2, 1) + (2...Self.messages).map { line($0, $0 + Self.messages) }.joined()
        #expect(try Self.ingest(location, [try folder.write("submit-2.log", second)]).submitted == 2 * Self.messages)
        var expected = (1...Self.messages).map { "\(Self.smsc($0).uppercased().drop { $0 == "0" })|\(Self.id($0))" }
        expected[0] = "\(Self.smsc(1).uppercased().drop { $0 == "0" })|\(Self.id(2))"
        expected += (2...Self.messages).map { "\(Self.smsc($0 + Self.messages).uppercased().drop { $0 == "0" })|\(Self.id($0))" }
        let stored = try Self.rows(at: location, "SELECT provider_message_id, message_id FROM submissions")
        #expect(stored.count == expected.count)
        #expect(stored.sorted() == expected.sorted())
    }

    @Test("SMSC ids from a submit log read in an earlier run match the receipts of a later one; duplicates of earlier reports count")
    func acrossRuns() throws {
        let folder = try TemporaryFolder()
        let path = try Self.store(folder, name: "texto.sqlite")
        let submit = (1...3).map { "2026-11-28 16:00:00 [SUBMIT] id:\(Self.id($0)) to:+33610000000 message_id:\(Self.smsc($0))\n" }.joined()
        #expect(try Self.ingest(path, [try folder.write("submit.log", submit)]).submitted == 3)
        let receipt = { (index: Int, stat: String) in
            "id:\(Self.smsc(index).uppercased()) sub:001 dlvrd:001 submit date:2611281600 done date:2611281605 stat:\(stat) err:000\n"
        }
        let first = try Self.ingest(path, [try folder.write("dlr-1.log", receipt(1, "DELIVRD") + receipt(2, "ENROUTE"))])
        #expect(first.matched == 2 && first.duplicates == 0)
        let second = try Self.ingest(path, [try folder.write("dlr-2.log", receipt(1, "DELIVRD") + receipt(2, "UNDELIV") + receipt(3, "DELIVRD"))])
        #expect(second.matched == 3 && second.duplicates == 1)
        #expect(try Self.rows(path, "SELECT message_id, state FROM outcomes ORDER BY message_id") == ["M00001|delivered", "M00002|failed", "M00003|delivered"])
    }
}

extension TemporaryFolder {
    /// Writes `text` to `name` in the folder; returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
