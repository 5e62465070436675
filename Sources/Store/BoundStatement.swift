import GRDB
import GRDBSQLite

/// A prepared statement run through SQLite's C API, for the bulk paths
/// (the ledger of an emit, the events of an ingest): GRDB's
/// `StatementArguments` boxes every value, which costs more than SQLite's
/// own work for a row. Values stay bound across runs (`sqlite3_reset`
/// keeps them), so a value common to many rows is bound once.
struct BoundStatement {
    let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(index, UnsafeRawBufferPointer($0)) }
    }

    /// Binds bytes as text; SQLite copies them before this returns.
    func bind(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        // SQLITE_TRANSIENT: SQLite takes its own copy.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            _ = sqlite3_bind_text(handle, index, "", 0, transient)   // '' (a null pointer would be NULL)
            return
        }
        _ = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
    }

    /// Binds bytes as text without a copy: they must stay as they are until
    /// the statement has run.
    func bindNoCopy(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return bind(index, bytes) }
        _ = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)  // SQLITE_STATIC
    }

    func bind(_ index: Int32, _ number: Int?) {
        if let number { sqlite3_bind_int64(handle, index, Int64(number)) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ number: Int64) {
        sqlite3_bind_int64(handle, index, number)
    }

    /// Runs the statement with the values bound; returns the rows it changed.
    @discardableResult
    func run() throws -> Int {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}

extension BoundStatement {
    /// Steps through the rows of a query with the values bound, `body`
    /// reading each through `BoundRow` (valid only during the call).
    func forEachRow(_ body: (BoundRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            try body(BoundRow(handle: handle))
        }
    }
}

/// The current row of a `BoundStatement` query.
struct BoundRow {
    fileprivate let handle: SQLiteStatement

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column's text bytes (empty for NULL), valid until the next step.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func integer(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func text(_ column: Int32) -> String? {
        isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self)
    }
}
