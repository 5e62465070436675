
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

    /// Checks the store: on SQLite, its `integrity_check` (pages, indexes,
    /// `CHECK` and `NOT NULL` constraints) and `foreign_key_check`; on
    /// PostgreSQL (which enforces every constraint as it writes), that no
    /// constraint is left unvalidated and no index invalid (a failed
    /// build); on both, the schema version, and that the erasure key is
    /// there when opt-outs were erased. Reads only.
    public func check() throws -> StoreCheck {
        try read { db in
            var problems: [String] = []
            let version: Int
            switch db.dialect {
            case .sqlite:
                for line in try db.column(String.self, "PRAGMA integrity_check") where line != "ok" {
                    problems.append("integrity: \(line)")
                }
                for row in try db.all("PRAGMA foreign_key_check") {
                    let table: String = row[0]
                    let rowid: Int64? = row[1]
                    let parent: String = row[2]
                    problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row")
                }
                version = try db.value(Int.self, "PRAGMA user_version") ?? 0
            case .postgres:
                for row in try db.all("""
                    SELECT c.conname, t.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                    WHERE NOT c.convalidated AND t.relnamespace = current_schema()::regnamespace ORDER BY 2, 1
                    """) {
                    problems.append("integrity: constraint \(row[0] as String) of \(row[1] as String) is not validated")
                }
                for index in try db.column(String.self, """
                    SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE NOT (x.indisvalid AND x.indisready) AND i.relnamespace = current_schema()::regnamespace ORDER BY 1
                    """) {
                    problems.append("integrity: index \(index) is invalid (REINDEX it)")
                }
                for reference in PostgresSchema.uncheckedReferences {
                    let orphans = try db.value(Int.self, """
                        SELECT count(*) FROM \(reference.table) c WHERE c.\(reference.column) IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM \(reference.parent) p WHERE p.\(reference.key) = c.\(reference.column))
                        """) ?? 0
                    if orphans > 0 {
                        problems.append("foreign key: \(orphans) \(reference.table) rows refer to a missing \(reference.parent) row (\(reference.column))")
                    }
                }
                version = try db.value(Int.self, "SELECT CAST(value AS INTEGER) FROM texto_meta WHERE key = 'schema_version'") ?? 0
            }
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
                rows[table] = try db.value(Int.self, "SELECT count(*) FROM \(table)") ?? 0
            }
            return StoreCheck(schemaVersion: version, rows: rows, problems: problems)
        }
    }
}
