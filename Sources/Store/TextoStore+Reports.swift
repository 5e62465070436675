import GRDB

/// One message of a campaign as the reports read it: its send, its
/// outcome and the report that decided it.
package struct ReportedMessage: Sendable, Equatable {
    package var phone = ""
    package var contactName: String?
    /// The contacts file and the row the number came from.
    package var sourceFile: String?
    package var sourceRow: Int?
    package var scheduledAt: String
    package var segments: Int
    package var postalCode: String?
    /// `delivered`, `failed`, `expired`, `pending`, `unknown`; nil without any report.
    package var state: String?
    /// When it reached that state.
    package var outcomeAt: String?
    package var errorCode: String?
    /// The status word of the report that decided the outcome (`UNDELIV`).
    package var status: String?
}

extension TextoStore {
    /// Calls `body` with each message of `campaign` (test sends apart), one
    /// row at a time: a report of a million messages holds none of them.
    package func forEachMessage(ofCampaign campaign: String, _ body: (ReportedMessage) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.scheduled_at, m.segments, m.postal_code, o.state, o.at, coalesce(o.error_code, e.error_code), e.status,
                       m.phone, m.contact_name, m.source_file, m.source_row
                FROM messages m
                LEFT JOIN outcomes o ON o.message_id = m.id
                LEFT JOIN events e ON e.id = o.event_id
                WHERE m.campaign_id = ? AND m.is_test = 0
                """, arguments: [campaign])
            while let row = try rows.next() {
                try body(ReportedMessage(phone: row[7], contactName: row[8], sourceFile: row[9], sourceRow: row[10], scheduledAt: row[0],
                                         segments: row[1], postalCode: row[2], state: row[3], outcomeAt: row[4], errorCode: row[5],
                                         status: row[6]))
            }
        }
    }

    /// The numbers that replied to `campaign`: those who opted out, and the others.
    package func repliers(toCampaign campaign: String) throws -> (stops: Int, others: Int) {
        try read { db in
            let stops = try Int.fetchOne(db, sql: "SELECT count(DISTINCT phone) FROM replies WHERE campaign_id = ? AND is_stop = 1",
                                         arguments: [campaign]) ?? 0
            let others = try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT phone) FROM replies r WHERE r.campaign_id = ? AND r.is_stop = 0
                  AND NOT EXISTS (SELECT 1 FROM replies s WHERE s.campaign_id = r.campaign_id AND s.phone = r.phone AND s.is_stop = 1)
                """, arguments: [campaign]) ?? 0
            return (stops, others)
        }
    }
}

/// A reply to a campaign, as the reports list it.
package struct ReportedReply: Sendable, Equatable {
    package var phone: String
    package var receivedAt: String
    package var text: String
    package var isStop: Bool
}

/// A number of a campaign on the NPAI list, with where it came from.
package struct ReportedNPAI: Sendable, Equatable {
    package var phone: String
    package var contactName: String?
    package var sourceFile: String?
    package var sourceRow: Int?
    package var since: String
    package var source: String
}

extension TextoStore {
    /// The replies to `campaign`, by number then time.
    package func replies(toCampaign campaign: String) throws -> [ReportedReply] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT phone, received_at, text, is_stop FROM replies WHERE campaign_id = ? ORDER BY phone, received_at, id
                """, arguments: [campaign]).map { ReportedReply(phone: $0[0], receivedAt: $0[1], text: $0[2], isStop: $0[3]) }
        }
    }

    /// The numbers of `campaign` (test sends apart) on the NPAI list, by number.
    package func npai(ofCampaign campaign: String) throws -> [ReportedNPAI] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.phone, m.contact_name, m.source_file, m.source_row, s.since, s.source
                FROM messages m JOIN suppressions s ON s.phone = m.phone AND s.reason = 'NPAI'
                WHERE m.campaign_id = ? AND m.is_test = 0 ORDER BY m.phone
                """, arguments: [campaign]).map {
                ReportedNPAI(phone: $0[0], contactName: $0[1], sourceFile: $0[2], sourceRow: $0[3], since: $0[4], source: $0[5])
            }
        }
    }
}

/// A campaign as the reports describe it: how it was made, and when.
@dynamicMemberLookup
package struct CampaignDescription: Sendable, Equatable {
    package var campaign: CampaignRecord
    package var createdAt: String

    package subscript<Value>(dynamicMember path: KeyPath<CampaignRecord, Value>) -> Value { campaign[keyPath: path] }
}

extension TextoStore {
    /// Every campaign, oldest first (no count: the reports count in one pass of their own).
    package func campaignDescriptions() throws -> [CampaignDescription] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, type, sender, category, template, created_at FROM campaigns ORDER BY created_at, id").map {
                let campaign = CampaignRecord(id: $0[0], name: $0[1], type: CampaignType(rawValue: $0[2]) ?? .marketing, sender: $0[3],
                                              category: $0[4], template: $0[5])
                return CampaignDescription(campaign: campaign, createdAt: $0[6])
            }
        }
    }
}
