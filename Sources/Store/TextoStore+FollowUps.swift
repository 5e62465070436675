import Foundation
import GRDB

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
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.phone, count(*) FROM messages m JOIN outcomes o ON o.message_id = m.id
                WHERE m.scheduled_at >= ? AND m.is_test = 0 AND o.state = 'delivered' GROUP BY m.phone
                """, arguments: [StoreTime.lowerBound(since)])
            while let row = try rows.next() {
                if let number = Self.integer(e164: row[0]) { counts[number] = row[1] }
            }
            return counts
        }
    }

    private func numbers(sql: String, arguments: StatementArguments) throws -> Set<UInt64> {
        try read { db in
            var result: Set<UInt64> = []
            let phones = try String.fetchCursor(db, sql: sql, arguments: arguments)
            while let phone = try phones.next() {
                if let number = Self.integer(e164: phone) { result.insert(number) }
            }
            return result
        }
    }
}
