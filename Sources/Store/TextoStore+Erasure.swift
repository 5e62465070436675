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
            let optOut = try db.first("SELECT reason, since FROM suppressions WHERE phone = ?", [phone])
            let ofNumber = "SELECT id FROM messages WHERE phone = ?"
            erasure.outcomes = try db.execute("DELETE FROM outcomes WHERE message_id IN (\(ofNumber))", [phone])
            erasure.events = try db.execute("DELETE FROM events WHERE message_id IN (\(ofNumber))", [phone])
            // Reports that matched no message but name the number (a provider's export row).
            erasure.events += try db.execute("DELETE FROM events WHERE message_id IS NULL AND phone = ?", [phone])
            try db.execute("""
                DELETE FROM submissions WHERE campaign_id IN (SELECT campaign_id FROM messages WHERE phone = ?) AND message_id IN (\(ofNumber))
                """, [phone, phone])
            erasure.messages = try db.execute("DELETE FROM messages WHERE phone = ?", [phone])
            erasure.replies = try db.execute("DELETE FROM replies WHERE phone = ?", [phone])
            try db.execute("DELETE FROM pipeline_numbers WHERE phone = ?", [phone])
            if let optOut, let reason = SuppressionReason(rawValue: optOut[0]) {
                let key = try erasureKey(db, create: true)!
                try db.execute("""
                    INSERT INTO suppression_hashes (hash, reason, since, erased_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hash) DO NOTHING
                    """, [key.hash(phone), reason.rawValue, optOut[1] as String, now])
                try db.execute("DELETE FROM suppressions WHERE phone = ?", [phone])
                erasure.keptOptOut = reason
            }
            return erasure
        }
        // Move the zeroed pages into the file and empty the WAL, which still
        // holds the old ones. Best effort: a reader may keep it busy.
        // (On PostgreSQL the old row versions stay in the table's free
        // space until VACUUM reuses it: docs/scaling.md.)
        if case .sqlite(let queue) = backend {
            _ = try? queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        return erasure
    }
}
