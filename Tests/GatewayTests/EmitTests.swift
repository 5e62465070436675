import Foundation
import Crypto
import GRDB
import Gateway
import Phones
import Store
import Tables
import TestSupport
import Testing
import TextoCore

/// The emit as a user runs it: a messages file in, batch files, a manifest
/// and ledger rows out; checked against what the files say (read back with
/// Foundation), the holiday oracle (PyPI `holidays`) and the store's rows
/// (read with SQL, not through the code that wrote them).
@Suite("Emit")
struct EmitTests {
    /// A messages file as texto-render writes it: `count` recipients,
    /// numbers +336100xxxxx, a UCS-2 message at row 5 and a long one at row 7.
    static func messagesFile(_ folder: TemporaryFolder, count: Int, name: String = "messages.csv") throws -> String {
        var text = "_source,_row,_phone,_phone_raw,_text,_encoding,_length,_segments,PRENOM,NOM,CODE_POSTAL\n"
        for index in 0..<count {
            let row = index + 2
            var message = "Bonjour client \(index), -20 % ce samedi !\nSTOP au 36035"
            if row == 5 { message = "Joyeux Noël 🎄\nSTOP au 36035" }
            if row == 7 { message = String(repeating: "Très long message. ", count: 12) + "\nSTOP au 36035" }
            let quoted = "\"" + message.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "clients.xlsx#Feuil1,\(row),+336\(String(10_000_000 + index)),06 \(index),\(quoted),GSM7,0,1,Zoé,Martin,29200\n"
        }
        let path = folder.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func configuration(_ folder: TemporaryFolder, input: String, at start: String = "2026-11-28 19:58") throws -> EmitConfiguration {
        var configuration = EmitConfiguration(source: .messages(input), campaign: "noel-2026", sender: "KERKAFE",
                                              out: folder.file("batches"), store: folder.file("texto.sqlite"))
        configuration.start = SendStart(unixTime: paris(start))
        configuration.now = paris("2026-11-28 12:00")
        return configuration
    }

    /// The messages of a JSON Lines batch: id → (to, send time, text).
    static func readJSONLines(_ folder: TemporaryFolder) throws -> [String: (to: String, sendAt: Int, text: String)] {
        var messages: [String: (String, Int, String)] = [:]
        for name in folder.listing(in: "batches") where name.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: folder.file("batches/" + name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let id = try #require(object["id"] as? String)
                #expect(messages[id] == nil, "id \(id) twice in the batch")
                messages[id] = (try #require(object["to"] as? String), parseISO(try #require(object["send_at"] as? String)).sendAt,
                                try #require(object["text"] as? String))
            }
        }
        return messages
    }

    /// The ledger's rows of `campaign`: id → (phone, scheduled time, batch file, is_test).
    static func ledger(_ folder: TemporaryFolder, campaign: String = "noel-2026") throws -> [String: (phone: String, at: Int, file: String, test: Bool)] {
        let queue = try DatabaseQueue(path: folder.file("texto.sqlite"))
        return try queue.read { db in
            var rows: [String: (String, Int, String, Bool)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, phone, scheduled_at, batch_file, is_test FROM messages WHERE campaign_id = ?",
                                        arguments: [campaign]) {
                let at = ISO8601DateFormatter().date(from: row[2])!
                rows[row[0]] = (row[1], Int(at.timeIntervalSince1970), row[3], row[4])
            }
            return rows
        }
    }

    /// The oracle's holidays (`Holidays/holidays.tsv`, from PyPI `holidays`).
    static let holidays: Set<String> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Holidays/holidays.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").filter { $0.hasPrefix("national\t") }.map { String($0.split(separator: "\t")[1]) })
    }()

