import Foundation
import Store
import Testing

/// Issue 4, done when: a user imports a STOP list, targets "clients of
/// Brittany over 40 who accept SMS and have not come for 30 days", and gets
/// an audience, an excluded file that explains every other row, and counts
/// that add up.
@Suite("texto-store then texto-target")
struct TargetFlowTests {
    static let brittany = "departement in [22, 29, 35, 56] and age > 40 and DERNIERE_VISITE < today - 30 days"

    struct Summary: Decodable {
        var rows: Int
        var audience: Int
        var excluded: [String: Int]
        var date: String
    }

    @Test("import a STOP list, then target: every row accounted for")
    func stopListThenTarget() throws {
        let imported = try StageRun.run(
            "texto-store", ["suppressions", "import", "stop.txt", "--reason", "STOP"], inputs: ["targeting/stop.txt", "targeting/contacts.csv"])
        defer { imported.cleanUp() }
        #expect(imported.status == 0, imported.context)

        let target = try StageRun.run(
            "texto-target",
            ["contacts.csv", "-o", "audience.csv", "--excluded", "excluded.csv", "--date", "2026-11-22",
             "--where", Self.brittany, "--consent-column", "AUTORISE_SMS", "--summary", "summary.json"],
            folder: imported.folder)
        #expect(target.status == 0, target.context)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(target.file("summary.json").utf8))
        let audience = parseCSV(try target.file("audience.csv"))
        let excluded = parseCSV(try target.file("excluded.csv"))
        #expect(summary.rows == 59)
        #expect(summary.audience + summary.excluded.values.reduce(0, +) == summary.rows, "counts add up")
        #expect(audience.count - 1 == summary.audience)
        #expect(excluded.count - 1 == summary.rows - summary.audience)
        let reason = excluded[0].firstIndex(of: "_reason")!, phone = excluded[0].firstIndex(of: "_phone")!
        let byPhone = Dictionary(uniqueKeysWithValues: excluded.dropFirst().map { ($0[phone], $0[reason]) })
        #expect(byPhone["+33610000001"] == "stop", "LE GALL said STOP: excluded even though the filter keeps him")
        #expect(byPhone["+33610000013"] == "stop")
        #expect(summary.excluded["stop"] == 2)
        #expect(excluded.dropFirst().allSatisfy { !$0[reason].isEmpty }, "every excluded row says why")
        #expect(target.stderr.contains("audience \(summary.audience)"))
    }

    @Test("recipients of a campaign and frequent recipients are left out")
    func campaignAndFrequency() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TextoStore(path: folder.appendingPathComponent("texto.sqlite").path)
        _ = try store.insertCampaign(id: "noel-2025", name: "Noël 2025", type: .marketing, sender: "BOUTIQUE")
        _ = try store.recordMessages([
            LedgerMessage(id: "m1", campaignID: "noel-2025", phone: "+33610000002", textLength: 120, segments: 1, scheduledAt: Date()),
            LedgerMessage(id: "m2", campaignID: "noel-2025", phone: "+33610000003", textLength: 120, segments: 1, scheduledAt: Date()),
            LedgerMessage(id: "m3", campaignID: "noel-2025", phone: "+33610000003", textLength: 120, segments: 1, scheduledAt: Date()),
        ])
        let run = try StageRun.run(
            "texto-target",
            ["contacts.csv", "-o", "audience.csv", "--excluded", "excluded.csv", "--exclude-campaign", "noel-2025",
             "--summary", "summary.json"],
            inputs: ["targeting/contacts.csv"], folder: folder)
        #expect(run.status == 0, run.context)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(run.file("summary.json").utf8))
        #expect(summary.excluded["campaign:noel-2025"] == 2)

        let frequent = try StageRun.run(
            "texto-target",
            ["contacts.csv", "-o", "audience2.csv", "--excluded", "excluded2.csv", "--max-sends", "2", "--per", "30",
             "--summary", "summary2.json"],
            folder: folder)
        #expect(frequent.status == 0, frequent.context)
        let second = try JSONDecoder().decode(Summary.self, from: Data(frequent.file("summary2.json").utf8))
        #expect(second.excluded["max_sends"] == 1, "two messages to +33610000003 in the last 30 days")
    }

    @Test("a usage error writes nothing, not even a new store (texto-target created texto.sqlite before checking --where)",
          arguments: [["--where", "age > 40 and and VILLE = Brest"], ["--where", "DATE_NAISANCE > 3"],
                      ["--consent-column", "CONSENTEMENT"], ["--exclude-campaign", "noel-2025"]])
    func usageErrorLeavesNoStore(_ options: [String]) throws {
        let run = try StageRun.run(
            "texto-target", ["contacts.csv", "-o", "audience.csv", "--excluded", "excluded.csv", "--date", "2026-11-22"] + options,
            inputs: ["targeting/contacts.csv"])
        defer { run.cleanUp() }
        #expect(run.status == 64, run.context)
        #expect(run.folderListing == ["contacts.csv"], run.context)
    }
}
