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
}
