import Foundation

/// One message of the ledger, as `texto-emit` records it.
package struct LedgerMessage: Sendable, Equatable {
    /// The message id Texto assigned (the gateway's client reference).
    package var id: String
    package var campaignID: String
    /// E.164, `+33630050660`.
    package var phone: String
    /// The contacts file and row the number came from (`_source`, `_row`).
    package var sourceFile: String?
    package var sourceRow: Int?
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    package var textLength: Int
    package var segments: Int
    /// `GSM7` or `UCS2`.
    package var encoding: String?
    package var scheduledAt: Date
    /// The gateway batch file that carries it.
    package var batchFile: String?
    /// The contact's name and postal code, when the file has them (the
    /// reports and the NPAI anomalies show them).
    package var contactName: String?
    package var postalCode: String?
    /// A test send (`--test-to`): never counted, never excluding anyone.
    package var isTest = false

    package init(
        id: String, campaignID: String, phone: String, sourceFile: String? = nil, sourceRow: Int? = nil,
        textLength: Int, segments: Int, encoding: String? = nil, scheduledAt: Date, batchFile: String? = nil,
        contactName: String? = nil, postalCode: String? = nil, isTest: Bool = false
    ) {
        self.id = id
        self.campaignID = campaignID
        self.phone = phone
        self.sourceFile = sourceFile
        self.sourceRow = sourceRow
        self.textLength = textLength
        self.segments = segments
        self.encoding = encoding
        self.scheduledAt = scheduledAt
        self.batchFile = batchFile
        self.contactName = contactName
        self.postalCode = postalCode
        self.isTest = isTest
    }
}

/// One batch file of an emit, as the manifest lists it.
package struct BatchFileRecord: Sendable, Equatable {
    package var campaignID: String
    package var name: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    package var sha256: String
    package var messages: Int
    package var firstSendAt: Date
    package var lastSendAt: Date

    package init(campaignID: String, name: String, sha256: String, messages: Int, firstSendAt: Date, lastSendAt: Date) {
        self.campaignID = campaignID
        self.name = name
        self.sha256 = sha256
        self.messages = messages
        self.firstSendAt = firstSendAt
        self.lastSendAt = lastSendAt
    }
}

