import GRDB
import Phones

/// What `forget` erased for one person.
public struct Erasure: Sendable, Equatable {
    /// Messages of the ledger sent to the number.
    public var messages = 0
    /// Delivery reports of those messages, or naming the number.
    public var events = 0
    /// Final states of those messages.
    public var outcomes = 0
    /// Replies from the number.
    public var replies = 0
    /// The opt-out the number had, now kept only as a keyed hash; nil when
    /// it had none (then nothing of the number is left).
    public var keptOptOut: SuppressionReason?

    package init(messages: Int = 0, events: Int = 0, outcomes: Int = 0, replies: Int = 0, keptOptOut: SuppressionReason? = nil) {
        self.messages = messages
        self.events = events
        self.outcomes = outcomes
        self.replies = replies
        self.keptOptOut = keptOptOut
    }
}

extension TextoStore {
    /// Erases one person's data for a GDPR erasure request (art. 17): the
    /// number's messages with their delivery reports and outcomes, its
    /// replies and its suppression row, in one transaction.
    ///
    /// An opt-out (STOP, NPAI, MANUAL) is not dropped with the rest: the
    /// CNIL expects an opt-out to be honoured for good, so it is kept as
    /// the HMAC-SHA256 of the number under the erasure key (`ErasureKey`),
    /// which `SuppressionSet.isErased` recognises and nobody can read back.
    ///
    /// `secure_delete` overwrites the deleted rows' bytes, and the WAL is
    /// checkpointed and truncated after the commit, so the number does not
    /// linger in free pages or in the journal (unless a reader holds an old
    /// snapshot open; the next checkpoint then finishes the job). Files
    /// outside the store (batch files, reports, inputs) are not touched.
    public func forget(_ number: PhoneNumber) throws -> Erasure {
        let phone = number.e164String
        let erasure = try write { db -> Erasure in
            var erasure = Erasure()
            let optOut = try Row.fetchOne(db, sql: "SELECT reason, since FROM suppressions WHERE phone = ?", arguments: [phone])
            let ofNumber = "SELECT id FROM messages WHERE phone = ?"
            try db.execute(sql: "DELETE FROM outcomes WHERE message_id IN (\(ofNumber))", arguments: [phone])
            erasure.outcomes = db.changesCount
            try db.execute(sql: "DELETE FROM events WHERE message_id IN (\(ofNumber))", arguments: [phone])
            erasure.events = db.changesCount
            // Reports that matched no message but name the number (a provider's export row).
            try db.execute(sql: "DELETE FROM events WHERE message_id IS NULL AND phone = ?", arguments: [phone])
            erasure.events += db.changesCount
            try db.execute(sql: """
                DELETE FROM submissions WHERE campaign_id IN (SELECT campaign_id FROM messages WHERE phone = ?) AND message_id IN (\(ofNumber))
                """, arguments: [phone, phone])
            try db.execute(sql: "DELETE FROM messages WHERE phone = ?", arguments: [phone])
            erasure.messages = db.changesCount
            try db.execute(sql: "DELETE FROM replies WHERE phone = ?", arguments: [phone])
            erasure.replies = db.changesCount
            try db.execute(sql: "DELETE FROM pipeline_numbers WHERE phone = ?", arguments: [phone])
            if let optOut, let reason = SuppressionReason(rawValue: optOut["reason"]) {
                let key = try erasureKey(db, create: true)!
                try db.execute(sql: """
                    INSERT INTO suppression_hashes (hash, reason, since, erased_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hash) DO NOTHING
                    """, arguments: [key.hash(phone), reason.rawValue, optOut["since"] as String, now])
                try db.execute(sql: "DELETE FROM suppressions WHERE phone = ?", arguments: [phone])
                erasure.keptOptOut = reason
            }
            return erasure
        }
        // Move the zeroed pages into the file and empty the WAL, which still
        // holds the old ones. Best effort: a reader may keep it busy.
        _ = try? queue.writeWithoutTransaction { db in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return erasure
    }
}
