import Delivery
import Foundation
import GRDB
import Phones
import Store
import TestSupport
import Testing

/// texto-ingest's rules on hand-written report files, the store read by SQL.
@Suite("Ingest")
struct IngestTests {
    /// A store with campaign `noel` and messages M1...M5 to +336100000001...5.
    static func store(_ folder: TemporaryFolder) throws -> String {
        let path = folder.file("texto.sqlite")
        let store = try TextoStore(path: path)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        try store.recordMessages((1...5).map { index in
            LedgerMessage(id: "M\(index)", campaignID: "noel", phone: "+3361000000\(index)", textLength: 10, segments: 1,
                          scheduledAt: Date(timeIntervalSince1970: 1_795_870_800))
        })
        return path
    }

    static func write(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// 2026-11-28T22:26:40Z: a few hours after the messages were sent.
    static let now = 1_795_900_000

    static func ingest(_ folder: TemporaryFolder, _ inputs: [String], now: Int = now, npaiAfter: Int = 3) throws -> IngestSummary {
        var configuration = IngestConfiguration(inputs: inputs, store: folder.file("texto.sqlite"))
        configuration.now = now
        configuration.npaiAfter = npaiAfter
        return try Ingest.run(configuration)
    }

    static func rows(_ folder: TemporaryFolder, _ sql: String) throws -> [String] {
        try DatabaseQueue(path: folder.file("texto.sqlite")).read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: return "NULL"
                    case .int64(let number): return String(number)
                    case .double(let number): return String(number)
                    case .string(let text): return text
                    case .blob: return "blob"
                    }
                }.joined(separator: "|")
            }
        }
    }

    static func receipt(_ id: String, _ stat: String, err: String = "000", done: String = "2611281601") -> String {
        "2026-11-28 16:01:00 [DLR] id:\(id) sub:001 dlvrd:001 submit date:2611281600 done date:\(done) stat:\(stat) err:\(err) text:Bonjour\n"
    }

    @Test("a late DELIVRD wins; a final state is not undone by a pending one; ids in any case and with zeros")
    func outcomes() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let log = Self.receipt("m1", "UNDELIV", err: "027") + Self.receipt("M1", "DELIVRD", done: "2611281602")
            + Self.receipt("00M2", "EXPIRED") + Self.receipt("M2", "ENROUTE") + Self.receipt("M3", "FAILED")
            + Self.receipt("M3", "FAILED") + Self.receipt("ZZZ", "DELIVRD")
        let summary = try Self.ingest(folder, [try Self.write(folder, "dlr.log", log)])
        #expect(summary.reports == 7 && summary.matched == 6 && summary.unmatched == 1 && summary.duplicates == 1)
        #expect(summary.unknownStats == ["FAILED": 2])
        #expect(try Self.rows(folder, "SELECT message_id, state FROM outcomes ORDER BY message_id") == ["M1|delivered", "M2|expired", "M3|failed"])
        #expect(try Self.rows(folder, "SELECT provider_message_id, raw LIKE '%stat:DELIVRD%' FROM events WHERE message_id IS NULL") == ["ZZZ|1"])
        #expect(try Self.rows(folder, "SELECT count(*) FROM suppressions") == ["0"], "UNDELIV 027 is not permanent; FAILED is not NPAI")
    }

    @Test("the SMSC's ids from a submit log, written back in hex or decimal")
    func submitLog() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let submit = try Self.write(folder, "submit.log", """
            2026-11-28 16:00:00 [SUBMIT] id:M1 to:+33610000001 message_id:00a3f9c21b
            2026-11-28 16:00:00 [SUBMIT] id:M2 to:+33610000002 message_id:ff

            """)
        let log = try Self.write(folder, "dlr.log", Self.receipt("A3F9C21B", "DELIVRD") + Self.receipt("255", "REJECTD", err: "011"))
        let summary = try Self.ingest(folder, [log, submit])
        #expect(summary.submitted == 2 && summary.matched == 2)
        #expect(try Self.rows(folder, "SELECT message_id, state, permanent FROM outcomes ORDER BY message_id") == ["M1|delivered|0", "M2|failed|1"])
        #expect(try Self.rows(folder, "SELECT phone, reason FROM suppressions") == ["+33610000002|NPAI"])
    }

    @Test("a file that grew: only its new complete lines; a half-written last line waits for the next run")
    func growingFile() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let first = Self.receipt("M1", "DELIVRD") + Self.receipt("M2", "DELIVRD")
        let partial = String(Self.receipt("M3", "DELIVRD").dropLast(20))
        let path = try Self.write(folder, "dlr.log", first + partial)
        let one = try Self.ingest(folder, [path])
        #expect(one.reports == 2 && one.incompleteBytes == partial.utf8.count)
        _ = try Self.write(folder, "dlr.log", first + Self.receipt("M3", "DELIVRD") + Self.receipt("M4", "EXPIRED"))
        let two = try Self.ingest(folder, [path])
        #expect(two.reports == 2 && two.duplicates == 0 && two.incompleteBytes == 0)
        #expect(try Self.rows(folder, "SELECT source_line FROM events ORDER BY id") == ["1", "2", "3", "4"])
        let three = try Self.ingest(folder, [path])
        #expect(three.reports == 0 && three.files == 0)
        #expect(try Self.rows(folder, "SELECT count(*) FROM outcomes") == ["4"])
    }

    @Test("a log larger than the reading chunks, lines across their edges: every line read once, in order")
    func largeLog() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let lines = (0..<20_000).map { Self.receipt("M\($0 % 5 + 1)", $0 % 3 == 0 ? "ENROUTE" : "DELIVRD", done: "26112816\(10 + $0 % 50)") }
        let text = lines.joined()
        #expect(text.utf8.count > 2 * 1_048_576)
        let summary = try Self.ingest(folder, [try Self.write(folder, "dlr.log", text)])
        #expect(summary.reports == 20_000 && summary.matched == 20_000)
        #expect(try Self.rows(folder, "SELECT count(*), min(source_line), max(source_line), count(DISTINCT source_line) FROM events") == ["20000|1|20000|20000"])
        #expect(try Self.rows(folder, "SELECT raw FROM events WHERE source_line = 7001") == [String(lines[7000].dropLast())])
    }

    @Test("replies: an opt-out joins the STOP list, attributed to the campaign; a sentence with the word does not")
    func replies() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let csv = try Self.write(folder, "reponses.csv", """
            Téléphone;Date de réception;Réponse
            06 10 00 00 01;2026-11-28T17:00:00+01:00;Stop.
            +33610000002;2026-11-28T17:05:00+01:00;Stop à la pluie, vivement samedi
            +33610000003;2026-11-28T13:00:00+01:00;ARRET

            """)
        let summary = try Self.ingest(folder, [csv])
        #expect(summary.replies == 3 && summary.newStops == 2)
        #expect(try Self.rows(folder, "SELECT phone, campaign_id, is_stop FROM replies ORDER BY phone") == [
            "+33610000001|noel|1", "+33610000002|noel|0", "+33610000003|NULL|1",
        ], "a reply before any message answers no campaign")
        #expect(try Self.rows(folder, "SELECT phone, reason, scope FROM suppressions ORDER BY phone") == ["+33610000001|STOP|marketing", "+33610000003|STOP|*"],
                "a STOP to a marketing campaign covers marketing; one that answers no campaign, everything")
    }

    @Test("no final report 48 hours after the send: expired; a late delivery still wins")
    func overdue() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let log = try Self.write(folder, "dlr.log", Self.receipt("M1", "DELIVRD") + Self.receipt("M2", "ENROUTE"))
        let early = try Self.ingest(folder, [log], now: 1_795_870_800 + 47 * 3_600)
        #expect(early.overdue == 0)
        let late = try Self.ingest(folder, [log], now: 1_795_870_800 + 49 * 3_600)
        #expect(late.overdue == 4 && late.outcomes == ["expired": 4])
        #expect(try Self.rows(folder, "SELECT message_id, state, event_id IS NULL FROM outcomes ORDER BY message_id") == [
            "M1|delivered|0", "M2|expired|1", "M3|expired|1", "M4|expired|1", "M5|expired|1",
        ])
        _ = try Self.write(folder, "dlr.log", Self.receipt("M1", "DELIVRD") + Self.receipt("M2", "ENROUTE") + Self.receipt("M3", "DELIVRD"))
        _ = try Self.ingest(folder, [log], now: 1_795_870_800 + 50 * 3_600)
        #expect(try Self.rows(folder, "SELECT state FROM outcomes WHERE message_id = 'M3'") == ["delivered"])
    }

    @Test("a number whose last three campaigns all failed or expired joins the NPAI list, with that reason; a permanent failure at once; each counted once, and not when it was on the list",
          arguments: StoreBackend.all)
    func npaiAfterThree(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let location = try backend.newStore(in: folder)
        let store = try TextoStore(path: location)
        let phones = (1...4).map { "+3361000000\($0)" }
        for (index, campaign) in ["c1", "c2", "c3"].enumerated() {
            try store.insertCampaign(id: campaign, name: campaign, type: .marketing, sender: "KERKAFE")
            try store.recordMessages(phones.map { phone in
                LedgerMessage(id: "\(campaign.uppercased())-\(phone.suffix(1))", campaignID: campaign, phone: phone, textLength: 10, segments: 1,
                              scheduledAt: Date(timeIntervalSince1970: TimeInterval(1_795_870_800 + index * 86_400)))
            })
        }
        guard case .number(let listed) = try PhoneParser(defaultRegion: "FR").parse(phones[2]) else { return }
        try store.addSuppressions([listed], reason: .npai, source: "liste du prestataire")
        // 1: expired, failed (temporary), expired. 2: the same but the second delivered.
        // 3: three expired, on the list already. 4: refused for good (err 001) in the last campaign, reported twice.
        let log = Self.receipt("C1-1", "EXPIRED") + Self.receipt("C2-1", "UNDELIV", err: "027") + Self.receipt("C3-1", "EXPIRED")
            + Self.receipt("C1-2", "EXPIRED") + Self.receipt("C2-2", "DELIVRD") + Self.receipt("C3-2", "EXPIRED")
            + Self.receipt("C1-3", "EXPIRED") + Self.receipt("C2-3", "EXPIRED") + Self.receipt("C3-3", "EXPIRED")
            + Self.receipt("C1-4", "DELIVRD") + Self.receipt("C3-4", "UNDELIV", err: "001", done: "2611281602")
            + Self.receipt("C3-4", "UNDELIV", err: "001", done: "2611281603")
        var configuration = IngestConfiguration(inputs: [try Self.write(folder, "dlr.log", log)], store: location)
        configuration.now = 1_795_870_800 + 3 * 86_400
        configuration.npaiAfter = 3
        let summary = try Ingest.run(configuration)
        #expect(summary.newNPAI == 2)
        #expect(try TextoStore(path: location, create: false).suppressions().map { "\($0.phone)|\($0.reason.rawValue)|\($0.source)|\($0.comment ?? "")" } == [
            "+33610000001|NPAI|texto-ingest: no delivery in the last 3 campaigns|",
            "+33610000003|NPAI|liste du prestataire|",
            "+33610000004|NPAI|texto-ingest: UNDELIV err:001|message C3-4",
        ])
    }

    @Test("what follow-ups read from the store: delivered recipients, repliers, delivered messages per number")
    func followUpQueries() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let log = Self.receipt("M1", "DELIVRD") + Self.receipt("M2", "UNDELIV", err: "027") + Self.receipt("M3", "DELIVRD")
        let replies = "phone,received_at,text\n+33610000003,2026-11-28T17:00:00+01:00,Merci\n"
        _ = try Self.ingest(folder, [try Self.write(folder, "dlr.log", log), try Self.write(folder, "replies.csv", replies)])
        let store = try TextoStore(path: folder.file("texto.sqlite"), create: false)
        #expect(try store.deliveredRecipients(ofCampaign: "noel") == [33_610_000_001, 33_610_000_003])
        #expect(try store.repliers(ofCampaign: "noel") == [33_610_000_003])
        #expect(try store.deliveredCounts(since: Date(timeIntervalSince1970: 1_795_870_800)) == [33_610_000_001: 1, 33_610_000_003: 1])
        #expect(try store.deliveredCounts(since: Date(timeIntervalSince1970: 1_795_870_801)).isEmpty)
    }

    @Test("a provider's export in French: rows matched by number and send date, statuses in words, a wrong number NPAI")
    func providerExport() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let export = try Self.write(folder, "export-ara.csv", """
            Téléphone;Date d'envoi;Date de réception;Statut
            06 10 00 00 01;28/11/2026 14:00;28/11/2026 14:00:12;Délivré
            06 10 00 00 02;28/11/2026 14:00;;Non délivré
            06 10 00 00 03;28/11/2026 14:00;;Echec d'envoi
            06 10 00 00 04;28/11/2026 14:00;28/11/2026 14:20:00;Répondu
            06 10 00 00 05;28/11/2026 14:00;;En cours
            06 99 99 99 99;28/11/2026 14:00;;Délivré
            06 10 00 00 05;28/11/2026 14:00;;Inconnu

            """)
        let summary = try Self.ingest(folder, [export])
        #expect(summary.reports == 7 && summary.matched == 5 && summary.unmatched == 2)
        #expect(summary.unknownStats == ["Inconnu": 1])
        #expect(try Self.rows(folder, "SELECT message_id, state, permanent FROM outcomes ORDER BY message_id") == [
            "M1|delivered|0", "M2|expired|0", "M3|failed|1", "M4|delivered|0", "M5|pending|0",
        ])
        #expect(try Self.rows(folder, "SELECT phone, reason FROM suppressions") == ["+33610000003|NPAI"])
        #expect(try Self.rows(folder, "SELECT at FROM outcomes WHERE message_id = 'M1'") == ["2026-11-28T13:00:12Z"])
    }

    @Test("a Kannel dlr-url log: types and receipts, our ids")
    func kannelLog() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let log = try Self.write(folder, "access.log", """
            10.0.0.5 - - [28/Nov/2026:16:00:01 +0100] "GET /dlr?id=M1&type=8 HTTP/1.1" 200 2
            10.0.0.5 - - [28/Nov/2026:16:00:05 +0100] "GET /dlr?id=M1&type=1 HTTP/1.1" 200 2
            10.0.0.5 - - [28/Nov/2026:16:00:06 +0100] "GET /dlr?id=M2&type=2&answer=id%3A77+stat%3AUNDELIV+err%3A001 HTTP/1.1" 200 2
            10.0.0.5 - - [28/Nov/2026:16:00:07 +0100] "GET /dlr?id=M3&type=16 HTTP/1.1" 200 2

            """)
        let summary = try Self.ingest(folder, [log])
        #expect(summary.reports == 4 && summary.matched == 4 && summary.newNPAI == 1)
        #expect(try Self.rows(folder, "SELECT message_id, state FROM outcomes ORDER BY message_id") == ["M1|delivered", "M2|failed", "M3|failed"])
        #expect(try Self.rows(folder, "SELECT phone FROM suppressions") == ["+33610000002"], "an SMSC refusal alone is not NPAI")
    }

    @Test("a file named on the command line in no known format: a data error showing its first lines, nothing written")
    func unknownFormat() throws {
        let folder = try TemporaryFolder()
        _ = try Self.store(folder)
        let path = try Self.write(folder, "notes.txt", "Bonjour,\nvoici les rapports\n")
        let error = #expect(throws: DeliveryError.self) { try Self.ingest(folder, [path]) }
        #expect(error?.code == .unknownFormat && error?.category == .data)
        #expect(error?.detail.contains("  Bonjour,") == true)
        #expect(try Self.rows(folder, "SELECT count(*) FROM ingested_files") == ["0"])
    }
}