/// The ledger rows of one emit, written as the emit streams its messages,
/// inside one write transaction: they are committed together with the
/// batch files' rows, or not at all.
package final class LedgerTransaction {
    let db: any SQLConnection
    let path: String
    let createdAt: String
    /// The campaigns messages may name (those in the store, and those
    /// recorded in this transaction).
    var campaigns: Set<String>
    /// One `INSERT` per message on SQLite (in-process, cheaper than
    /// batching them); a `COPY` on PostgreSQL (a round trip per message
    /// would cost more than the rest of the emit).
    private let insertMessage: (any SQLStatement)?
    /// PostgreSQL: the COPY of the current campaign's messages, and that campaign.
    private var copyMessages: (any BulkInsert)?
    private var copyCampaign: String?
    private let columns = ["id", "campaign_id", "phone", "source_file", "source_row", "text_length", "segments", "encoding",
                           "scheduled_at", "batch_file", "contact_name", "postal_code", "is_test", "created_at"]
    private var addedSoFar = 0
    /// Messages that were not in the ledger yet.
    package var added: Int {
        get throws {
            try endCopy()
            return addedSoFar
        }
    }
    /// About how many messages the ledger held before (the largest rowid).
    private let existing: Int
    /// The secondary indexes of `messages` dropped for a bulk load, with
    /// the statements that make them again; empty until then.
    private var droppedIndexes = DroppedIndexes()

    /// Messages recorded one by one before the load counts as bulk.
    static let bulkThreshold = 20_000

    init(_ db: any SQLConnection, path: String, createdAt: String) throws {
        self.db = db
        self.path = path
        self.createdAt = createdAt
        campaigns = Set(try db.column(String.self, "SELECT id FROM campaigns"))
        switch db.dialect {
        case .sqlite:
            existing = try db.value(Int.self, "SELECT max(rowid) FROM messages") ?? 0
            insertMessage = try db.prepare("""
                INSERT INTO messages (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))
                ON CONFLICT (id) DO NOTHING
                """)
            copyMessages = nil
        case .postgres:
            existing = 0
            insertMessage = nil
        }
    }

    /// The last scheduled time written, as text: messages at 50 per second
    /// share their second, and formatting it once per row showed in profiles.
    private var lastTime: (date: Date, text: String)?

    /// Records one message; one whose id is there already is left as it is
    /// (re-running the same emit changes nothing). Throws `.unknownCampaign`
    /// for a campaign that was not inserted first.
    ///
    /// Binds through SQLite's C API (`BoundStatement`).
    package func add(_ message: LedgerMessage) throws {
        try Self.check(message)
        guard campaigns.contains(message.campaignID) else {
            throw StoreError(.unknownCampaign, path: path, "message \(message.id) names campaign \(message.campaignID), which is not in the store",
                             hint: "Record the campaign before its messages.")
        }
        let scheduledAt: String
        if let lastTime, lastTime.date == message.scheduledAt {
            scheduledAt = lastTime.text
        } else {
            scheduledAt = StoreTime.text(message.scheduledAt)
            lastTime = (message.scheduledAt, scheduledAt)
        }
        guard let statement = insertMessage else { return try copy(message, scheduledAt: scheduledAt) }
        statement.bind(1, message.id)
        statement.bind(2, message.campaignID)
        statement.bind(3, message.phone)
        statement.bind(4, message.sourceFile)
        statement.bind(5, message.sourceRow)
        statement.bind(6, message.textLength)
        statement.bind(7, message.segments)
        statement.bind(8, message.encoding)
        statement.bind(9, scheduledAt)
        statement.bind(10, message.batchFile)
        statement.bind(11, message.contactName)
        statement.bind(12, message.postalCode)
        statement.bind(13, message.isTest ? 1 : 0)
        statement.bind(14, createdAt)
        addedSoFar += try statement.run()
        if addedSoFar == Self.bulkThreshold, droppedIndexes.isEmpty, addedSoFar * 4 >= existing { try beginBulkLoad() }
    }

    /// `add` on PostgreSQL: the message joins the `COPY`.
    private func copy(_ message: LedgerMessage, scheduledAt: String) throws {
        if copyCampaign != message.campaignID { try startCopy(campaign: message.campaignID) }
        let copy = copyMessages!
        copy.text(message.id)
        copy.text(message.campaignID)
        copy.text(message.phone)
        copy.text(message.sourceFile)
        if let row = message.sourceRow { copy.integer(Int64(row)) } else { copy.null() }
        copy.integer(Int64(message.textLength))
        copy.integer(Int64(message.segments))
        copy.text(message.encoding)
        copy.text(scheduledAt)
        copy.text(message.batchFile)
        copy.text(message.contactName)
        copy.text(message.postalCode)
        copy.integer(message.isTest ? 1 : 0)
        copy.text(createdAt)
        try copy.endRow()
    }

    /// A large load into a small ledger: SQLite's CHECK constraints give way
    /// to `check` (the same rules, on bytes), and the index of `messages`
    /// by number is dropped, to be made again in one sorted pass by
    /// `finish()`: inserting a million random keys into it one by one costs
    /// several times more (Benchmarks/README.md). The other indexes stay:
    /// the primary key (for `ON CONFLICT`; its keys are random, but it
    /// cannot go), and those an emit appends to (by campaign, by send
    /// time). Everything happens inside the transaction: a rollback brings
    /// the index back as it was.
    private func beginBulkLoad() throws {
        try db.execute("PRAGMA ignore_check_constraints = ON")
        try droppedIndexes.drop(["messages_by_phone"], in: db)
    }

    /// A campaign's messages on PostgreSQL: straight into `messages` when
    /// the ledger has none of the campaign's yet (its ids are new: an id is
    /// the campaign's and the number's, and the emit sends a number once),
    /// else through `ON CONFLICT (id) DO NOTHING` (a re-run). The ledger's
    /// campaign lock keeps any other writer of the campaign waiting.
    private func startCopy(campaign: String) throws {
        try endCopy()
        let fresh = !(try db.value(Bool.self, "SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ?)", [campaign]) ?? false)
        copyMessages = try db.bulkInsert(into: "messages", columns: columns, conflict: fresh ? "" : "ON CONFLICT (id) DO NOTHING")
        copyCampaign = campaign
    }

    /// Writes the messages waiting in the current COPY; counts them.
    private func endCopy() throws {
        guard let copy = copyMessages else { return }
        addedSoFar += try copy.flush()
        copyMessages = nil
        copyCampaign = nil
    }

    /// Makes the dropped indexes again and puts the CHECK constraints back;
    /// `recordLedger` calls it before the commit.
    func finish() throws {
        try endCopy()
        guard db.dialect == .sqlite else { return }
        try droppedIndexes.remake(in: db)
        try db.execute("PRAGMA ignore_check_constraints = OFF")
    }

    /// The CHECK constraints of `messages` (Schema.v1, v2) on a message
    /// Texto writes, so that they hold while SQLite's are off in a bulk
    /// load; a row that breaks one fails as SQLite would fail it.
    static func check(_ message: LedgerMessage) throws {
        try ColumnCheck.phone(message.phone)
        guard !message.id.isEmpty else { throw ColumnCheck.failure("id") }
        guard message.textLength >= 0 else { throw ColumnCheck.failure("text_length") }
        guard message.segments >= 1 else { throw ColumnCheck.failure("segments") }
        if let row = message.sourceRow, row < 1 { throw ColumnCheck.failure("source_row") }
        if let encoding = message.encoding, encoding != "GSM7" && encoding != "UCS2" { throw ColumnCheck.failure("encoding") }
    }

    /// Records a batch file of the emit (after its messages).
    package func add(_ file: BatchFileRecord) throws {
        try db.execute("""
            INSERT INTO batch_files (campaign_id, name, sha256, messages, first_send_at, last_send_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (campaign_id, name) DO NOTHING
            """, [file.campaignID, file.name, file.sha256, file.messages,
                             StoreTime.text(file.firstSendAt), StoreTime.text(file.lastSendAt), createdAt])
    }
}

