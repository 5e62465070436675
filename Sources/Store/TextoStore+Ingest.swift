import Foundation
import TextoCore

/// A file `texto-ingest` read before, as the store remembers it.
package struct IngestedFile: Sendable, Equatable {
    package var id: Int64
    /// SHA-256 of the bytes consumed (the file up to `size`).
    package var sha256: String
    /// Bytes consumed: complete lines only.
    package var size: Int
}

/// What `texto-ingest` writes, in one transaction: the files it read, the
/// events (every receipt, raw), the outcome of each message, the SMSC ids,
/// the replies, the new STOP and NPAI numbers.
///
/// Built for a million receipts: messages are found in memory
/// (`LedgerIndex`), events are inserted through prepared C-API statements,
/// and outcomes and SMSC ids are kept in memory and written in key order
/// by `finishReports()`. SQLite checks neither foreign keys nor CHECK
/// constraints during an ingest (`recordIngest` turns them off): every id
/// written comes from the store itself within the transaction (a message
/// found in `messages`, an event or file just inserted), and every value
/// is checked here against the schema's rules (`ColumnCheck`) before it is
/// written; the tests run `PRAGMA foreign_key_check` and
/// `integrity_check` after ingests.
package final class IngestTransaction {
    let db: any SQLConnection
    /// The time of this ingest, as the store writes times.
    package let now: String
    private let index: LedgerIndex
    private let events: any BulkInsert
    /// The id the next event takes (ids are given here, so that an event's
    /// is known before its row is written).
    @exclusivity(unchecked) private var nextEvent: Int64
    /// Outcomes set in this run, written by `finishReports()`; per slot, its entry here.
    // Touched per receipt; see LedgerIndex on the exclusivity checks.
    @exclusivity(unchecked) private var changes: [OutcomeChange] = []
    /// Per slot, its entry in `changes`, or -1.
    @exclusivity(unchecked) private var changeOfSlot: [Int32] = []
    /// SMSC ids learnt in this run, written by `finishReports()`.
    private var submissions: [(key: MessageKey, slot: Int32)] = []
    private var longSubmissions: [(id: String, slot: Int32)] = []
    /// Indexes dropped for a bulk load (their statements), made again by `finishReports()`.
    private var droppedIndexes = DroppedIndexes()
    private var file: Int64 = 0
    private var lastDoneAt: String?
    /// Numbers a permanent failure makes NPAI, the first report about each
    /// kept, written together (`writeNPAI()`): one statement, not one per number.
    private var npai: [(phone: String, since: String, source: String, comment: String?)] = []
    private var npaiNumbers: Set<String> = []
    /// The numbers this run added to the NPAI list for a permanent failure.
    package private(set) var addedNPAI = 0

    private struct OutcomeChange {
        var slot: Int32
        var state: String
        var at: String
        var event: Int64
        var errorCode: String?
        var permanent: Bool
    }

    init(_ db: any SQLConnection, now: String) throws {
        try ColumnCheck.time(now, column: "received_at")
        self.db = db
        self.now = now
        if db.dialect == .postgres {
            // Ids are given here from the largest: two ingests at once (two
            // hosts) would give the same. They take turns; a file already
            // ingested by the other is then seen as such.
            try db.execute("SELECT pg_advisory_xact_lock(?)", [Self.postgresLock])
        }
        index = try LedgerIndex(db)
        events = try db.bulkInsert(into: "events", columns: [
            "id", "message_id", "provider_message_id", "phone", "status", "error_code", "done_at", "received_at", "raw", "ingested_file_id",
            "source_line",
        ], conflict: "")
        nextEvent = (try db.value(Int64.self, "SELECT max(id) FROM events") ?? 0) + 1
    }

    /// The advisory lock ingests take on PostgreSQL ("TXTI").
    static let postgresLock: Int64 = 0x5458_5449

    /// Loads below this many events go row by row into the indexes.
    static let bulkThreshold = 20_000

    /// Told that a file of `bytes` of reports is next, drops the indexes
    /// that would take their keys in random order (events by message,
    /// outcomes by event) when the load is large beside what the tables
    /// hold, to make them again in one sorted pass at the end (as an emit
    /// does for the ledger). The unique key of `events` (file, line) stays:
    /// its keys come in order. Inside the transaction: a rollback brings
    /// them back.
    package func expectEvents(bytes: Int) throws {
        // Receipt lines are 100 to 200 bytes.
        let count = bytes / 128
        // On SQLite only: PostgreSQL's indexes take random keys without paging the table in and out.
        guard db.dialect == .sqlite, count >= Self.bulkThreshold,
              count * 4 >= (try db.value(Int.self, "SELECT max(rowid) FROM events") ?? 0) else { return }
        try droppedIndexes.drop(["events_by_message", "outcomes_by_event"], in: db)
    }

    /// The last record of the file at `name` (the path as read).
    package func lastIngest(of name: String) throws -> IngestedFile? {
        try db.first("SELECT id, sha256, size FROM ingested_files WHERE name = ? ORDER BY id DESC LIMIT 1",
                         [name]).map { IngestedFile(id: $0[0], sha256: $0[1], size: $0[2]) }
    }

    /// True when bytes with this SHA-256 were ingested, under any name.
    package func wasIngested(sha256: String) throws -> Bool {
        try db.value(Bool.self, "SELECT EXISTS (SELECT 1 FROM ingested_files WHERE sha256 = ?)", [sha256]) ?? false
    }

    /// Records a file read (up to `size` bytes); returns its id for the
    /// events and replies. The events added next are this file's.
    package func addFile(name: String, sha256: String, size: Int, format: String) throws -> Int64 {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 }) else {
            throw ColumnCheck.failure("sha256")
        }
        guard size >= 0 else { throw ColumnCheck.failure("size") }
        file = try db.value(Int64.self, "INSERT INTO ingested_files (sha256, name, size, format, ingested_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                            [sha256, name, size, format, now]) ?? 0
        return file
    }

    // MARK: - Messages

    /// Our message whose id or SMSC id is `key` (normalized).
    package func message(key: MessageKey) throws -> Int32? {
        try index.slot(of: key)
    }

    /// Our message whose id or SMSC id is `id` (normalized), for ids without a key.
    package func message(id: String) throws -> Int32? {
        try index.slot(of: id)
    }

    /// The id of a message found above, as stored.
    package func messageID(_ message: Int32) -> String {
        index.id(message)
    }

    package func phone(_ message: Int32) -> String {
        index.phones[Int(message)]
    }

    /// Records the SMSC's id of one of our messages (a submit log's line).
    package func setProviderID(_ key: MessageKey, of message: Int32) {
        index.add(key, to: message)
        submissions.append((key, message))
    }

    /// The same for an id without a key (normalized).
    package func setProviderID(_ providerID: String, of message: Int32) {
        if let key = MessageKey(normalizing: providerID) { return setProviderID(key, of: message) }
        guard !providerID.isEmpty else { return }
        index.add(providerID, to: message)
        longSubmissions.append((providerID, message))
    }

    // MARK: - Events and outcomes

    /// True when the same report (status and done date) for the message was
    /// recorded before, in this run or an earlier one: a duplicate.
    package func isDuplicate(message: Int32, status: String, doneAt: Int?) -> Bool {
        !index.remember(message, status: status, doneAt: doneAt)
    }

    /// Records a report of the current file as read; `message` nil when it
    /// matches no message (kept, never dropped; `phone` the number the
    /// report names, if any, for erasure). Returns the event's id.
    package func addEvent(message: Int32?, phone: String? = nil, providerID: String?, status: String, errorCode: String?,
                          doneAt: String?, raw: String, line: Int) throws -> Int64 {
        // Receipts of a second share their done date (the same string): checked once.
        if let doneAt, doneAt != lastDoneAt {
            try ColumnCheck.time(doneAt, column: "done_at")
            lastDoneAt = doneAt
        }
        guard line >= 1 else { throw ColumnCheck.failure("source_line") }
        let phone = message.map { index.phones[Int($0)] } ?? phone
        if let phone { try ColumnCheck.phone(phone) }
        let id = nextEvent
        nextEvent += 1
        events.integer(id)
        if let message { index.withID(message) { events.text($0) } } else { events.null() }
        events.text(providerID)
        events.text(phone)
        events.text(status)
        events.text(errorCode)
        events.text(doneAt)
        events.text(now)
        events.text(raw)
        events.integer(file)
        events.integer(Int64(line))
        try events.endRow()
        return id
    }

    /// The message's outcome state, as recorded or as set in this run.
    package func outcome(of message: Int32) -> String? {
        index.states[Int(message)].text
    }

    /// Sets the message's outcome (the caller decided it stands over the
    /// one recorded); written by `finishReports()`.
    package func setOutcome(of message: Int32, state: String, at: String, event: Int64, errorCode: String?, permanent: Bool) throws {
        let code = OutcomeCode(state)
        guard code != .none, code.text == state else { throw ColumnCheck.failure("state") }
        try ColumnCheck.time(at, column: "at")
        index.states[Int(message)] = code
        let change = OutcomeChange(slot: message, state: state, at: at, event: event, errorCode: errorCode, permanent: permanent)
        if changeOfSlot.count <= Int(message) { changeOfSlot += repeatElement(-1, count: index.keys.count - changeOfSlot.count) }
        let entry = changeOfSlot[Int(message)]
        if entry >= 0 {
            changes[Int(entry)] = change
        } else {
            changeOfSlot[Int(message)] = Int32(changes.count)
            changes.append(change)
        }
    }

    /// Writes the outcomes and SMSC ids of the run, each in key order (a
    /// B-tree fills page after page instead of at random), and makes the
    /// dropped indexes again. Call it once the reports are read, before
    /// anything queries outcomes.
    package func finishReports() throws {
        try events.flush()
        try writeNPAI()
        // A message's first outcome is a plain insert (on PostgreSQL a COPY straight into the table); a change, an upsert.
        let outcomeColumns = ["message_id", "state", "at", "event_id", "error_code", "permanent"]
        let firstOutcomes = try db.bulkInsert(into: "outcomes", columns: outcomeColumns, conflict: "")
        let outcomes = try db.bulkInsert(into: "outcomes", columns: outcomeColumns, conflict: """
            ON CONFLICT (message_id) DO UPDATE SET state = excluded.state, at = excluded.at, event_id = excluded.event_id,
                                                   error_code = excluded.error_code, permanent = excluded.permanent
            """)
        // Messages by key (ids too long for one after, by text).
        var keyed: [(key: MessageKey, change: Int32)] = []
        var long: [(id: String, change: Int32)] = []
        keyed.reserveCapacity(changes.count)
        for (entry, change) in changes.enumerated() {
            if let key = index.keys[Int(change.slot)] { keyed.append((key, Int32(entry))) } else { long.append((index.id(change.slot), Int32(entry))) }
        }
        keyed.sort { $0.key < $1.key }
        long.sort { $0.id < $1.id }
        for entry in keyed.lazy.map(\.change) + long.lazy.map(\.change) {
            let change = changes[Int(entry)]
            let target = index.stored[Int(change.slot)] ? outcomes : firstOutcomes
            index.withID(change.slot) { target.text($0) }
            target.text(change.state)
            target.text(change.at)
            target.integer(change.event)
            target.text(change.errorCode)
            target.integer(change.permanent ? 1 : 0)
            try target.endRow()
        }
        try firstOutcomes.flush()
        try outcomes.flush()
        changes = []
        changeOfSlot = []

        try writeSubmissions()
        submissions = []
        longSubmissions = []

        try droppedIndexes.remake(in: db)
    }

    /// Writes the SMSC ids learnt, the latest line about each winning.
    /// An SMSC gives each message an id of its own: on PostgreSQL they are
    /// first copied straight into the table, under a savepoint; when one
    /// was known already, the savepoint is undone and they go through the
    /// upsert (a staging table and `INSERT ... ON CONFLICT`), which costs
    /// twice the time of the plain copy.
    private func writeSubmissions() throws {
        let columns = ["provider_message_id", "message_id", "campaign_id"]
        let upsert = """
            ON CONFLICT (provider_message_id) DO UPDATE SET message_id = excluded.message_id, campaign_id = excluded.campaign_id
            """
        guard !submissions.isEmpty || !longSubmissions.isEmpty else { return }
        guard db.dialect == .postgres else {
            return try writeSubmissions(to: db.bulkInsert(into: "submissions", columns: columns, conflict: upsert))
        }
        try db.execute("SAVEPOINT texto_submissions")
        do {
            try writeSubmissions(to: db.bulkInsert(into: "submissions", columns: columns, conflict: ""))
            try db.execute("RELEASE SAVEPOINT texto_submissions")
        } catch let error as PostgresError where error.sqlState == "23505" {
            try db.execute("ROLLBACK TO SAVEPOINT texto_submissions")
            try db.execute("RELEASE SAVEPOINT texto_submissions")
            try writeSubmissions(to: db.bulkInsert(into: "submissions", columns: columns, conflict: upsert))
        }
    }

    private func writeSubmissions(to submit: any BulkInsert) throws {
        // The latest line about an SMSC id wins: among equal keys, the last
        // in line order is the one written (one statement may not update a
        // row twice on PostgreSQL).
        var ordered = submissions.indices.map { (submissions[$0].key, Int32($0)) }
        ordered.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for (position, entry) in ordered.enumerated() {
            if position + 1 < ordered.count, ordered[position + 1].0 == entry.0 { continue }
            let submission = submissions[Int(entry.1)]
            submission.key.withBytes { submit.text($0) }
            index.withID(submission.slot) { submit.text($0) }
            submit.text(index.campaign(submission.slot))
            try submit.endRow()
        }
        var latestLong: [String: Int] = [:]
        for (position, submission) in longSubmissions.enumerated() { latestLong[submission.id] = position }
        for (position, submission) in longSubmissions.enumerated() where latestLong[submission.id] == position {
            submit.text(submission.id)
            index.withID(submission.slot) { submit.text($0) }
            submit.text(index.campaign(submission.slot))
            try submit.endRow()
        }
        try submit.flush()
    }

    // MARK: - Replies, suppressions

    /// The campaign of the latest message (test sends apart) sent to
    /// `phone` at or before `time` (the one a reply answers), and the scope
    /// of an opt-out replied to it.
    package func latestCampaign(to phone: String, before time: String) throws -> (id: String, scope: SuppressionScope)? {
        try db.first("""
            SELECT c.id, c.type, c.category FROM messages m JOIN campaigns c ON c.id = m.campaign_id
            WHERE m.phone = ? AND m.is_test = 0 AND m.scheduled_at <= ?
            ORDER BY m.scheduled_at DESC LIMIT 1
            """, [phone, time]).map { row in
            (row[0], SuppressionScope.of(type: CampaignType(rawValue: row[1]) ?? .marketing, category: row[2]))
        }
    }

    /// The latest message (test sends apart) sent to `phone` at or before
    /// `time` (any time when nil): the one a provider's row about that
    /// number speaks of.
    package func latestMessage(to phone: String, before time: String?) throws -> Int32? {
        let id = try db.value(String.self, """
            SELECT id FROM messages WHERE phone = ? AND is_test = 0 AND scheduled_at <= ?
            ORDER BY scheduled_at DESC LIMIT 1
            """, [phone, time ?? "9999-12-31T23:59:59Z"])
        return try id.flatMap { try index.slot(of: $0) }
    }

    /// Records a reply; false when this line of this file was recorded before.
    @discardableResult
    package func addReply(phone: String, text: String, receivedAt: String, campaign: String?, isStop: Bool,
                          file: Int64, line: Int) throws -> Bool {
        try ColumnCheck.phone(phone)
        try ColumnCheck.time(receivedAt, column: "received_at")
        guard line >= 1 else { throw ColumnCheck.failure("source_line") }
        return try db.execute("""
            INSERT INTO replies (phone, text, received_at, campaign_id, is_stop, ingested_file_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ingested_file_id, source_line) DO NOTHING
            """, [phone, text, receivedAt, campaign, isStop ? 1 : 0, file, line]) > 0
    }

    /// Puts `phone` on the suppression list for the campaigns of `scope`;
    /// false when it was there already (in that scope, or in all).
    @discardableResult
    package func suppress(_ phone: String, reason: SuppressionReason, scope: SuppressionScope = .all, since: String, source: String,
                          comment: String?) throws -> Bool {
        try ColumnCheck.phone(phone)
        try ColumnCheck.time(since, column: "since")
        // The NPAI numbers noted before go first, as if each had been written when its report was read.
        try writeNPAI()
        return try TextoStore.suppress(db, phone: phone, reason: reason, scope: scope, since: since, source: source, comment: comment)
    }

    /// Puts `phone` on the NPAI list (every campaign) for a permanent
    /// failure; written with the others before the next suppression or
    /// by `finishReports()`, and counted in `addedNPAI` unless it was
    /// there already. The first report about a number gives its date and source.
    package func suppressNPAI(_ phone: String, since: String, source: String, comment: String?) throws {
        try ColumnCheck.phone(phone)
        try ColumnCheck.time(since, column: "since")
        guard npaiNumbers.insert(phone).inserted else { return }
        npai.append((phone, since, source, comment))
    }

    private func writeNPAI() throws {
        guard !npai.isEmpty else { return }
        // One scope (all campaigns): the key's conflict is the "there already" of `TextoStore.suppress`.
        let insert = try db.bulkInsert(into: "suppressions", columns: ["phone", "scope", "reason", "since", "source", "comment"],
                                       conflict: "ON CONFLICT (phone, scope) DO NOTHING")
        for entry in npai {
            insert.text(entry.phone)
            insert.text(SuppressionScope.all.rawValue)
            insert.text(SuppressionReason.npai.rawValue)
            insert.text(entry.since)
            insert.text(entry.source)
            insert.text(entry.comment)
            try insert.endRow()
        }
        addedNPAI += try insert.flush()
        npai = []
    }

    /// Puts on the NPAI list each of `numbers` whose last `count` messages
    /// (test sends apart) all failed or expired; returns how many it added.
    /// One statement over the candidates, not two queries per number.
    package func suppressUndelivered(_ numbers: Set<String>, count: Int, since: String, source: String) throws -> Int {
        guard !numbers.isEmpty, count > 0 else { return 0 }
        try ColumnCheck.time(since, column: "since")
        try writeNPAI()
        let collate = db.dialect == .postgres ? " COLLATE \"C\"" : ""
        try db.execute("CREATE TEMPORARY TABLE texto_undelivered (phone TEXT\(collate) PRIMARY KEY)")
        let candidates = try db.bulkInsert(into: "texto_undelivered", columns: ["phone"], conflict: "")
        for number in numbers.sorted() {
            try ColumnCheck.phone(number)
            candidates.text(number)
            try candidates.endRow()
        }
        try candidates.flush()
        // Per number, its messages latest first (among messages of one time,
        // the latest id); the outcomes read only for numbers with `count`
        // messages or more. (The CROSS JOIN keeps SQLite from reading the
        // whole ledger by number: the candidates lead, each finds its
        // messages by the index.)
        let added = try db.execute("""
            WITH latest AS (
                SELECT m.phone, m.id, row_number() OVER (PARTITION BY m.phone ORDER BY m.scheduled_at DESC, m.id DESC) AS n
                FROM texto_undelivered c CROSS JOIN messages m
                WHERE m.phone = c.phone AND m.is_test = 0
            )
            INSERT INTO suppressions (phone, scope, reason, since, source, comment)
            SELECT l.phone, ?, ?, ?, ?, NULL FROM latest l LEFT JOIN outcomes o ON o.message_id = l.id
            WHERE l.n <= ? AND l.phone IN (SELECT phone FROM latest WHERE n = ?)
            GROUP BY l.phone
            HAVING count(CASE WHEN o.state IN ('failed', 'expired') THEN 1 END) = ?
            ORDER BY l.phone
            ON CONFLICT (phone, scope) DO NOTHING
            """, [SuppressionScope.all.rawValue, SuppressionReason.npai.rawValue, since, source, count, count, count])
        try db.execute("DROP TABLE texto_undelivered")
        return added
    }
}

