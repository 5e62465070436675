import Foundation
import TestSupport
import Testing
@testable import Store

@Suite("Ledger and campaigns")
struct LedgerTests {
    @Test("recipients(ofCampaigns:) are the numbers the ledger holds for those campaigns", arguments: StoreBackend.all)
    func recipients(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try seedLedger(store)
        #expect(try store.recipients(ofCampaigns: ["soldes-hiver"]) == [33630050660, 33612345678])
        #expect(try store.recipients(ofCampaigns: ["rappel-rdv", "soldes-hiver"]) == [33630050660, 33612345678, 262692123456])
        #expect(try store.recipients(ofCampaigns: ["inconnue"]).isEmpty)
        #expect(try store.recipients(ofCampaigns: []).isEmpty)
    }

    @Test("sendCounts(since:) counts messages scheduled at or after the time", arguments: StoreBackend.all)
    func sendCounts(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try seedLedger(store)
        #expect(try store.sendCounts(since: date("2026-01-01T00:00:00Z")) == [33630050660: 2, 33612345678: 1, 262692123456: 1])
        #expect(try store.sendCounts(since: date("2026-01-10T09:00:01Z")) == [33630050660: 1, 33612345678: 1, 262692123456: 1])
        #expect(try store.sendCounts(since: date("2026-01-10T09:00:00Z").addingTimeInterval(0.5)) == [33630050660: 1, 33612345678: 1, 262692123456: 1],
                "a fraction of a second later excludes the message at the whole second")
        #expect(try store.sendCounts(since: date("2026-02-03T10:00:01Z")).isEmpty)
    }

    @Test("campaignIDs, and recording the same campaign and messages again changes nothing", arguments: StoreBackend.all)
    func idempotentRecording(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try seedLedger(store)
        #expect(try store.campaignIDs() == ["soldes-hiver", "rappel-rdv"])
        #expect(try store.insertCampaign(id: "soldes-hiver", name: "Autre", type: .notification, sender: "X") == false)
        let again = try store.recordMessages([
            LedgerMessage(id: "m1", campaignID: "soldes-hiver", phone: "+33630050660", textLength: 1, segments: 1, scheduledAt: date("2027-01-01T00:00:00Z")),
        ])
        #expect(again == 0)
        #expect(try store.sendCounts(since: date("2026-12-01T00:00:00Z")).isEmpty)
    }

    @Test("a message of an unknown campaign is refused and nothing is recorded", arguments: StoreBackend.all)
    func unknownCampaign(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try seedLedger(store)
        let error = #expect(throws: StoreError.self) {
            try store.recordMessages([
                LedgerMessage(id: "m9", campaignID: "soldes-hiver", phone: "+33630050660", textLength: 1, segments: 1, scheduledAt: Date()),
                LedgerMessage(id: "m10", campaignID: "nope", phone: "+33630050660", textLength: 1, segments: 1, scheduledAt: Date()),
            ])
        }
        #expect(error?.code == .unknownCampaign)
        #expect(try store.recipients(ofCampaigns: ["soldes-hiver"]).count == 2)
    }

    @Test("campaign summaries count outcomes and STOP replies")
    func summaries() throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        try seedLedger(store)
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO outcomes (message_id, state, at) VALUES ('m1', 'delivered', '2026-01-10T09:01:00Z'), ('m2', 'failed', '2026-01-10T09:01:00Z'),
                    ('m3', 'expired', '2026-02-04T10:00:00Z');
                INSERT INTO replies (phone, text, received_at, campaign_id, is_stop) VALUES ('+33630050660', 'STOP', '2026-01-10T10:00:00Z', 'soldes-hiver', 1),
                    ('+33612345678', 'merci', '2026-01-10T10:00:00Z', 'soldes-hiver', 0);
                """)
        }
        let summaries = try store.campaignSummaries()
        #expect(summaries.map(\.id) == ["soldes-hiver", "rappel-rdv"])
        #expect(summaries[0] == CampaignSummary(id: "soldes-hiver", name: "Soldes d'hiver", type: .marketing, sender: "BOUTIQUE",
                                                createdAt: "2026-01-05T08:00:00Z", messages: 2, delivered: 1, failed: 1, expired: 0, pending: 0, stops: 1,
                                                state: .sent, firstSendAt: "2026-01-10T09:00:00Z"))
        #expect(summaries[1].messages == 2 && summaries[1].expired == 1 && summaries[1].pending == 1)
    }
}
