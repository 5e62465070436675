import Crypto
import Foundation
import GRDB
import Testing

/// Issue 14's crash test: texto-emit and texto-ingest killed (`kill -9`) at
/// random moments, again and again, then run to their end: the store passes
/// its integrity check, no message is in the ledger twice, every batch file
/// is whole, the inputs are unchanged, and the result is the result of a
/// run never interrupted. (The watcher's crash test is in WatchCommandTests.)
@Suite("Crashes", .serialized)
struct CrashTests {
    /// Kills per stage (`TEXTO_CRASH_KILLS` to change it).
    static let kills = Int(ProcessInfo.processInfo.environment["TEXTO_CRASH_KILLS"] ?? "") ?? 100
    static let environment = ["TEXTO_NOW": "1795770000"]

    /// `count` messages as texto-render writes them.
    static func messages(_ count: Int, to url: URL) throws {
        var text = "_source,_row,_phone,_text,_encoding,_length,_segments,PRENOM\n"
        for index in 0..<count {
            let phone = String(format: "+336%08d", 10_000_000 + index)
            text += "clients.csv,\(index + 2),\(phone),\"Bonjour N\(index), -20 % cette semaine chez Ker Kafé.\nSTOP au 36035\",GSM7,62,1,N\(index)\n"
        }
        try Data(text.utf8).write(to: url)
    }

    static func run(_ stage: String, _ arguments: [String], in folder: URL, killAfter delay: Double?) throws -> Int32 {
        try StageRun.runKilled(stage, arguments, in: folder, environment: environment, killAfter: delay)
    }

    /// name → SHA-256 of every file in `folder/path` (hidden ones apart).
    static func digests(_ folder: URL, _ path: String) throws -> [String: String] {
        let directory = folder.appendingPathComponent(path)
        var result: [String: String] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? [] where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let file = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            result[name] = SHA256.hash(data: try Data(contentsOf: file)).map { String(format: "%02x", $0) }.joined()
        }
        return result
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The ledger and the outcomes, as rows that must be the same after a crash-free run.
    static func ledger(_ folder: URL) throws -> (integrity: String?, messages: Int, distinct: Int, outcomes: [String]) {
        let store = try DatabaseQueue(path: folder.appendingPathComponent("texto.sqlite").path)
        return try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT campaign_id || phone) FROM messages") ?? -1,
             try String.fetchAll(db, sql: "SELECT message_id || ' ' || state FROM outcomes ORDER BY message_id"))
        }
    }

    @Test("texto-emit and texto-ingest killed again and again, then run to their end: the ledger, the batch files and the outcomes of runs never interrupted")
    func killed() throws {
        let emit = ["messages.csv", "--campaign", "relance", "--sender", "KERKAFE", "--out", "batches", "--chunk", "2000",
                    "--store", "texto.sqlite"]
        let simulate = ["batches", "--out", "gateway", "--seed", "5"]
        let ingest = ["gateway", "--store", "texto.sqlite"]

        // The reference: each stage once, never interrupted.
        let reference = try Self.folder()
        defer { try? FileManager.default.removeItem(at: reference) }
        try Self.messages(20_000, to: reference.appendingPathComponent("messages.csv"))
        #expect(try Self.run("texto-emit", emit, in: reference, killAfter: nil) == 0)
        #expect(try Self.run("texto-simulate", simulate, in: reference, killAfter: nil) == 0)
        #expect(try Self.run("texto-ingest", ingest, in: reference, killAfter: nil) == 0)
        let batches = try Self.digests(reference, "batches")
        let expected = try Self.ledger(reference)
        #expect(batches.count >= 10 && expected.messages == 20_000 && expected.outcomes.count > 0)

        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: reference.appendingPathComponent("messages.csv"), to: folder.appendingPathComponent("messages.csv"))
        let input = try Self.digests(folder, ".")["messages.csv"]
        #expect(input != nil)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<Self.kills {
            _ = try Self.run("texto-emit", emit, in: folder, killAfter: Double.random(in: 0...0.8, using: &random))
            let partial = try Self.digests(folder, "batches")
            // A batch file is whole (one of the reference's) or absent.
            #expect(partial.allSatisfy { batches[$0.key] == $0.value || $0.key.hasPrefix("manifest") }, "\(partial.keys.sorted())")
        }
        #expect(try Self.run("texto-emit", emit, in: folder, killAfter: nil) == 0)
        #expect(try Self.digests(folder, "batches") == batches, "the batch files of an emit never interrupted")
        var ledger = try Self.ledger(folder)
        #expect(ledger.integrity == "ok" && ledger.messages == 20_000 && ledger.distinct == 20_000, "no message twice")

        // The gateway's answer, then the ingest killed again and again.
        #expect(try Self.run("texto-simulate", simulate, in: folder, killAfter: nil) == 0)
        #expect(try Self.digests(folder, "gateway") == Self.digests(reference, "gateway"))
        for _ in 0..<Self.kills {
            _ = try Self.run("texto-ingest", ingest, in: folder, killAfter: Double.random(in: 0...0.8, using: &random))
        }
        #expect(try Self.run("texto-ingest", ingest, in: folder, killAfter: nil) == 0)
        ledger = try Self.ledger(folder)
        #expect(ledger.integrity == "ok" && ledger.outcomes == expected.outcomes, "the outcomes of an ingest never interrupted")
        #expect(try Self.digests(folder, ".")["messages.csv"] == input, "the input unchanged")
        let check = try StageRun.run("texto-store", ["check", "--store", "texto.sqlite"], folder: folder)
        #expect(check.status == 0, check.context)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") || $0.contains("staging") }
        #expect(leftovers.isEmpty, "no temporary file left: \(leftovers)")
    }
}
