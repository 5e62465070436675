import Foundation
import GRDB
import Reports
import Store
import TestSupport
import Testing
import TextoCore

@Suite("Campaign statistics")
struct CampaignStatisticsTests {
    static let sent = Date(timeIntervalSince1970: 1_795_881_600)  // 2026-11-28T16:00:00Z

    /// DOMAIN.md §5's example: 9 140 recipients, 8 656 delivered, 230
    /// failed, 254 not delivered (200 expired, 54 without a report).
    static func seeded(_ folder: TemporaryFolder) throws -> TextoStore {
        let path = folder.file("texto.sqlite")
        let store = try TextoStore(path: path)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        try store.recordMessages((0..<9_140).map { index in
            LedgerMessage(id: "M\(index)", campaignID: "noel", phone: "+336\(String(format: "%08d", index))", textLength: 120,
                          segments: index < 100 ? 2 : 1, scheduledAt: sent, postalCode: index % 2 == 0 ? "29200" : "20090")
        } + [LedgerMessage(id: "T1", campaignID: "noel", phone: "+33699999999", textLength: 10, segments: 1, scheduledAt: sent, isTest: true)])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO ingested_files (id, sha256, name, size, format, ingested_at)
                VALUES (1, '\(String(repeating: "a", count: 64))', 'dlr.log', 1, 'smpp', '2026-11-29T08:00:00Z')
                """)
            for index in 0..<9_140 {
                let id = "M\(index)"
                if index < 8_656 {
                    let at = StoreTime.text(sent.addingTimeInterval(Double(index % 100 + 1)))
                    try db.execute(sql: "INSERT INTO outcomes (message_id, state, at) VALUES (?, 'delivered', ?)", arguments: [id, at])
                } else if index < 8_886 {
                    try db.execute(sql: """
                        INSERT INTO events (id, message_id, status, error_code, received_at, raw, ingested_file_id, source_line)
                        VALUES (?, ?, ?, ?, '2026-11-29T08:00:00Z', 'x', 1, ?)
                        """, arguments: [index, id, index % 2 == 0 ? "UNDELIV" : "REJECTD", index % 2 == 0 ? "001" : "011", index])
                    try db.execute(sql: "INSERT INTO outcomes (message_id, state, at, event_id, permanent) VALUES (?, 'failed', '2026-11-28T16:01:00Z', ?, 1)",
                                   arguments: [id, index])
                } else if index < 9_086 {
                    try db.execute(sql: "INSERT INTO outcomes (message_id, state, at) VALUES (?, 'expired', '2026-11-30T16:00:00Z')", arguments: [id])
                }
            }
            try db.execute(sql: """
                INSERT INTO replies (phone, text, received_at, campaign_id, is_stop) VALUES
                    ('+33600000001', 'STOP', '2026-11-28T17:00:00Z', 'noel', 1),
                    ('+33600000001', 'STOP !', '2026-11-28T17:01:00Z', 'noel', 1),
                    ('+33600000002', 'Merci', '2026-11-28T17:00:00Z', 'noel', 0),
                    ('+33600000003', 'Merci', '2026-11-28T17:00:00Z', 'noel', 0),
                    ('+33600000003', 'ARRET', '2026-11-28T17:05:00Z', 'noel', 1)
                """)
        }
        return store
    }

    @Test("Hélium's card: 9 140 recipients, 94,7 % delivered, 2,8 % not delivered, 2,5 % failed; the three add up")
    func card() throws {
        let folder = try TemporaryFolder()
        let statistics = try CampaignStatistics(campaign: "noel", store: try Self.seeded(folder))
        #expect(statistics.recipients == 9_140, "the test send does not count")
        #expect(statistics.delivered == 8_656 && statistics.failed == 230 && statistics.notDelivered == 254 && statistics.pending == 54)
        #expect(statistics.delivered + statistics.failed + statistics.notDelivered == statistics.recipients)
        let french = Language.fr
        #expect(french.count(statistics.recipients) == "9\u{202F}140")
        #expect(french.percent(statistics.ratio(statistics.delivered)) == "94,7\u{202F}%")
        #expect(french.percent(statistics.ratio(statistics.notDelivered)) == "2,8\u{202F}%")
        #expect(french.percent(statistics.ratio(statistics.failed)) == "2,5\u{202F}%")
        #expect(Language.en.percent(statistics.ratio(statistics.delivered)) == "94.7%")
        #expect(Language.en.count(1_234_567) == "1,234,567")
        #expect(statistics.stops == 2 && statistics.otherReplies == 1, "a number that replied and then opted out counts as STOP")
        #expect(statistics.units == 9_240)
        #expect(statistics.cost(unitPrice: 0.045) == 415.8 && statistics.cost(unitPrice: 0.04567) == 422.27,
                "the price to a ten-thousandth of a euro (0.0457), as the emit counts it; the cost to the cent, half up")
        #expect(statistics.failures == ["UNDELIV 001": 115, "REJECTD 011": 115])
        #expect(statistics.departements["29"] == CampaignStatistics.Outcomes(recipients: 4_570, delivered: 4_328, failed: 115))
        #expect(statistics.departements["2A"]?.recipients == 4_570)
    }

    @Test("latency: median, 90th percentile and maximum by nearest rank; the histogram's buckets add up")
    func latency() throws {
        let folder = try TemporaryFolder()
        let statistics = try CampaignStatistics(campaign: "noel", store: try Self.seeded(folder))
        // 8 656 deliveries 1...100 s after the send, each second about as often.
        #expect(statistics.latency.count == 8_656)
        #expect(statistics.latency.median == 50 && statistics.latency.p90 == 90 && statistics.latency.maximum == 100)
        #expect(statistics.latency.histogram.map(\.count).reduce(0, +) == 8_656)
        #expect(statistics.latency.histogram.first?.count == 9 * 87, "1 to 9 s")
        #expect(statistics.deliveriesByHour == [1_795_881_600: 8_656], "all within 16:00-17:00 UTC")
    }

    @Test("a campaign with no message yet: zeros, no ratio over zero, no latency")
    func empty() throws {
        let folder = try TemporaryFolder()
        let store = try TextoStore(path: folder.file("texto.sqlite"))
        try store.insertCampaign(id: "vide", name: "Vide", type: .marketing, sender: "KERKAFE")
        let statistics = try CampaignStatistics(campaign: "vide", store: store)
        #expect(statistics.recipients == 0 && statistics.ratio(0) == 0)
        #expect(statistics.latency.median == nil && statistics.latency.maximum == nil)
        #expect(Language.fr.percent(statistics.ratio(statistics.delivered)) == "0,0\u{202F}%")
    }

    @Test("a stored time read from its bytes is the same Unix time timegm gives; anything else is nil")
    func storedTimes() {
        func unixTime(_ text: String) -> Int? {
            var text = text
            return text.withUTF8 { StoreTime.unixTime(UnsafeRawBufferPointer($0)) }
        }
        for text in ["1970-01-01T00:00:00Z", "2026-11-28T16:00:00Z", "2024-02-29T23:59:59Z", "2026-03-29T01:00:00Z", "2100-12-31T12:34:56Z"] {
            #expect(unixTime(text) == StoreTime.date(text).map { Int($0.timeIntervalSince1970) }, "\(text)")
        }
        for text in ["2026-02-30T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28 16:00:00Z", "2026-11-28T16:00:00", "2026-1a-28T16:00:00Z"] {
            #expect(unixTime(text) == nil, "\(text)")
        }
    }
}
