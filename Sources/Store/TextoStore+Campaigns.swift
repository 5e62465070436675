import Foundation
import TextoCore

/// One campaign with its counts, for `texto-store campaigns`.
public struct CampaignSummary: Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: CampaignType
    public var sender: String
    package var createdAt: String
    /// Messages in the ledger (recipients).
    public var messages: Int
    /// Final state delivered.
    public var delivered: Int
    /// Explicit failure (échecs).
    public var failed: Int
    /// Expired or deleted by the network: no delivery, no explicit failure.
    public var expired: Int
    /// No final report yet, or none within the limit (with `expired`: the
    /// card's « non délivrés »).
    public var pending: Int
    /// STOP replies attributed to the campaign.
    public var stops: Int
    /// Where it stands: prepared, awaiting approval, scheduled, sent, cancelled...
    public var state: CampaignState = .sent
    /// The earliest scheduled send of its messages, ISO 8601 UTC; nil before its emit.
    public var firstSendAt: String?
}

extension TextoStore {
    /// Records a campaign; nothing happens when its id exists already (a
    /// re-run of the same emit). Returns true when it was new.
    /// - Parameter createdAt: default now.
    @discardableResult
    package func insertCampaign(id: String, name: String, type: CampaignType, sender: String, createdAt: Date? = nil) throws -> Bool {
        let createdAt = createdAt.map(StoreTime.text) ?? now
        return try write { db in
            try db.execute("""
                INSERT INTO campaigns (id, name, type, sender, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """, [id, name, type.rawValue, sender, createdAt]) > 0
        }
    }

    /// Campaign ids that exist (to validate `--exclude-campaign`).
    package func campaignIDs() throws -> Set<String> {
        try read { db in Set(try db.column(String.self, "SELECT id FROM campaigns")) }
    }

    /// Every campaign with its counts and state, oldest first: those in
    /// the ledger, and those a pipeline prepared but has not emitted yet.
    public func campaignSummaries() throws -> [CampaignSummary] {
        let now = clock()
        return try read { db in
            try db.all("""
                SELECT c.id, c.name, c.type, c.sender, c.created_at,
                       coalesce(m.messages, 0) AS messages,
                       coalesce(m.delivered, 0) AS delivered,
                       coalesce(m.failed, 0) AS failed,
                       coalesce(m.expired, 0) AS expired,
                       coalesce(m.pending, 0) AS pending,
                       coalesce(m.reported, 0) AS reported,
                       (SELECT count(*) FROM replies r WHERE r.campaign_id = c.id) AS replies,
                       (SELECT count(*) FROM replies r WHERE r.campaign_id = c.id AND r.is_stop = 1) AS stops,
                       s.state AS recorded, m.first_send AS first_send
                FROM campaigns c
                LEFT JOIN (
                    SELECT m.campaign_id,
                           count(*) AS messages,
                           sum(CASE WHEN o.state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
                           sum(CASE WHEN o.state = 'failed' THEN 1 ELSE 0 END) AS failed,
                           sum(CASE WHEN o.state = 'expired' THEN 1 ELSE 0 END) AS expired,
                           sum(CASE WHEN o.state IS NULL OR o.state IN ('pending', 'unknown') THEN 1 ELSE 0 END) AS pending,
                           count(o.message_id) AS reported,
                           min(m.scheduled_at) AS first_send
                    FROM messages m LEFT JOIN outcomes o ON o.message_id = m.id
                    WHERE m.is_test = 0
                    GROUP BY m.campaign_id
                ) m ON m.campaign_id = c.id
                LEFT JOIN campaign_states s ON s.campaign_id = c.id
                UNION ALL
                SELECT s.campaign_id, s.name, s.type, s.sender, s.changed_at, 0, 0, 0, 0, 0, 0, 0, 0, s.state, NULL
                FROM campaign_states s
                WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = s.campaign_id)
                ORDER BY 5, 1
                """).map { row in
                let messages: Int = row["messages"]
                let firstSend: String? = row["first_send"]
                let reported = (row["reported"] as Int) > 0 || (row["replies"] as Int) > 0
                let state = CampaignState.shown(recorded: (row["recorded"] as String?).flatMap(CampaignState.init(rawValue:)),
                                                messages: messages, reported: reported,
                                                firstSend: firstSend.flatMap(StoreTime.date), now: now)
                return CampaignSummary(
                    id: row["id"], name: row["name"], type: CampaignType(rawValue: row["type"]) ?? .marketing,
                    sender: row["sender"], createdAt: row["created_at"], messages: messages,
                    delivered: row["delivered"], failed: row["failed"], expired: row["expired"],
                    pending: row["pending"], stops: row["stops"], state: state, firstSendAt: firstSend)
            }
        }
    }
}
