import GRDB

/// One message of a campaign as the reports read it: its send, its
/// outcome and the report that decided it.
package struct ReportedMessage: Sendable, Equatable {
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
                SELECT m.scheduled_at, m.segments, m.postal_code, o.state, o.at, coalesce(o.error_code, e.error_code), e.status
                FROM messages m
                LEFT JOIN outcomes o ON o.message_id = m.id
                LEFT JOIN events e ON e.id = o.event_id
                WHERE m.campaign_id = ? AND m.is_test = 0
                """, arguments: [campaign])
            while let row = try rows.next() {
                try body(ReportedMessage(scheduledAt: row[0], segments: row[1], postalCode: row[2], state: row[3], outcomeAt: row[4],
                                         errorCode: row[5], status: row[6]))
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
