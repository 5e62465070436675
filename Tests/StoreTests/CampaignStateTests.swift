import Foundation
import TestSupport
import Testing
@testable import Store

@Suite("Campaign states")
struct CampaignStateTests {
    static let now = date("2026-11-22T09:30:00Z")

    struct Case: Sendable, CustomTestStringConvertible {
        var recorded: CampaignState?
        var messages: Int
        var reported: Bool
        var firstSend: String?
        var shown: CampaignState
        var testDescription: String { "\(recorded?.rawValue ?? "none"), \(messages) messages, first send \(firstSend ?? "none") → \(shown)" }
    }

    @Test("the state shown: recorded when it says more than the ledger, else scheduled or sent by the clock and the reports",
          arguments: [
              Case(recorded: .prepared, messages: 0, reported: false, firstSend: nil, shown: .prepared),
              Case(recorded: .awaitingApproval, messages: 0, reported: false, firstSend: nil, shown: .awaitingApproval),
              Case(recorded: .scheduled, messages: 3, reported: false, firstSend: "2026-11-23T10:00:00Z", shown: .scheduled),
              Case(recorded: .scheduled, messages: 3, reported: false, firstSend: "2026-11-22T09:00:00Z", shown: .sent),
              Case(recorded: .scheduled, messages: 3, reported: true, firstSend: "2026-11-23T10:00:00Z", shown: .sent),
              Case(recorded: .cancelled, messages: 0, reported: false, firstSend: nil, shown: .cancelled),
              Case(recorded: .cancelRequested, messages: 3, reported: true, firstSend: "2026-11-23T10:00:00Z", shown: .cancelRequested),
              Case(recorded: .partlySent, messages: 2, reported: false, firstSend: "2026-11-22T09:00:00Z", shown: .partlySent),
              // Emitted by texto-emit after a dry run: the ledger knows better.
              Case(recorded: .prepared, messages: 3, reported: false, firstSend: "2026-11-23T10:00:00Z", shown: .scheduled),
              // No pipeline: texto-emit alone.
              Case(recorded: nil, messages: 3, reported: false, firstSend: "2026-11-23T10:00:00Z", shown: .scheduled),
              Case(recorded: nil, messages: 3, reported: false, firstSend: "2026-11-01T10:00:00Z", shown: .sent),
              Case(recorded: nil, messages: 0, reported: false, firstSend: nil, shown: .prepared),
          ])
    func shown(_ example: Case) {
        #expect(CampaignState.shown(recorded: example.recorded, messages: example.messages, reported: example.reported,
                                    firstSend: example.firstSend.map(date), now: Self.now) == example.shown)
    }

    func state(_ campaign: String, _ state: CampaignState, run: String = "2026-11-22") -> CampaignStateRecord {
        CampaignStateRecord(campaign: campaign, name: "Noël", type: .marketing, sender: "KERKAFE", state: state, run: run,
                            pipeline: "pipelines/noel.yaml")
    }

    @Test("a prepared campaign is listed before the ledger knows it; an emit makes it scheduled, then sent once its time passed", arguments: StoreBackend.all)
    func listed(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let clock = TestClock("2026-11-22T09:30:00Z")
        let store = try openStore(folder, backend, clock: clock)
        try store.record(state("noel", .prepared))
        var listed = try store.campaignSummaries()
        #expect(listed.map(\.id) == ["noel"])
        #expect(listed[0].state == .prepared && listed[0].name == "Noël" && listed[0].messages == 0 && listed[0].firstSendAt == nil)

        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        try store.recordMessages([LedgerMessage(id: "n1", campaignID: "noel", phone: "+33630050660", textLength: 60, segments: 1,
                                                scheduledAt: date("2026-12-20T09:00:00Z"))])
        try store.record(state("noel", .scheduled))
        listed = try store.campaignSummaries()
        #expect(listed.count == 1)
        #expect(listed[0].state == .scheduled && listed[0].firstSendAt == "2026-12-20T09:00:00Z")
        clock.set("2026-12-20T09:00:01Z")
        #expect(try store.campaignSummaries()[0].state == .sent)
    }

    @Test("a dry run after the emit leaves the campaign scheduled; a run after a cancel prepares it again", arguments: StoreBackend.all)
    func beforeEmitNeverReplacesAfter(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.record(state("noel", .scheduled))
        try store.record(state("noel", .prepared, run: "2026-11-23"))
        #expect(try store.recordedState(of: "noel")?.state == .scheduled)
        #expect(try store.recordedState(of: "noel")?.run == "2026-11-22")
        try store.record(state("noel", .cancelled))
        try store.record(state("noel", .awaitingApproval, run: "2026-11-24"))
        #expect(try store.recordedState(of: "noel")?.state == .awaitingApproval)
        #expect(try store.recordedState(of: "noel")?.run == "2026-11-24")
        try store.record(state("noel", .cancelRequested))
        #expect(try store.recordedState(of: "noel")?.state == .cancelRequested)
    }
}
