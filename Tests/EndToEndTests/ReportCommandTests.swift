import Foundation
import GRDB
import TestSupport
import Testing

/// texto-report after the emit → simulate → ingest loop on the fixtures.
@Suite("texto-report")
struct ReportCommandTests {
    /// The emit → simulate → ingest loop on the fixtures, in a folder of its own.
    static func loop() throws -> StageRun {
        let emit = try StageRun.run("texto-emit", [
            "messages.csv", "--campaign", "noel-2026", "--sender", "KERKAFE", "--out", "batches", "--at", "2026-11-28T16:00", "--rate", "1/s",
        ], inputs: ["messages/messages.csv"], environment: ["TEXTO_NOW": "1795863600"])
        #expect(emit.status == 0, emit.context)
        let simulate = try StageRun.run("texto-simulate", [
            "batches", "--out", "gateway", "--seed", "11", "--delivered", "0.7", "--expired", "0.1", "--failed", "0.15", "--stop", "0.2",
            "--reply", "0.2",
        ], folder: emit.folder)
        #expect(simulate.status == 0, simulate.context)
        let ingest = try StageRun.run("texto-ingest", ["gateway"], folder: emit.folder, environment: ["TEXTO_NOW": "1795950000"])
        #expect(ingest.status == 0, ingest.context)
        return emit
    }

