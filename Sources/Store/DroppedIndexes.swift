import GRDB

/// Indexes dropped for a bulk load inside a write transaction, to be made
/// again in one sorted pass before the commit: inserting a million random
/// keys into an index one by one costs several times more. A rollback
/// brings them back as they were.
struct DroppedIndexes {
    /// The statements that make them again.
    private var statements: [String] = []

    var isEmpty: Bool { statements.isEmpty }

    /// Drops the indexes named (those the store has).
    mutating func drop(_ names: [String], in db: Database) throws {
        for name in names {
            guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
            else { continue }
            try db.execute(sql: "DROP INDEX \(name)")
            statements.append(sql)
        }
    }

    /// Makes them again.
    mutating func remake(in db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
        statements = []
    }
}
