import Foundation
import TextoCore

/// A campaign as `texto-emit` records it.
package struct CampaignRecord: Sendable, Equatable {
    /// `[A-Za-z0-9_-]{1,32}`.
    package var id: String
    package var name: String
    package var type: CampaignType
    package var sender: String
    /// A free label for grouping campaigns in reports (`relance`, `noel`).
    package var category: String?
    /// The template the messages were rendered from, when known.
    package var template: String?

    package init(id: String, name: String, type: CampaignType, sender: String, category: String? = nil, template: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.sender = sender
        self.category = category
        self.template = template
    }
}

/// What the ledger already holds of a campaign, for telling a re-run of
/// the same emit from a different one.
package struct EmittedCampaign: Sendable, Equatable {
    package var campaign: CampaignRecord
    /// Messages of the campaign, test sends apart.
    package var messages: Int
    /// The first scheduled time of those messages.
    package var firstScheduled: Date?
    /// The batch files of those messages, by name.
    package var files: [BatchFileRecord]
}

extension LedgerTransaction {
    /// The campaign `id` with its messages and batch files (test sends
    /// apart), or nil when the store has no such campaign.
    package func emitted(_ id: String) throws -> EmittedCampaign? {
        try TextoStore.lockInTransaction(campaign: id, db)
        guard let row = try db.first("""
            SELECT name, type, sender, category, template FROM campaigns WHERE id = ?
            """, [id]) else { return nil }
        let campaign = CampaignRecord(id: id, name: row[0], type: CampaignType(rawValue: row[1]) ?? .marketing, sender: row[2],
                                      category: row[3], template: row[4])
        let counts = try db.first("""
            SELECT count(*), min(scheduled_at) FROM messages WHERE campaign_id = ? AND is_test = 0
            """, [id])
        let files = try db.all("""
            SELECT name, sha256, messages, first_send_at, last_send_at FROM batch_files
            WHERE campaign_id = ? AND name NOT IN (SELECT batch_file FROM messages WHERE campaign_id = ? AND is_test = 1 AND batch_file IS NOT NULL)
            ORDER BY name
            """, [id, id]).map { BatchFileRecord(campaignID: id, row: $0) }
        return EmittedCampaign(campaign: campaign, messages: counts?[0] ?? 0,
                               firstScheduled: (counts?[1] as String?).flatMap(StoreTime.date), files: files)
    }

    /// Records `campaign`, or brings its row up to date when it exists.
    package func record(_ campaign: CampaignRecord) throws {
        try TextoStore.lockInTransaction(campaign: campaign.id, db)
        try db.execute("""
            INSERT INTO campaigns (id, name, type, sender, category, template, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, sender = excluded.sender,
                                           category = excluded.category, template = excluded.template
            """, [campaign.id, campaign.name, campaign.type.rawValue, campaign.sender, campaign.category,
                             campaign.template, createdAt])
        campaigns.insert(campaign.id)
    }

    /// True when a delivery report, an outcome or a reply was ingested for
    /// a message of the campaign (test sends apart): its ledger is then
    /// history, which `--replace` must not rewrite.
    package func hasReports(_ id: String) throws -> Bool {
        try db.value(Bool.self, """
            SELECT EXISTS (SELECT 1 FROM events e JOIN messages m ON m.id = e.message_id WHERE m.campaign_id = ? AND m.is_test = 0)
                OR EXISTS (SELECT 1 FROM outcomes o JOIN messages m ON m.id = o.message_id WHERE m.campaign_id = ? AND m.is_test = 0)
                OR EXISTS (SELECT 1 FROM replies WHERE campaign_id = ?)
            """, [id, id, id]) ?? false
    }

    /// Removes the campaign's messages (its test sends, or the others) and
    /// their batch files' rows; returns how many messages went.
    @discardableResult
    package func removeMessages(of id: String, tests: Bool) throws -> Int {
        let flag = tests ? 1 : 0
        try db.execute("""
            DELETE FROM batch_files WHERE campaign_id = ?
              AND name IN (SELECT batch_file FROM messages WHERE campaign_id = ? AND is_test = ? AND batch_file IS NOT NULL)
            """, [id, id, flag])
        try db.execute("""
            DELETE FROM submissions WHERE campaign_id = ? AND message_id IN (SELECT id FROM messages WHERE campaign_id = ? AND is_test = ?)
            """, [id, id, flag])
        return try db.execute("DELETE FROM messages WHERE campaign_id = ? AND is_test = ?", [id, flag])
    }
}

extension BatchFileRecord {
    /// A `batch_files` row read as `name, sha256, messages, first_send_at, last_send_at`.
    init(campaignID: String, row: StoredRow) {
        self.init(campaignID: campaignID, name: row[0], sha256: row[1], messages: row[2],
                  firstSendAt: StoreTime.date(row[3]) ?? Date(timeIntervalSince1970: 0),
                  lastSendAt: StoreTime.date(row[4]) ?? Date(timeIntervalSince1970: 0))
    }
}