    @Test("the card adds up to what the simulated gateway did; messages, STOP, NPAI and replies tables; excel-fr; formulas defused")
    func afterTheLoop() throws {
        let emit = try Self.loop()
        defer { emit.cleanUp() }
        // The day after the send: the statistics are provisional until 48 hours after the last send.
        let report = try StageRun.run("texto-report", ["--out", "rapports"], folder: emit.folder, environment: ["TEXTO_NOW": "1795950000"])
        #expect(report.status == 0, report.context)

        let expected = parseCSV(try emit.file("gateway/expected.csv")).dropFirst()
        let count = { (outcome: String) in expected.filter { $0[2] == outcome }.count }
        let card = parseCSV(try emit.file("rapports/noel-2026-synthese.csv"))
        let value = { (label: String) in card.first { $0[0] == label }?[1] }
        #expect(value("Destinataires") == String(expected.count))
        #expect(value("Délivrés") == String(count("delivered")))
        #expect(value("Échecs") == String(count("failed")))
        #expect(value("Non délivrés") == String(count("expired") + count("pending")))
        #expect(value("STOP SMS") == String(expected.filter { $0[5] == "stop" }.count))

        let messages = parseCSV(try emit.file("rapports/noel-2026-messages.csv"))
        #expect(messages.first == ["Téléphone", "Nom", "Fichier source", "Ligne source", "Envoyé le", "Statut", "Reçu le", "Erreur", "Réponse"])
        #expect(messages.dropFirst().allSatisfy { $0[4].hasPrefix("2026-11-28 16:0") }, "sent from 16:00 Paris time on, written in Paris time")
        let stopped = Set(expected.filter { $0[5] == "stop" }.map { $0[1] })
        #expect(Set(messages.dropFirst().filter { $0[8] == "STOP" }.map { $0[0] }) == stopped, "ARA's replied state beside the outcome")
        #expect(messages.count == expected.count + 1)
        #expect(messages.dropFirst().filter { $0[5] == "Délivré" }.count == count("delivered"))
        let npai = parseCSV(try emit.file("rapports/noel-2026-npai.csv"))
        let permanent = expected.filter { $0[3] == "REJECTD" || ($0[3] == "UNDELIV" && $0[4] == "001") }
        #expect(Set(npai.dropFirst().map { $0[0] }) == Set(permanent.map { $0[1] }))
        #expect(npai.dropFirst().allSatisfy { !$0[3].isEmpty }, "the source row, for the accountant to fix the record")
        let index = parseCSV(try emit.file("rapports/campagnes.csv"))
        #expect(index.count == 2 && index[1][0] == "noel-2026")

        // A reply Excel would run as a formula is written with a ' in front.
        try DatabaseQueue(path: emit.folder.appendingPathComponent("texto.sqlite").path).write { db in
            try db.execute(sql: """
                INSERT INTO replies (phone, text, received_at, campaign_id, is_stop) VALUES ('+33600000000', '=1+1', '2026-11-28T18:00:00Z', 'noel-2026', 0);
                UPDATE campaigns SET name = 'Noël <script>alert(1)</script>' WHERE id = 'noel-2026';
                """)
        }
        let again = try StageRun.run("texto-report", ["--out", "again"], folder: emit.folder)
        #expect(again.status == 0, again.context)
        #expect(parseCSV(try emit.file("again/noel-2026-reponses.csv")).contains { $0[4] == "'=1+1" })
        // The pages escape every value.
        let escaped = try emit.file("again/noel-2026.html")
        #expect(escaped.contains("Noël &lt;script&gt;") && !escaped.contains("<script>"))

        // The pages: the index links each campaign; the campaign's card, in French numbers, with its chart.
        let page = try emit.file("rapports/noel-2026.html")
        let delivered = Double(count("delivered")) / Double(expected.count)
        let tenths = Int((delivered * 1_000).rounded())
        #expect(page.contains("<span class=\"value\">\(expected.count)</span>"))
        // Every number of the card, with its ratio as French writes it.
        func french(_ part: Int) -> String {
            let tenths = Int((Double(part) / Double(expected.count) * 1_000).rounded(.toNearestOrAwayFromZero))
            return "\(tenths / 10),\(tenths % 10)\u{202F}%"
        }
        let stops = expected.filter { $0[5] == "stop" }.count
        for (label, value) in [("Destinataires", expected.count), ("Délivrés", count("delivered")),
                               ("Non délivrés", count("expired") + count("pending")), ("Échecs", count("failed")), ("STOP SMS", stops)] {
            #expect(page.contains("<span class=\"label\">\(label)</span><span class=\"value\">\(value)</span><span class=\"ratio\">\(french(value))</span>"),
                    "the card's \(label)")
        }
        #expect(page.contains("\(tenths / 10),\(tenths % 10)\u{202F}%"), "the delivered ratio as French write it")
        #expect(page.contains("<svg") && !page.contains("<script") && !page.contains("http"), "self-contained, no script")
        #expect(try emit.file("rapports/index.html").contains("href=\"noel-2026.html\""))
        #expect(page.contains("Statistiques provisoires") && page.contains("30/11/2026 16:00"), "48 hours after the last send (16:00:58, Paris time)")
        let later = try StageRun.run("texto-report", ["--out", "later"], folder: emit.folder, environment: ["TEXTO_NOW": "1796400000"])
        #expect(later.status == 0, later.context)
        #expect(!(try emit.file("later/noel-2026.html")).contains("provisoires"))

        // docs/store.md's first queries run on the store and agree with the report.
        let queries = try Self.readmeQueries()
        #expect(queries.count == 3, "docs/store.md starts with three queries")
        let store = try DatabaseQueue(path: emit.folder.appendingPathComponent("texto.sqlite").path)
        try store.read { db in
            let row = try Row.fetchOne(db, sql: queries[0])
            #expect(row?["recipients"] == expected.count && row?["delivered"] == count("delivered") && row?["failed"] == count("failed"))
            #expect(row?["not_delivered"] == count("expired") + count("pending"))
            #expect(try Row.fetchAll(db, sql: queries[1]).count == Set(expected.filter { $0[5] == "stop" }.map { $0[1] }).count)
            let npaiRows = try Row.fetchAll(db, sql: queries[2])
            #expect(Set(npaiRows.map { $0["phone"] as String }) == Set(permanent.map { $0[1] }) && npaiRows.allSatisfy { ($0["source_row"] as Int?) != nil })
        }

