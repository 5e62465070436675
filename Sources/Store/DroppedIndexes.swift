/// Indexes dropped for a bulk load inside a write transaction, to be made
/// again in one sorted pass before the commit: inserting a million random
/// keys into an index one by one costs several times more. A rollback
/// brings them back as they were. SQLite only (it reads `sqlite_master`).
struct DroppedIndexes {
    /// The statements that make them again.
    private var statements: [String] = []

    var isEmpty: Bool { statements.isEmpty }

    /// Drops the indexes named (those the store has).
    mutating func drop(_ names: [String], in db: any SQLConnection) throws {
        for name in names {
            guard let sql = try db.value(String.self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name])
            else { continue }
            try db.execute("DROP INDEX \(name)", [])
            statements.append(sql)
        }
    }

    /// Makes them again.
    mutating func remake(in db: any SQLConnection) throws {
        for statement in statements { try db.executeScript(statement) }
        statements = []
    }
}
