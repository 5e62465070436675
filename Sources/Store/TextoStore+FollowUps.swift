import Foundation

/// What follow-up campaigns ("relances") ask of the store, now that
/// outcomes and replies exist: who was sent a campaign, who had it
/// delivered, who replied to it.
extension TextoStore {
    /// E.164 integers of the numbers a message of `campaign` (test sends
    /// apart) was delivered to.
    package func deliveredRecipients(ofCampaign campaign: String) throws -> Set<UInt64> {
        try numbers(sql: """
            SELECT m.phone FROM messages m JOIN outcomes o ON o.message_id = m.id
            WHERE m.campaign_id = ? AND m.is_test = 0 AND o.state = 'delivered'
            """, arguments: [campaign])
    }

    /// E.164 integers of the numbers that replied to `campaign` (any reply, STOP included).
    package func repliers(ofCampaign campaign: String) throws -> Set<UInt64> {
        try numbers(sql: "SELECT phone FROM replies WHERE campaign_id = ?", arguments: [campaign])
    }

    /// Messages per E.164 integer scheduled at or after `since` whose
    /// outcome is delivered (`--max-sends N --per DAYS --count delivered`).
    package func deliveredCounts(since: Date) throws -> [UInt64: Int] {
        try read { db in
            var counts: [UInt64: Int] = [:]
            try db.forEachRow("""
                SELECT m.phone, count(*) FROM messages m JOIN outcomes o ON o.message_id = m.id
                WHERE m.scheduled_at >= ? AND m.is_test = 0 AND o.state = 'delivered' GROUP BY m.phone
                """, [StoreTime.lowerBound(since)]) { row in
                if let number = Self.integer(e164: row.bytes(0)) { counts[number] = Int(row.integer(1)) }
            }
            return counts
        }
    }

    private func numbers(sql: String, arguments: [any SQLArgument]) throws -> Set<UInt64> {
        try read { db in
            var result: Set<UInt64> = []
            try db.forEachRow(sql, arguments) { row in
                if let number = Self.integer(e164: row.bytes(0)) { result.insert(number) }
            }
            return result
        }
    }
}