        // One person's history, by number (as people write it) or by part of the name.
        let byNumber = try StageRun.run("texto-report", ["--out", "contacts", "--contact", "06 10 00 00 01"], folder: emit.folder)
        #expect(byNumber.status == 0, byNumber.context)
        let history = try emit.file("contacts/contact-33610000001.html")
        #expect(history.contains("+33610000001") && history.contains("noel-2026") && history.contains("28/11/2026 16:00"))
        #expect(FileManager.default.fileExists(atPath: emit.folder.appendingPathComponent("contacts/contact-33610000001.xlsx").path))
        let byName = try StageRun.run("texto-report", ["--out", "contacts", "--contact", "le gall", "--lang", "en"], folder: emit.folder)
        #expect(byName.status == 0, byName.context)
        #expect(try emit.file("contacts/contact-le-gall.html").contains("+33610000001"))
        let nobody = try StageRun.run("texto-report", ["--out", "contacts", "--contact", "Personne"], folder: emit.folder)
        #expect(try emit.file("contacts/contact-personne.html").contains("Aucun SMS envoyé à ce contact."), nobody.context)
        // The line says whose history it is (it said "the store has no campaign yet": contact summary line).
        #expect(byNumber.stderr.contains("history of \"06 10 00 00 01\": ") && byNumber.stderr.contains(" in 1 campaign: 2 files written"),
                byNumber.context)
        #expect(nobody.stderr.contains("history of \"Personne\": no message: 2 files written"), nobody.context)
        let empty = try StageRun.run("texto-report", ["--out", "empty", "--contact", " "], folder: emit.folder)
        #expect(empty.status == 64 && empty.stderr.contains("the contact is empty"), empty.context)
        #expect(!FileManager.default.fileExists(atPath: emit.folder.appendingPathComponent("empty").path), "nothing written")

        // A French Excel's dialect: a BOM, ; between fields, a decimal comma.
        let french = try StageRun.run("texto-report", ["--out", "fr", "--csv-dialect", "excel-fr", "--campaign", "noel-2026"], folder: emit.folder)
        #expect(french.status == 0, french.context)
        let bytes = Array(try Data(contentsOf: emit.folder.appendingPathComponent("fr/noel-2026-synthese.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("Indicateur;Valeur;%\nDestinataires;\(expected.count);100,0\n"))
    }

    @Test("the workbook as openpyxl reads it: five sheets, Synthèse first; bold frozen header and autofilter; real dates, counts as numbers, phones as text",
          .enabled(if: Interop.has(module: "openpyxl"), "needs python3 with openpyxl"))
    func workbook() throws {
        let emit = try Self.loop()
        defer { emit.cleanUp() }
        let report = try StageRun.run("texto-report", ["--out", "rapports"], folder: emit.folder)
        #expect(report.status == 0, report.context)
        let dump = try Interop.execute("python3", [StageRun.repository.appendingPathComponent("Tests/oracle/xlsx_dump.py").path,
                                                   emit.folder.appendingPathComponent("rapports/noel-2026.xlsx").path, "2"])
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Synthèse", "Messages", "STOP", "NPAI", "Réponses"])
        let recipients = parseCSV(try emit.file("gateway/expected.csv")).count - 1
        for sheet in sheets {
            let rows = sheet["rows"] as? Int ?? 0
            #expect(sheet["freeze"] as? String == "A2" && (sheet["bold"] as? [Bool])?.allSatisfy { $0 } == true, "\(sheet["name"]!)")
            #expect((sheet["filter"] as? String)?.hasSuffix("\(rows)") == true && (sheet["filter"] as? String)?.hasPrefix("A1:") == true)
        }
        func cell(_ sheet: Int, _ column: Int) -> [String: Any] {
            ((sheets[sheet]["first"] as? [[[String: Any]]])?[1][column]) ?? [:]
        }
        #expect(sheets[1]["rows"] as? Int == recipients + 1, "a row per message under the header")
        #expect(cell(0, 1)["value"] as? Int == recipients && cell(0, 2)["format"] as? String == "0.0%", "Destinataires, a count and 100 %")
        #expect(cell(1, 0)["type"] as? String == "str" && (cell(1, 0)["value"] as? String)?.hasPrefix("+33") == true, "the number as text")
        #expect(cell(1, 3)["type"] as? String == "int", "the source row as a number")
        #expect(cell(1, 4)["type"] as? String == "datetime" && cell(1, 4)["format"] as? String == "dd/mm/yyyy hh:mm:ss")
        #expect((cell(1, 4)["value"] as? String)?.hasPrefix("2026-11-28T16:00:0") == true, "sent at 16:00 Paris time")
    }

    @Test("LibreOffice opens the workbook and shows the dates, ratios and numbers as a French analyst reads them",
          .enabled(if: Interop.has(program: "soffice"), "needs LibreOffice (soffice)"))
    func libreOffice() throws {
        let emit = try Self.loop()
        defer { emit.cleanUp() }
        let report = try StageRun.run("texto-report", ["--out", "rapports"], folder: emit.folder)
        #expect(report.status == 0, report.context)
        // Every sheet (the 12th option, -1) as shown, each to noel-2026-<sheet>.csv.
        let profile = emit.folder.appendingPathComponent("profile").path
        let output = try Interop.execute("soffice", ["-env:UserInstallation=file://\(profile)", "--headless", "--convert-to",
                                                     "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                                     "--outdir", emit.folder.appendingPathComponent("lo").path,
                                                     emit.folder.appendingPathComponent("rapports/noel-2026.xlsx").path])
        let summary = parseCSV(try emit.file("lo/noel-2026-Synthèse.csv"))
        let recipients = parseCSV(try emit.file("gateway/expected.csv")).count - 1
        #expect(summary.first == ["Indicateur", "Valeur", "%"], "soffice said: \(output)")
        #expect(summary.dropFirst().first == ["Destinataires", String(recipients), "100.0%"])
        let messages = parseCSV(try emit.file("lo/noel-2026-Messages.csv"))
        #expect(messages.count == recipients + 1)
        #expect(messages[1][0] == "+33610000001" && messages[1][3] == "2" && messages[1][4] == "28/11/2026 16:00:00", "\(messages[1])")
    }

    /// The SQL of docs/store.md's `sqlite3 -readonly -header texto.sqlite "..."` examples (its first queries).
    static func readmeQueries() throws -> [String] {
        let readme = try String(contentsOf: StageRun.repository.appendingPathComponent("docs/store.md"), encoding: .utf8)
        return readme.components(separatedBy: "sqlite3 -readonly -header texto.sqlite \"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    @Test("an unknown campaign is a usage error naming the store's campaigns; an empty store, an empty index")
    func badInput() throws {
        let empty = try StageRun.run("texto-store", ["suppressions", "add", "0630050660", "--reason", "STOP"])
        defer { empty.cleanUp() }
        let report = try StageRun.run("texto-report", ["--out", "r"], folder: empty.folder)
        #expect(report.status == 0, report.context)
        #expect(try empty.file("r/campagnes.csv").hasPrefix("Campagne,Nom,"))
        #expect(report.stderr.contains("the store has no campaign yet"))
        let unknown = try StageRun.run("texto-report", ["--out", "r2", "--campaign", "nope"], folder: empty.folder)
        #expect(unknown.status == 64, unknown.context)
        #expect(unknown.stderr.contains("nope") && unknown.stderr.contains("no campaign yet"))
        try Data("not a folder".utf8).write(to: empty.folder.appendingPathComponent("file"))
        let unwritable = try StageRun.run("texto-report", ["--out", "file/r"], folder: empty.folder)
        #expect(unwritable.status == 73, unwritable.context)
    }
}
