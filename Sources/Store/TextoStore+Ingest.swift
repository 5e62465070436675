import Foundation
import GRDB

/// A file `texto-ingest` read before, as the store remembers it.
package struct IngestedFile: Sendable, Equatable {
    package var id: Int64
    /// SHA-256 of the bytes consumed (the file up to `size`).
    package var sha256: String
    /// Bytes consumed: complete lines only.
    package var size: Int
}

/// What `texto-ingest` writes, in one transaction: the files it read, the
/// events (every receipt, raw), the outcome of each message, the replies,
/// the new STOP and NPAI numbers.
package final class IngestTransaction {
    let db: Database
    /// The time of this ingest, as the store writes times.
    package let now: String

    init(_ db: Database, now: String) {
        self.db = db
        self.now = now
    }

    // Every statement is prepared once per transaction (an ingest runs a few per receipt).

    private func execute(sql: String, arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func fetchRow(sql: String, arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func fetchRows(sql: String, arguments: StatementArguments) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func fetchValue<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type, sql: String, arguments: StatementArguments
    ) throws -> Value? {
        try Value.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// The last record of the file at `name` (the path as read).
    package func lastIngest(of name: String) throws -> IngestedFile? {
        try fetchRow(sql: "SELECT id, sha256, size FROM ingested_files WHERE name = ? ORDER BY id DESC LIMIT 1",
                         arguments: [name]).map { IngestedFile(id: $0[0], sha256: $0[1], size: $0[2]) }
    }

    /// True when bytes with this SHA-256 were ingested, under any name.
    package func wasIngested(sha256: String) throws -> Bool {
        try fetchValue(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM ingested_files WHERE sha256 = ?)", arguments: [sha256]) ?? false
    }

    /// Records a file read (up to `size` bytes); returns its id for the events and replies.
    package func addFile(name: String, sha256: String, size: Int, format: String) throws -> Int64 {
        try execute(sql: "INSERT INTO ingested_files (sha256, name, size, format, ingested_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [sha256, name, size, format, now])
        return db.lastInsertedRowID
    }

    /// Our message whose id is `id` (normalized), with its number.
    package func message(id: String) throws -> (id: String, phone: String)? {
        try fetchRow(sql: "SELECT id, phone FROM messages WHERE id = ?", arguments: [id]).map { ($0[0], $0[1]) }
    }

    /// Our message the SMSC knows as `providerID` (normalized).
    package func message(providerID: String) throws -> (id: String, phone: String)? {
        try fetchRow(sql: "SELECT id, phone FROM messages WHERE provider_message_id = ? LIMIT 1",
                         arguments: [providerID]).map { ($0[0], $0[1]) }
    }

    /// Records the SMSC's id of one of our messages (a submit log's line);
    /// false when the message is not in the ledger.
    @discardableResult
    package func setProviderID(_ providerID: String, of id: String) throws -> Bool {
        try execute(sql: "UPDATE messages SET provider_message_id = ? WHERE id = ?", arguments: [providerID, id])
        return db.changesCount > 0
    }

    /// True when the same report for the message was recorded before (a duplicate).
    package func hasEvent(message id: String, status: String, doneAt: String?) throws -> Bool {
        try fetchValue(Bool.self, sql: """
            SELECT EXISTS (SELECT 1 FROM events WHERE message_id = ? AND status = ? AND done_at IS NOT DISTINCT FROM ?)
            """, arguments: [id, status, doneAt]) ?? false
    }

    /// Records a report as read; `messageID` nil when it matches no message
    /// (kept, never dropped). Returns the event's id.
    package func addEvent(messageID: String?, providerID: String?, phone: String?, status: String, errorCode: String?,
                          doneAt: String?, raw: String, file: Int64, line: Int) throws -> Int64 {
        try execute(sql: """
            INSERT INTO events (message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [messageID, providerID, phone, status, errorCode, doneAt, now, raw, file, line])
        return db.lastInsertedRowID
    }

    /// The message's recorded outcome state, if any.
    package func outcome(of id: String) throws -> String? {
        try fetchValue(String.self, sql: "SELECT state FROM outcomes WHERE message_id = ?", arguments: [id])
    }

    /// Sets the message's outcome (the caller decided it stands over the one recorded).
    package func setOutcome(of id: String, state: String, at: String, event: Int64, errorCode: String?, permanent: Bool) throws {
        try execute(sql: """
            INSERT INTO outcomes (message_id, state, at, event_id, error_code, permanent) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO UPDATE SET state = excluded.state, at = excluded.at, event_id = excluded.event_id,
                                                   error_code = excluded.error_code, permanent = excluded.permanent
            """, arguments: [id, state, at, event, errorCode, permanent ? 1 : 0])
    }

    /// The campaign of the latest message (test sends apart) sent to
    /// `phone` at or before `time`: the one a reply answers.
    package func latestCampaign(to phone: String, before time: String) throws -> String? {
        try fetchValue(String.self, sql: """
            SELECT campaign_id FROM messages WHERE phone = ? AND is_test = 0 AND scheduled_at <= ?
            ORDER BY scheduled_at DESC LIMIT 1
            """, arguments: [phone, time])
    }

    /// The latest message (test sends apart) sent to `phone` at or before
    /// `time` (any time when nil): the one a provider's row about that
    /// number speaks of.
    package func latestMessage(to phone: String, before time: String?) throws -> (id: String, phone: String)? {
        try fetchRow(sql: """
            SELECT id, phone FROM messages WHERE phone = ? AND is_test = 0 AND scheduled_at <= ?
            ORDER BY scheduled_at DESC LIMIT 1
            """, arguments: [phone, time ?? "9999-12-31T23:59:59Z"]).map { ($0[0], $0[1]) }
    }

    /// Records a reply; false when this line of this file was recorded before.
    @discardableResult
    package func addReply(phone: String, text: String, receivedAt: String, campaign: String?, isStop: Bool,
                          file: Int64, line: Int) throws -> Bool {
        try execute(sql: """
            INSERT INTO replies (phone, text, received_at, campaign_id, is_stop, ingested_file_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ingested_file_id, source_line) DO NOTHING
            """, arguments: [phone, text, receivedAt, campaign, isStop ? 1 : 0, file, line])
        return db.changesCount > 0
    }

    /// Puts `phone` on the suppression list; false when it was there already.
    @discardableResult
    package func suppress(_ phone: String, reason: SuppressionReason, since: String, source: String, comment: String?) throws -> Bool {
        try execute(sql: """
            INSERT INTO suppressions (phone, reason, since, source, comment) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (phone) DO NOTHING
            """, arguments: [phone, reason.rawValue, since, source, comment])
        return db.changesCount > 0
    }
}

extension IngestTransaction {
    /// Messages (test sends apart) sent before `deadline` with no final
    /// outcome: the 48 hours a network keeps trying have passed, they count
    /// as not delivered (expired). Returns their ids and numbers.
    package func overdue(sentBefore deadline: String) throws -> [(id: String, phone: String)] {
        try fetchRows(sql: """
            SELECT m.id, m.phone FROM messages m
            WHERE m.is_test = 0 AND m.scheduled_at < ?
              AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.message_id = m.id AND o.state IN ('delivered', 'failed', 'expired'))
            ORDER BY m.id
            """, arguments: [deadline]).map { ($0[0], $0[1]) }
    }

    /// Marks a message expired without a report (no event).
    package func expire(_ id: String, at time: String) throws {
        try execute(sql: """
            INSERT INTO outcomes (message_id, state, at, event_id, error_code, permanent) VALUES (?, 'expired', ?, NULL, NULL, 0)
            ON CONFLICT (message_id) DO UPDATE SET state = 'expired', at = excluded.at, event_id = NULL, error_code = NULL, permanent = 0
            """, arguments: [id, time])
    }

    /// The outcome states of the last `count` messages (test sends apart)
    /// sent to `phone`, latest first; nil for one without an outcome.
    package func lastOutcomes(of phone: String, count: Int) throws -> [String?] {
        try fetchRows(sql: """
            SELECT o.state FROM messages m LEFT JOIN outcomes o ON o.message_id = m.id
            WHERE m.phone = ? AND m.is_test = 0 ORDER BY m.scheduled_at DESC LIMIT ?
            """, arguments: [phone, count]).map { $0[0] }
    }
}

extension TextoStore {
    /// Runs `body` in one write transaction: everything it records is
    /// committed when it returns, nothing when it throws.
    package func recordIngest<T>(_ body: (IngestTransaction) throws -> T) throws -> T {
        let now = now
        return try write { db in
            // Receipts look up messages at random in a ledger of millions: the default 2 MiB cache would read most pages again.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            return try body(IngestTransaction(db, now: now))
        }
    }
}