extension TextoStore {
    /// Pages SQLite may keep in memory during a bulk write: 128 MiB, so that
    /// the ledger's primary key, whose keys come in random order, stays in
    /// memory for a million messages (SQLite's default is 2 MiB), while the
    /// memory of an emit stays bounded whatever its size. 1 GiB was 3% faster
    /// for a million messages, with 460 MB of peak memory instead of 275.
    static let bulkCacheKiB = 1 << 17

    /// Runs `body` in one write transaction: everything it records is
    /// committed when it returns, nothing when it throws.
    package func recordLedger<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        let createdAt = now
        return try write { db in
            if db.dialect == .sqlite { try db.execute("PRAGMA cache_size = -\(Self.bulkCacheKiB)") }
            defer {
                if db.dialect == .sqlite {
                    _ = try? db.execute("PRAGMA cache_size = -2000")
                    _ = try? db.execute("PRAGMA ignore_check_constraints = OFF")
                }
            }
            let ledger = try LedgerTransaction(db, path: path, createdAt: createdAt)
            let result = try body(ledger)
            try ledger.finish()
            return result
        }
    }

    /// Records messages in the ledger, in one transaction; a message whose
    /// id is already there is left as it is (re-running the same emit
    /// changes nothing). Returns how many were new.
    ///
    /// Throws `.unknownCampaign` when a message names a campaign that was
    /// not inserted first (`insertCampaign`); nothing is recorded then.
    @discardableResult
    package func recordMessages(_ messages: [LedgerMessage]) throws -> Int {
        try recordLedger { ledger in
            for message in messages { try ledger.add(message) }
            return try ledger.added
        }
    }

    /// The batch files recorded for `campaign`, by name.
    package func batchFiles(campaign: String) throws -> [BatchFileRecord] {
        try read { db in
            try db.all("""
                SELECT name, sha256, messages, first_send_at, last_send_at FROM batch_files WHERE campaign_id = ? ORDER BY name
                """, [campaign]).map { BatchFileRecord(campaignID: campaign, row: $0) }
        }
    }

    /// E.164 integers that received any message of these campaigns (ledger;
    /// test sends do not count).
    public func recipients(ofCampaigns ids: [String]) throws -> Set<UInt64> {
        let ids = Array(Set(ids))
        return try read { db in
            var result: Set<UInt64> = []
            // SQLite allows 32,766 parameters; a few hundred at a time is plenty.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                try db.forEachRow("SELECT DISTINCT phone FROM messages WHERE campaign_id IN (\(placeholders(chunk.count))) AND is_test = 0", chunk) { row in
                    if let number = Self.integer(e164: row.bytes(0)) { result.insert(number) }
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
            try db.forEachRow("SELECT phone, count(*) FROM messages WHERE scheduled_at >= ? AND is_test = 0 GROUP BY phone",
                              [StoreTime.lowerBound(since)]) { row in
                if let number = Self.integer(e164: row.bytes(0)) { counts[number] = Int(row.integer(1)) }
            }
            return counts
        }
    }
}
