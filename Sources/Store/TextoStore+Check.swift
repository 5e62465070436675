import GRDB

/// What `check` found.
public struct StoreCheck: Sendable, Equatable {
    /// `PRAGMA user_version`.
    public var schemaVersion: Int
    /// Rows per table, for the summary line.
    public var rows: [String: Int]
    /// One sentence per problem; empty when the store is sound.
    public var problems: [String]

    public var isSound: Bool { problems.isEmpty }
}

extension TextoStore {
    /// The tables of the schema, in the order a reader meets them.
    public static let tables = [
        "campaigns", "messages", "batch_files", "events", "outcomes", "replies", "suppressions", "suppression_hashes",
        "ingested_files", "submissions", "campaign_runs", "pipeline_numbers",
        "campaign_states",
    ]

    /// Checks the store: SQLite's `integrity_check` (pages, indexes,
    /// `CHECK` and `NOT NULL` constraints), `foreign_key_check`, the schema
    /// version, and that the erasure key is there when opt-outs were erased.
    /// Reads only.
    public func check() throws -> StoreCheck {
        try read { db in
            var problems: [String] = []
            for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
                problems.append("integrity: \(line)")
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row")
            }
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version != Schema.version {
                problems.append("schema: version \(version), this Texto writes version \(Schema.version)")
            }
            do {
                _ = try erasureKey(db, create: false)
            } catch let error as StoreError {
                problems.append("erasure key: \(error)")
            }
            var rows: [String: Int] = [:]
            for table in Self.tables {
                rows[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return StoreCheck(schemaVersion: version, rows: rows, problems: problems)
        }
    }
}