    /// True when `unixTime` is inside the legal window, by Foundation's
    /// Europe/Paris calendar and the oracle's holidays.
    static func isLegal(_ unixTime: Int) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .weekday], from: Date(timeIntervalSince1970: TimeInterval(unixTime)))
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return parts.weekday != 1 && (8..<20).contains(parts.hour!) && !holidays.contains(day)
    }

    @Test("a Saturday evening at 50/s: every send time legal, the files and the ledger one to one, a second run changes nothing")
    func saturdayAt50PerSecond() throws {
        let folder = try TemporaryFolder()
        let input = try Self.messagesFile(folder, count: 4_000)
        var configuration = try Self.configuration(folder, input: input, at: "2026-11-28 19:59")
        configuration.format = .jsonl
        configuration.chunk = 1_500
        configuration.rate = SendRate(messages: 50, per: 1)
        let summary = try Emit.run(configuration)
        #expect(summary.messages == 4_000 && summary.files == 3)
        #expect(summary.windowMoves == ["samedi 20:00 → lundi 08:00 : dimanche exclu"])
        #expect(summary.firstSendAt == "2026-11-28T19:59:00+01:00")
        // 3,000 in the minute before 20:00, the other 1,000 from Monday 08:00 at 50/s.
        #expect(summary.lastSendAt == "2026-11-30T08:00:19+01:00")

        let files = try Self.readJSONLines(folder)
        let ledger = try Self.ledger(folder)
        #expect(files.count == 4_000)
        #expect(Set(files.keys) == Set(ledger.keys))
        for (id, message) in files {
            #expect(Self.isLegal(message.sendAt), "\(id) at \(parisText(message.sendAt))")
            let row = try #require(ledger[id])
            #expect(row.phone == message.to && row.at == message.sendAt && !row.test)
        }
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(folder.bytes("batches/manifest.json"))) as? [String: Any])
        let listed = try #require(manifest["files"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["noel-2026-0001.jsonl", "noel-2026-0002.jsonl", "noel-2026-0003.jsonl"])
        for file in listed {
            let name = try #require(file["name"] as? String)
            let bytes = try folder.bytes("batches/" + name)
            #expect(file["sha256"] as? String == sha256(bytes))
            #expect(Set(ledger.values.filter { $0.file == name }.map(\.phone)).count == file["messages"] as? Int)
        }

        let before = try folder.listing(in: "batches").map { try folder.bytes("batches/" + $0) }
        configuration.start = nil  // the same campaign again, without --at: it starts where it started
        configuration.now = paris("2026-11-29 10:00")
        let again = try Emit.run(configuration)
        #expect(again.unchanged && again.files == 3 && again.messages == 4_000)
        #expect(try folder.listing(in: "batches").map { try folder.bytes("batches/" + $0) } == before)
        #expect(try Self.ledger(folder).count == 4_000)
    }

    @Test("a different emit of the same campaign is refused, and nothing changes; --replace rewrites it")
    func differentEmitRefusedThenReplaced() throws {
        let folder = try TemporaryFolder()
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 30))
        configuration.chunk = 10
        _ = try Emit.run(configuration)
        #expect(folder.listing(in: "batches") == ["manifest.json", "noel-2026-0001.csv", "noel-2026-0002.csv", "noel-2026-0003.csv"])
        let before = try folder.listing(in: "batches").map { try folder.bytes("batches/" + $0) }

        configuration.chunk = 20
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == .alreadyEmitted)
        #expect(error?.detail.contains("noel-2026-0001.csv held 10 messages, now 20") == true)
        #expect(try folder.listing(in: "batches").map { try folder.bytes("batches/" + $0) } == before)

        configuration.replace = true
        let replaced = try Emit.run(configuration)
        #expect(replaced.replaced == 30 && replaced.files == 2)
        #expect(folder.listing(in: "batches") == ["manifest.json", "noel-2026-0001.csv", "noel-2026-0002.csv"])
        #expect(Set(try Self.ledger(folder).values.map(\.file)) == ["noel-2026-0001.csv", "noel-2026-0002.csv"])
    }

    @Test("--replace is refused once a report of the campaign was ingested")
    func replaceRefusedAfterReports() throws {
        let folder = try TemporaryFolder()
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 5))
        _ = try Emit.run(configuration)
        let queue = try DatabaseQueue(path: folder.file("texto.sqlite"))
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO replies (phone, text, received_at, campaign_id, is_stop) VALUES ('+33610000000', 'STOP', '2026-11-28T19:00:00Z', 'noel-2026', 1)
                """)
        }
        configuration.rate = SendRate(messages: 1, per: 1)
        configuration.replace = true
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == .reportsIngested)
        #expect(try Self.ledger(folder).count == 5)
    }

    @Test("a number that said STOP after targeting is dropped at the last moment and listed")
    func lastMomentOptOut() throws {
        let folder = try TemporaryFolder()
        let store = try TextoStore(path: folder.file("texto.sqlite"))
        let parser = try PhoneParser(defaultRegion: "FR")
        func number(_ text: String) throws -> PhoneNumber {
            guard case .number(let number) = parser.parse(text) else { throw CancellationError() }
            return number
        }
        try store.addSuppressions([try number("+33610000003")], reason: .stop, source: "test")
        try store.addSuppressions([try number("+33610000004")], reason: .npai, source: "test")
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 6))
        configuration.excluded = folder.file("excluded.csv")
        let summary = try Emit.run(configuration)
        #expect(summary.messages == 4 && summary.excluded == ["stop": 1, "npai": 1])
        let excluded = try String(contentsOfFile: folder.file("excluded.csv"), encoding: .utf8)
        let lines = excluded.split(separator: "\n")
        #expect(lines.first?.hasPrefix("_source,_row,_phone,_phone_raw,_text,_encoding,_length,_segments,_reason,PRENOM") == true)
        #expect(excluded.contains("clients.xlsx#Feuil1,5,+33610000003,") && excluded.contains(",stop,Zoé"))
        #expect(excluded.contains("clients.xlsx#Feuil1,6,+33610000004,") && excluded.contains(",npai,Zoé"))
        let phones = Set(try Self.ledger(folder).values.map(\.phone))
        #expect(!phones.contains("+33610000003") && !phones.contains("+33610000004") && phones.count == 4)
    }

    @Test("a test send: the first, the longest and the Unicode message to each test number, never counted")
    func testSend() throws {
        let folder = try TemporaryFolder()
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 10))
        configuration.testTo = ["06 30 05 06 60", "+33 7 51 22 33 44"]
        let summary = try Emit.run(configuration)
        #expect(summary.test && summary.messages == 6)
        #expect(folder.listing(in: "batches") == ["manifest-test.json", "noel-2026-test.csv"])
        let ledger = try Self.ledger(folder)
        #expect(ledger.values.allSatisfy(\.test) && Set(ledger.values.map(\.phone)) == ["+33630050660", "+33751223344"])
        let batch = try String(contentsOfFile: folder.file("batches/noel-2026-test.csv"), encoding: .utf8)
        #expect(batch.contains("Bonjour client 0,") && batch.contains("Joyeux Noël 🎄") && batch.contains("Très long message."))

        let store = try TextoStore(path: folder.file("texto.sqlite"))
        #expect(try store.recipients(ofCampaigns: ["noel-2026"]).isEmpty)
        // The real emit after the test is not "emitted before".
        configuration.testTo = []
        let real = try Emit.run(configuration)
        #expect(!real.unchanged && real.messages == 10)
        #expect(try store.recipients(ofCampaigns: ["noel-2026"]).count == 10)
    }

    @Test("rows that cannot be sent go to the rejects with their reason")
    func rejects() throws {
        let folder = try TemporaryFolder()
        let text = """
            _source,_row,_phone,_text
            a.csv,2,+33610000001,Bonjour
            a.csv,3,01 45 45 45 45,Bonjour
            a.csv,4,+33610000001,Encore
            a.csv,5,06 1O 00 00 02,Bonjour
            a.csv,6,+33610000003,

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("m.csv")))
        var configuration = try Self.configuration(folder, input: folder.file("m.csv"))
        configuration.type = .notification
        configuration.rejects = folder.file("rejects.csv")
        let summary = try Emit.run(configuration)
        #expect(summary.messages == 1)
        #expect(summary.rejects == ["not_mobile:fixed": 1, "duplicate": 1, "invalid:letters": 1, "empty_text": 1])
        let rejects = try String(contentsOfFile: folder.file("rejects.csv"), encoding: .utf8)
        #expect(rejects.hasPrefix("_source,_row,_phone,_text,_reason\n") && rejects.contains("a.csv,4,+33610000001,Encore,duplicate"))
    }

    @Test("a folder that cannot be made: exit 73's error, no ledger row, no store left")
    func unwritableFolder() throws {
        let folder = try TemporaryFolder()
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 3))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("file")))
        configuration.out = folder.file("file/batches")
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == .cannotWrite && error?.category == .cannotCreate)
        #expect(!FileManager.default.fileExists(atPath: folder.file("texto.sqlite")))
    }

    @Test("a file without _phone or _text: a data error naming the columns, nothing made")
    func missingColumns() throws {
        let folder = try TemporaryFolder()
        try Data("_source,_row,PHONE,TEXTE\na.csv,2,+33610000001,Bonjour\n".utf8).write(to: URL(fileURLWithPath: folder.file("m.csv")))
        let configuration = try Self.configuration(folder, input: folder.file("m.csv"))
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == .missingColumns && error?.category == .data)
        #expect(error?.detail == "the file has no _phone and _text columns")
        #expect(folder.listing == ["m.csv"])
    }

    @Test("a file that breaks after thousands of messages: its error, no batch file, no ledger row, no store")
    func brokenMidway() throws {
        let folder = try TemporaryFolder()
        let input = try Self.messagesFile(folder, count: 6_000)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("clients.xlsx#Feuil1,6002,+33699999999,x,\"never closed\n".utf8))
        try handle.close()
        let configuration = try Self.configuration(folder, input: input)
        let error = #expect(throws: TableError.self) { try Emit.run(configuration) }
        #expect(error?.location.row == 6_002 || error?.location.line != nil, "\(String(describing: error))")
        #expect(folder.listing == ["messages.csv"])
    }

    @Test("a one-off notification to numbers typed as people type them")
    func oneOff() throws {
        let folder = try TemporaryFolder()
        var configuration = EmitConfiguration(source: .oneOff(to: ["06 30 05 06 60 ; 0751223344", "06.30.05.06.60"], text: "Votre commande est prête"),
                                              campaign: "cmd-1", sender: "KERKAFE", out: folder.file("b"), store: folder.file("texto.sqlite"))
        configuration.type = .notification
        configuration.start = SendStart(unixTime: paris("2026-11-29 09:00"))
        configuration.now = paris("2026-11-29 08:00")
        let summary = try Emit.run(configuration)
        #expect(summary.messages == 2 && summary.rejects == ["duplicate": 1])
        // A notification goes on a Sunday; the text is transliterated as render does.
        #expect(summary.firstSendAt == "2026-11-29T09:00:00+01:00")
        let batch = try String(contentsOfFile: folder.file("b/cmd-1.csv"), encoding: .utf8)
        #expect(batch.contains(",+33630050660,KERKAFE,Votre commande est prete,2026-11-29T09:00:00+01:00"))

        configuration.type = .marketing
        configuration.campaign = "promo-1"
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == .noStopMention)
    }

    @Test("campaign ids, senders and numbers on the command line are checked before anything is made", arguments: [
        ("noel 2026", "KERKAFE", GatewayErrorCode.invalidCampaign),
        (String(repeating: "a", count: 33), "KERKAFE", .invalidCampaign),
        ("noel-2026", "KERKAFEPLUS12", .invalidSender),
        ("noel-2026", "Kér", .invalidSender),
        ("noel-2026", "+1234567890123456", .invalidSender),
    ])
    func invalidOptions(campaign: String, sender: String, code: GatewayErrorCode) throws {
        let folder = try TemporaryFolder()
        var configuration = try Self.configuration(folder, input: try Self.messagesFile(folder, count: 1))
        configuration.campaign = campaign
        configuration.sender = sender
        let error = #expect(throws: GatewayError.self) { try Emit.run(configuration) }
        #expect(error?.code == code && error?.category == .usage)
        #expect(folder.listing == ["messages.csv"])
    }
}

/// Lowercase hex SHA-256, by swift-crypto.
func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