extension IngestTransaction {
    /// Messages (test sends apart) sent before `deadline` with no final
    /// outcome: the 48 hours a network keeps trying have passed, they count
    /// as not delivered (expired). Returns their ids and numbers, by send time
    /// (the index on send times serves the query; by id it read the whole ledger).
    package func overdue(sentBefore deadline: String) throws -> [(id: String, phone: String)] {
        try db.all("""
            SELECT m.id, m.phone FROM messages m
            WHERE m.is_test = 0 AND m.scheduled_at < ?
              AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.message_id = m.id AND o.state IN ('delivered', 'failed', 'expired'))
            ORDER BY m.scheduled_at, m.id
            """, [deadline]).map { ($0[0], $0[1]) }
    }

    /// Marks a message expired without a report (no event).
    package func expire(_ id: String, at time: String) throws {
        try ColumnCheck.time(time, column: "at")
        try db.execute("""
            INSERT INTO outcomes (message_id, state, at, event_id, error_code, permanent) VALUES (?, 'expired', ?, NULL, NULL, 0)
            ON CONFLICT (message_id) DO UPDATE SET state = 'expired', at = excluded.at, event_id = NULL, error_code = NULL, permanent = 0
            """, [id, time])
    }
}

extension TextoStore {
    /// Runs `body` in one write transaction: everything it records is
    /// committed when it returns, nothing when it throws.
    package func recordIngest<T>(_ body: (IngestTransaction) throws -> T) throws -> T {
        let now = now
        return try writeWithoutForeignKeys { db in
            if db.dialect == .sqlite {
                // A million events, outcomes and SMSC ids: the default 2 MiB cache would read most pages again.
                try db.execute("PRAGMA cache_size = -\(Self.bulkCacheKiB)", [])
                try db.execute("PRAGMA ignore_check_constraints = ON", [])
            }
            defer {
                if db.dialect == .sqlite {
                    _ = try? db.execute("PRAGMA cache_size = -2000", [])
                    _ = try? db.execute("PRAGMA ignore_check_constraints = OFF", [])
                }
            }
            let ingest = try IngestTransaction(db, now: now)
            let result = try body(ingest)
            try ingest.finishReports()
            return result
        }
    }
}
