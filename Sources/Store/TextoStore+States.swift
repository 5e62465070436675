import Foundation
import TextoCore

/// Where a campaign stands, as `texto-store campaigns` shows it.
public enum CampaignState: String, Sendable, CaseIterable, Codable {
    /// Targeted and rendered, not emitted (a dry run, or a campaign with only test sends).
    case prepared
    /// Stopped before its emit until `texto-run PIPELINE --approve RUN`.
    case awaitingApproval = "awaiting_approval"
    /// In the gateway's folder, its first send time still ahead, no report yet.
    case scheduled
    /// Its send time passed, or a report came.
    case sent
    /// Cancelled before anything of it left.
    case cancelled
    /// Its batch files were withdrawn here but may already be at the
    /// gateway: to be cancelled there.
    case cancelRequested = "cancel_requested"
    /// Cancelled after the gateway took some of its files.
    case partlySent = "partly_sent"

    /// What a pipeline records; `sent` is read from the time and the ledger.
    var isRecorded: Bool { self != .sent }

    /// A state reached before the emit, which an emit leaves behind.
    var isBeforeEmit: Bool { self == .prepared || self == .awaitingApproval }
}

/// A pipeline campaign's state, with what names the campaign before the
/// ledger knows it.
package struct CampaignStateRecord: Sendable, Equatable {
    package var campaign: String
    package var name: String
    package var type: CampaignType
    package var sender: String
    package var state: CampaignState
    /// The pipeline run that set it (its date) and the pipeline file.
    package var run: String
    package var pipeline: String

    package init(campaign: String, name: String, type: CampaignType, sender: String, state: CampaignState, run: String, pipeline: String) {
        self.campaign = campaign
        self.name = name
        self.type = type
        self.sender = sender
        self.state = state
        self.run = run
        self.pipeline = pipeline
    }
}

extension TextoStore {
    /// Records where a pipeline campaign stands. A state before the emit
    /// (prepared, awaiting approval) never replaces one after it: a dry run
    /// of a campaign already scheduled leaves it scheduled. A campaign
    /// scheduled again (a later run whose emit found it unchanged) keeps
    /// the run that emitted it.
    package func record(_ record: CampaignStateRecord) throws {
        precondition(record.state.isRecorded, "sent is read from the ledger, not recorded")
        let before = CampaignState.allCases.filter(\.isBeforeEmit).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try write { db in
            try db.execute("""
                INSERT INTO campaign_states (campaign_id, name, type, sender, state, run_id, pipeline, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (campaign_id) DO UPDATE SET
                    name = excluded.name, type = excluded.type, sender = excluded.sender, state = excluded.state,
                    run_id = CASE WHEN campaign_states.state = 'scheduled' AND excluded.state = 'scheduled'
                                  THEN campaign_states.run_id ELSE excluded.run_id END,
                    pipeline = excluded.pipeline,
                    changed_at = CASE WHEN campaign_states.state = excluded.state THEN campaign_states.changed_at ELSE excluded.changed_at END
                WHERE excluded.state NOT IN (\(before)) OR campaign_states.state IN (\(before), 'cancelled')
                """, [record.campaign, record.name, record.type.rawValue, record.sender, record.state.rawValue,
                                 record.run, record.pipeline, now])
        }
    }

    /// The recorded state of `campaign`, or nil when no pipeline recorded one.
    package func recordedState(of campaign: String) throws -> CampaignStateRecord? {
        try read { db in
            try db.first("""
                SELECT name, type, sender, state, run_id, pipeline FROM campaign_states WHERE campaign_id = ?
                """, [campaign]).map { row in
                CampaignStateRecord(campaign: campaign, name: row[0], type: CampaignType(rawValue: row[1]) ?? .marketing, sender: row[2],
                                    state: CampaignState(rawValue: row[3]) ?? .prepared, run: row[4], pipeline: row[5])
            }
        }
    }
}

extension CampaignState {
    /// The state shown for a campaign: the recorded one when it says more
    /// than the ledger (cancelled, awaiting approval...), else the ledger's:
    /// scheduled while the first send is ahead and nothing was reported,
    /// sent after.
    /// - Parameters:
    ///   - recorded: what a pipeline recorded, if any.
    ///   - messages: its messages in the ledger, test sends apart.
    ///   - reported: messages with a final or intermediate report, or replies.
    ///   - firstSend: the earliest scheduled send, nil when unscheduled.
    static func shown(recorded: CampaignState?, messages: Int, reported: Bool, firstSend: Date?, now: Date) -> CampaignState {
        switch recorded {
        case .cancelled?, .cancelRequested?, .partlySent?:
            return recorded!
        case .prepared?, .awaitingApproval?:
            if messages == 0 { return recorded! }
        default:
            if messages == 0 { return .prepared }
        }
        if reported { return .sent }
        if let firstSend, firstSend > now { return .scheduled }
        return .sent
    }
}
