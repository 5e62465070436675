import GRDB

/// Rows for one table, written `rowsPerStatement` at a time by one
/// multi-row `INSERT ... VALUES (...), (...)`: for the bulk paths, where
/// SQLite's work per statement run (reset, statement journal, the VDBE
/// program's start) cost as much as the row itself. Values wait in Swift
/// until a statement's worth is there, or `flush()`.
///
/// A constraint that fails reports the statement, not the row; the
/// callers check their values before adding them (`ColumnCheck`).
final class BatchInsert {
    enum Value {
        case null
        case integer(Int64)
        case text(String)
    }

    private let db: Database
    private let head: String
    private let tail: String
    private let columns: Int
    private let rowsPerStatement: Int
    private var full: BoundStatement?
    private var pending: [Value] = []

    /// `head` is the statement up to `VALUES` (excluded), `tail` what
    /// follows the rows (`ON CONFLICT ...`).
    init(_ db: Database, head: String, columns: Int, tail: String = "", rowsPerStatement: Int = 50) {
        self.db = db
        self.head = head
        self.tail = tail
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        pending.reserveCapacity(columns * rowsPerStatement)
    }

    /// Adds a row (`columns` values, in order); writes a statement's worth when there is one.
    func add(_ row: Value...) throws {
        pending.append(contentsOf: row)
        if pending.count == columns * rowsPerStatement { try flush() }
    }

    /// Writes the rows waiting.
    func flush() throws {
        let rows = pending.count / columns
        guard rows > 0 else { return }
        let statement: BoundStatement
        if rows == rowsPerStatement {
            if full == nil { full = try BoundStatement(db, sql: sql(rows: rows)) }
            statement = full!
        } else {
            statement = try BoundStatement(db, sql: sql(rows: rows))
        }
        for (index, value) in pending.enumerated() {
            switch value {
            case .null: statement.bind(Int32(index + 1), nil as String?)
            case .integer(let number): statement.bind(Int32(index + 1), number)
            case .text(let text): statement.bind(Int32(index + 1), text)
            }
        }
        pending.removeAll(keepingCapacity: true)
        try statement.run()
    }

    private func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + (tail.isEmpty ? "" : " " + tail)
    }
}

extension BatchInsert.Value {
    init(_ text: String?) {
        self = text.map { .text($0) } ?? .null
    }
}
