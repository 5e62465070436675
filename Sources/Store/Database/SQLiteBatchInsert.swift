import GRDB

/// Rows for one table, written `rowsPerStatement` at a time by one
/// multi-row `INSERT ... VALUES (...), (...)`: for the bulk paths, where
/// SQLite's work per statement run (reset, statement journal, the VDBE
/// program's start) cost as much as the row itself. A row is given value
/// by value (`text`, `integer`, `null`, then `endRow`); values wait in one
/// byte arena, with no object per value, until a statement's worth is
/// there, or `flush()`.
///
/// A constraint that fails reports the statement, not the row; the
/// callers check their values before adding them (`ColumnCheck`).
final class SQLiteBatchInsert: BulkInsert {
    private enum Slot {
        case null
        case integer(Int64)
        case text(start: Int, count: Int)
    }

    private let db: Database
    private let head: String
    private let tail: String
    private let columns: Int
    private let rowsPerStatement: Int
    private var full: BoundStatement?
    private var written = 0
    // Touched several times per row: Swift's run-time exclusivity checks on
    // them showed in profiles, and nothing here is reentrant.
    @exclusivity(unchecked) private var slots: [Slot] = []
    @exclusivity(unchecked) private var arena: [UInt8] = []

    /// `head` is the statement up to `VALUES` (excluded), `tail` what
    /// follows the rows (`ON CONFLICT ...`).
    init(_ db: Database, head: String, columns: Int, tail: String = "", rowsPerStatement: Int = 50) {
        self.db = db
        self.head = head
        self.tail = tail
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        slots.reserveCapacity(columns * rowsPerStatement)
    }

    func text(_ bytes: UnsafeRawBufferPointer) {
        slots.append(.text(start: arena.count, count: bytes.count))
        arena.append(contentsOf: bytes)
    }

    func text(_ text: String?) {
        guard var text else { return null() }
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

    func integer(_ number: Int64) {
        slots.append(.integer(number))
    }

    func null() {
        slots.append(.null)
    }

    /// Ends a row (`columns` values given since the last); writes a statement's worth when there is one.
    func endRow() throws {
        precondition(slots.count % columns == 0, "a row of \(columns) values")
        if slots.count == columns * rowsPerStatement { _ = try flush() }
    }

    /// Writes the rows waiting.
    @discardableResult
    func flush() throws -> Int {
        let rows = slots.count / columns
        guard rows > 0 else { return written }
        let statement: BoundStatement
        if rows == rowsPerStatement {
            if full == nil { full = try BoundStatement(db, sql: sql(rows: rows)) }
            statement = full!
        } else {
            statement = try BoundStatement(db, sql: sql(rows: rows))
        }
        // The texts are bound where they are in the arena, which stays as it is until the statement has run.
        try arena.withUnsafeBytes { arena in
            for (index, slot) in slots.enumerated() {
                switch slot {
                case .null: statement.bind(Int32(index + 1), nil as String?)
                case .integer(let number): statement.bind(Int32(index + 1), number)
                case .text(let start, let count): statement.bindNoCopy(Int32(index + 1), UnsafeRawBufferPointer(rebasing: arena[start..<start + count]))
                }
            }
            written += try statement.run()
        }
        slots.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        return written
    }

    private func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + (tail.isEmpty ? "" : " " + tail)
    }
}
