import GRDB
import GRDBSQLite

/// A prepared statement run through SQLite's C API: GRDB's
/// `StatementArguments` boxes every value, which costs more than SQLite's
/// own work for a row on the bulk paths (the ledger of an emit, the events
/// of an ingest). Values stay bound across runs (`sqlite3_reset` keeps
/// them), so a value common to many rows is bound once.
final class BoundStatement: SQLStatement {
    let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String, cached: Bool = false) throws {
        self.db = db
        statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(index, UnsafeRawBufferPointer($0)) }
    }

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

    func bind(_ index: Int32, _ value: SQLValue) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .real(let number): sqlite3_bind_double(handle, index, number)
        case .text(let text): bind(index, text)
        }
    }

    /// Binds `arguments` to `?1`, `?2`...
    func bind(_ arguments: [any SQLArgument]) {
        for (index, argument) in arguments.enumerated() { bind(Int32(index + 1), argument.sqlValue) }
    }

    @discardableResult
    func run() throws -> Int {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    func forEachRow(_ body: (any SQLRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        let row = SQLiteRow(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            try body(row)
        }
    }
}



/// The current row of a `BoundStatement` query.
struct SQLiteRow: SQLRow {
    fileprivate let handle: SQLiteStatement

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL
    }

    func bytes(_ column: Int) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, Int32(column)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, Int32(column))))
    }

    func integer(_ column: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(column))
    }

    func real(_ column: Int) -> Double {
        sqlite3_column_double(handle, Int32(column))
    }

    func name(_ column: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(column)))
    }

    func value(_ column: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(column)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(integer(column))
        case SQLITE_FLOAT: return .real(real(column))
        default: return .text(String(decoding: bytes(column), as: UTF8.self))
        }
    }
}

/// The store's connection on SQLite: GRDB's, within one of its transactions.
final class SQLiteConnection: SQLConnection {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        let statement = try BoundStatement(db, sql: sql, cached: true)
        statement.bind(arguments)
        return try statement.run()
    }

    func executeScript(_ sql: String) throws {
        try db.execute(sql: sql)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        let statement = try BoundStatement(db, sql: sql, cached: true)
        statement.bind(arguments)
        try statement.forEachRow(body)
    }

    func prepare(_ sql: String) throws -> any SQLStatement {
        try BoundStatement(db, sql: sql)
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [StoredRow] {
        var rows: [StoredRow] = []
        var names: [String]?
        try forEachRow(sql, arguments) { row in
            if names == nil { names = (0..<row.columnCount).map(row.name) }
            rows.append(row.values(names: names!))
        }
        return rows
    }

    func bulkInsert(into table: String, columns: [String], conflict: String) throws -> any BulkInsert {
        SQLiteBatchInsert(db, head: "INSERT INTO \(table) (\(columns.joined(separator: ", ")))", columns: columns.count, tail: conflict)
    }
}
