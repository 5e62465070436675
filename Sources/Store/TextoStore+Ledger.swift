import Foundation
import GRDB

/// One message of the ledger, as `texto-emit` records it.
package struct LedgerMessage: Sendable, Equatable {
    /// The message id Texto assigned (the gateway's client reference).
    public var id: String
    package var campaignID: String
    /// E.164, `+33630050660`.
    public var phone: String
    /// The contacts file and row the number came from (`_source`, `_row`).
    package var sourceFile: String?
    package var sourceRow: Int?
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    package var textLength: Int
    public var segments: Int
    package var scheduledAt: Date
    /// The gateway batch file that carries it.
    package var batchFile: String?

    package init(
        id: String, campaignID: String, phone: String, sourceFile: String? = nil, sourceRow: Int? = nil,
        textLength: Int, segments: Int, scheduledAt: Date, batchFile: String? = nil
    ) {
        self.id = id
        self.campaignID = campaignID
        self.phone = phone
        self.sourceFile = sourceFile
        self.sourceRow = sourceRow
        self.textLength = textLength
        self.segments = segments
        self.scheduledAt = scheduledAt
        self.batchFile = batchFile
    }
}

extension TextoStore {
    /// Records messages in the ledger, in one transaction; a message whose
    /// id is already there is left as it is (re-running the same emit
    /// changes nothing). Returns how many were new.
    ///
    /// Throws `.unknownCampaign` when a message names a campaign that was
    /// not inserted first (`insertCampaign`); nothing is recorded then.
    @discardableResult
    package func recordMessages(_ messages: [LedgerMessage]) throws -> Int {
        let createdAt = now
        return try write { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM campaigns"))
            if let unknown = messages.first(where: { !known.contains($0.campaignID) }) {
                throw StoreError(.unknownCampaign, path: path, "message \(unknown.id) names campaign \(unknown.campaignID), which is not in the store",
                                 hint: "Record the campaign before its messages.")
            }
            let statement = try db.cachedStatement(sql: """
                INSERT INTO messages (id, campaign_id, phone, source_file, source_row, text_length, segments, scheduled_at, batch_file, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """)
            var added = 0
            for message in messages {
                try statement.execute(arguments: [
                    message.id, message.campaignID, message.phone, message.sourceFile, message.sourceRow,
                    message.textLength, message.segments, StoreTime.text(message.scheduledAt), message.batchFile, createdAt,
                ])
                added += db.changesCount
            }
            return added
        }
    }

    /// E.164 integers that received any message of these campaigns (ledger).
    public func recipients(ofCampaigns ids: [String]) throws -> Set<UInt64> {
        let ids = Array(Set(ids))
        return try read { db in
            var result: Set<UInt64> = []
            // SQLite allows 32,766 parameters; a few hundred at a time is plenty.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let phones = try String.fetchCursor(
                    db, sql: "SELECT DISTINCT phone FROM messages WHERE campaign_id IN (\(marks))", arguments: StatementArguments(chunk))
                while let phone = try phones.next() {
                    if let number = Self.integer(e164: phone) { result.insert(number) }
                }
            }
            return result
        }
    }

    /// Messages per E.164 integer scheduled at or after `since` (for
    /// `--max-sends N --per DAYS`). A `since` inside a second counts from the
    /// next whole second (stored times have no fractions).
    package func sendCounts(since: Date) throws -> [UInt64: Int] {
        try read { db in
            var counts: [UInt64: Int] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT phone, count(*) FROM messages WHERE scheduled_at >= ? GROUP BY phone",
                arguments: [StoreTime.lowerBound(since)])
            while let row = try rows.next() {
                if let number = Self.integer(e164: row[0]) { counts[number] = row[1] }
            }
            return counts
        }
    }
}
