/// Which SQL the database speaks, where the two differ (the schema, the
/// bulk paths, the locks); the queries themselves are written once.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// One connection to the store's database, inside a transaction that
/// `TextoStore.read` or `write` opened: what the store's queries are
/// written against, the same on SQLite and PostgreSQL.
///
/// Statements are written with `?` placeholders, SQLite's way; the
/// PostgreSQL connection numbers them (`$1`...). Keep to SQL both run:
/// `ON CONFLICT`, `RETURNING`, `coalesce`, `CASE`, no SQLite-only
/// function, no boolean summed, every selected column grouped or
/// aggregated.
package protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs one statement; returns the rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int

    /// Runs statements without arguments, separated by `;` (a migration).
    func executeScript(_ sql: String) throws

    /// Runs a query, calling `body` with each row in turn (a million rows
    /// never sit in memory at once).
    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws

    /// The rows of a query that returns a few, copied, in one round trip.
    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [StoredRow]

    /// A statement run many times with other values (prepared once).
    func prepare(_ sql: String) throws -> any SQLStatement

    /// Rows for `table`, written many at a time: multi-row `INSERT`s on
    /// SQLite, `COPY` on PostgreSQL. `conflict` is what follows the rows
    /// (`ON CONFLICT ...`), or empty; the rows given must not repeat a key
    /// that `conflict` updates.
    func bulkInsert(into table: String, columns: [String], conflict: String) throws -> any BulkInsert
}

/// A prepared statement: values bound by position (from 1), then run.
package protocol SQLStatement: AnyObject {
    func bind(_ index: Int32, _ text: String?)
    func bind(_ index: Int32, _ number: Int?)
    func bind(_ index: Int32, _ number: Int64)
    /// Binds bytes as text; they are copied before this returns.
    func bind(_ index: Int32, _ bytes: UnsafeRawBufferPointer)
    /// Runs the statement with the values bound; returns the rows it changed.
    @discardableResult
    func run() throws -> Int
    /// Runs the query with the values bound, `body` reading each row.
    func forEachRow(_ body: (any SQLRow) throws -> Void) throws
}

/// Rows streamed into a table (`SQLConnection.bulkInsert`): per row, its
/// values in column order, then `endRow()`; `flush()` writes what waits
/// and returns the rows written so far (those a conflict left out apart).
package protocol BulkInsert: AnyObject {
    func text(_ bytes: UnsafeRawBufferPointer)
    func text(_ text: String?)
    func integer(_ number: Int64)
    func null()
    func endRow() throws
    @discardableResult
    func flush() throws -> Int
}

extension SQLConnection {
    /// Runs one statement without arguments; returns the rows it changed.
    @discardableResult
    func execute(_ sql: String) throws -> Int {
        try execute(sql, [])
    }

    /// Runs a query without arguments, calling `body` with each row in turn.
    func forEachRow(_ sql: String, _ body: (any SQLRow) throws -> Void) throws {
        try forEachRow(sql, [], body)
    }

    /// The rows of a query, copied (a query that returns a few).
    func all(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> [StoredRow] {
        try rows(sql, arguments)
    }

    /// The first row of a query, or nil.
    func first(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> StoredRow? {
        try rows(sql, arguments).first
    }

    /// The first column of a query's first row; nil when there is no row or it is NULL.
    func value<Value: SQLColumn>(_ type: Value.Type, _ sql: String, _ arguments: [any SQLArgument] = []) throws -> Value? {
        guard let value = try first(sql, arguments)?.values.first, value != .null else { return nil }
        return Value.decode(value)
    }

    /// The first column of every row (NULLs left out).
    func column<Value: SQLColumn>(_ type: Value.Type, _ sql: String, _ arguments: [any SQLArgument] = []) throws -> [Value] {
        try rows(sql, arguments).compactMap { $0.values[0] == .null ? nil : Value.decode($0.values[0]) }
    }
}

/// `?, ?, ?` for `count` values (an `IN` list).
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
