import Foundation
import Testing

/// Issue 5, done when: rendering a campaign over the fixture contacts prints
/// a cost that matches the sum of `_segments`, and a preview a user can read.
@Suite("texto-render command")
struct RenderCommandTests {
    struct Summary: Decodable {
        var rows: Int
        var messages: Int
        var units: Int
        var cost: Double?
        var segments: [String: Int]
        var rejects: [String: Int]
    }

    @Test("the cost is the sum of _segments times the unit price; every row is rendered or rejected")
    func costMatchesSegments() throws {
        let template = "Bonjour $PRENOM$ $NOM$, votre fidélité à $VILLE$ mérite un cadeau : -20 % jusqu’au $FIN_ABONNEMENT|31/12/2026$ ! À très bientôt, l’équipe Ker Kafé 😀"
        let run = try StageRun.run(
            "texto-render",
            ["contacts.csv", "-o", "messages.csv", "--rejects", "rejects.csv", "--template", template,
             "--stop-mention", "STOP au 36035", "--unit-price", "0.045", "--summary", "summary.json"],
            inputs: ["targeting/contacts.csv"])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(run.file("summary.json").utf8))
        let messages = parseCSV(try run.file("messages.csv"))
        let segments = messages[0].firstIndex(of: "_segments")!
        let total = messages.dropFirst().map { Int($0[segments])! }.reduce(0, +)
        #expect(total == summary.units)
        #expect(summary.cost.map { abs($0 - Double(total) * 0.045) < 0.000_1 } == true)
        #expect(summary.messages + summary.rejects.values.reduce(0, +) == summary.rows)
        #expect(summary.segments.values.reduce(0, +) == summary.messages)
        let preview = try run.file("preview.txt")
        #expect(preview.contains("Total : \(summary.units) SMS"))
        #expect(preview.contains("[1/"))
        let encoding = messages[0].firstIndex(of: "_encoding")!
        #expect(messages.dropFirst().allSatisfy { $0[encoding] == "UCS2" }, "the emoji makes every message Unicode")
    }

    @Test("the preview cites each message's contact by _source and _row, not by its row in the audience file (render preview row defect)")
    func previewCitesSourceRow() throws {
        let run = try StageRun.run(
            "texto-render",
            ["contacts.csv", "-o", "messages.csv", "--rejects", "rejects.csv", "--template", "Bonjour $CIVILITE$ $NOM$ à $VILLE$",
             "--type", "notification"],
            inputs: ["targeting/contacts.csv"])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        let contacts = parseCSV(try run.file("contacts.csv"))
        let source = contacts[0].firstIndex(of: "_source")!, row = contacts[0].firstIndex(of: "_row")!
        let phone = contacts[0].firstIndex(of: "_phone")!
        let citations = Dictionary(contacts.dropFirst().map { ($0[phone], "\($0[source]) ligne \($0[row])") }, uniquingKeysWith: { a, _ in a })
        let shown = try run.file("preview.txt").split(separator: "\n").filter { $0.hasPrefix("--- ") }
        #expect(shown.count >= 5)
        var differs = false
        for (index, line) in shown.enumerated() {
            let number = try #require(line.split(separator: ",").dropFirst().first?.split(separator: " ").first.map(String.init))
            let cited = String(line.dropFirst(4).prefix { $0 != "," })
            #expect(cited == citations[number], "preview line \(index): \(line)")
            differs = differs || !line.contains("ligne \(contacts.firstIndex { $0[phone] == number }! + 1),")
        }
        #expect(differs, "the fixture must have contacts whose source row is not their audience row")
    }
}
