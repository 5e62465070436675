import CLibPQ
import Foundation

/// A failure PostgreSQL reported: its SQLSTATE (`23505`, `08006`...), its
/// message, and the statement that failed.
struct PostgresError: Error, CustomStringConvertible {
    var sqlState: String
    var message: String
    var sql: String?

    var description: String { "\(message) [SQLSTATE \(sqlState)]" }

    /// The SQLSTATE's class: `08` connection, `23` constraint, `28` authorization, `40` rollback...
    var sqlClass: Substring { sqlState.prefix(2) }
}

/// The store's connection on PostgreSQL, through libpq, synchronous like
/// the stages. Values go as text and results come as text (PostgreSQL's
/// text forms are what the store keeps: ISO times, E.164 numbers, decimal
/// integers). Queries read their rows through a cursor, a batch at a
/// time, so a million rows never sit in memory at once and a query may run
/// inside another's loop.
///
/// Not thread-safe: `TextoStore` serialises its use.
final class PostgresConnection: SQLConnection {
    private let connection: OpaquePointer
    /// The statements prepared on this connection, by their SQL.
    private var prepared: [String: String] = [:]
    private var cursors = 0
    private var stages = 0
    /// A `COPY` under way: the connection takes no other statement until
    /// it ends, so any other statement ends it first (its rows are then
    /// in the table, as a statement after an `INSERT` expects).
    weak var activeCopy: PostgresCopy?

    /// Connects with a libpq connection URI (`postgres://user@host:5432/db?sslmode=require`).
    /// The password comes from `PGPASSWORD` or the password file (`PGPASSFILE`, `~/.pgpass`), as libpq reads them.
    init(uri: String) throws {
        guard let connection = PQconnectdb(uri) else {
            throw PostgresError(sqlState: "08000", message: "libpq could not allocate a connection")
        }
        self.connection = connection
        guard PQstatus(connection) == CONNECTION_OK else {
            // (`deinit` closes it: every property is set, so it runs when init throws.)
            let message = Self.trimmed(PQerrorMessage(connection))
            // libpq says no SQLSTATE for a refused login: tell it from its words.
            let state = message.contains("password") || message.contains("authentication") ? "28P01"
                : message.contains("does not exist") ? "3D000" : "08006"
            throw PostgresError(sqlState: state, message: message)
        }
        try execute("SET client_encoding = 'UTF8'", [])
        try execute("SET standard_conforming_strings = on", [])
        // Texto's times are ISO text; nothing depends on the server's zone, but a session's `now()` reads the same everywhere.
        try execute("SET TIME ZONE 'UTC'", [])
    }

    deinit {
        PQfinish(connection)
    }

    var dialect: SQLDialect { .postgres }

    // MARK: - Statements

    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        let result = try runCached(sql, arguments.map { Self.parameter($0.sqlValue) })
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The rows of a query at once, without a cursor (one round trip): for
    /// the queries that return a few (`first`, `value`, `all`).
    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [StoredRow] {
        let result = try runCached(sql, arguments.map { Self.parameter($0.sqlValue) })
        defer { PQclear(result) }
        var rows: [StoredRow] = []
        var names: [String]?
        Self.forEachRow(of: result) { row in
            if names == nil { names = (0..<row.columnCount).map(row.name) }
            rows.append(row.values(names: names!))
        }
        return rows
    }

    /// Statements seen once, then prepared on their second run: the
    /// statements an ingest runs per reply or per number are parsed and
    /// planned once, not every time.
    private var seenOnce: Set<String> = []

    /// Runs `sql`, prepared when it was run before (a statement PostgreSQL
    /// can prepare: SELECT, INSERT, UPDATE, DELETE).
    private func runCached(_ sql: String, _ texts: [[CChar]?]) throws -> OpaquePointer? {
        if let name = prepared[sql] { return try runPrepared(name, texts, sql: sql) }
        let preparable = Self.isQuery(sql) || ["INSERT", "UPDATE", "DELETE"].contains { Self.keyword(sql).hasPrefix($0) }
        guard preparable, prepared.count < 500, !seenOnce.insert(sql).inserted else {
            return try run(Self.numbered(sql), texts, sql: sql)
        }
        let name = try prepareNamed(sql)
        return try runPrepared(name, texts, sql: sql)
    }

    /// Prepares `sql` on the server once; its statement's name.
    private func prepareNamed(_ sql: String) throws -> String {
        if let known = prepared[sql] { return known }
        let name = "texto_statement_\(prepared.count + 1)"
        try endCopy()
        let result = PQprepare(connection, name, Self.numbered(sql), 0, nil)
        defer { PQclear(result) }
        try check(result, sql: sql)
        prepared[sql] = name
        return name
    }

    func executeScript(_ sql: String) throws {
        try endCopy()
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        try forEachRow(declaring: Self.numbered(sql), arguments.map { Self.parameter($0.sqlValue) }, sql: sql, body)
    }

    /// Rows read per round trip.
    static let batchRows = 20_000

    fileprivate func forEachRow(declaring numbered: String, _ texts: [[CChar]?], sql: String,
                                _ body: (any SQLRow) throws -> Void) throws {
        // A cursor lives in a transaction and reads a SELECT; outside one (a
        // session lock), or for an INSERT ... RETURNING, the rows come at once.
        if PQtransactionStatus(connection) == PQTRANS_IDLE || !Self.isQuery(numbered) {
            let result = try run(numbered, texts, sql: sql)
            defer { PQclear(result) }
            try Self.forEachRow(of: result, body)
            return
        }
        cursors += 1
        let cursor = "texto_cursor_\(cursors)"
        PQclear(try run("DECLARE \(cursor) NO SCROLL CURSOR FOR \(numbered)", texts, sql: sql))
        defer {
            cursors -= 1
            PQclear(PQexec(connection, "CLOSE \(cursor)"))
        }
        while true {
            let result = try run("FETCH FORWARD \(Self.batchRows) FROM \(cursor)", [], sql: sql)
            defer { PQclear(result) }
            if try Self.forEachRow(of: result, body) < Self.batchRows { return }
        }
    }

    /// Calls `body` with each row of `result`; returns how many there were.
    @discardableResult
    static func forEachRow(of result: OpaquePointer?, _ body: (any SQLRow) throws -> Void) rethrows -> Int32 {
        let rows = PQntuples(result)
        var row = PostgresRow(result: result, row: 0, columns: PQnfields(result))
        for index in 0..<rows {
            row.row = index
            try body(row)
        }
        return rows
    }

    func prepare(_ sql: String) throws -> any SQLStatement {
        PostgresStatement(connection: self, name: try prepareNamed(sql), sql: sql)
    }

    func bulkInsert(into table: String, columns: [String], conflict: String) throws -> any BulkInsert {
        stages += 1
        return try PostgresCopy(connection: self, table: table, columns: columns, conflict: conflict, stage: "texto_stage_\(stages)")
    }

    /// Ends the COPY under way, if any (its rows go into their table).
    func endCopy() throws {
        guard let copy = activeCopy else { return }
        activeCopy = nil
        try copy.flush()
    }

    // MARK: - Transactions

    func begin(readOnly: Bool) throws {
        // A read sees one snapshot, as SQLite's read transactions do.
        try execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", [])
    }

    func commit() throws {
        try execute("COMMIT", [])
    }

    func rollback() {
        if activeCopy != nil {
            activeCopy = nil
            _ = PQputCopyEnd(connection, "rolled back")
            while let result = PQgetResult(connection) { PQclear(result) }
        }
        PQclear(PQexec(connection, "ROLLBACK"))
    }

    // MARK: - libpq

    /// Runs `numbered` with `values` as text parameters; the result is the caller's to clear.
    func run(_ numbered: String, _ texts: [[CChar]?], sql: String) throws -> OpaquePointer? {
        try checked(sql: sql) {
            withParameters(texts) { PQexecParams(connection, numbered, Int32($0.count), nil, $0, nil, nil, 0) }
        }
    }

    /// Runs a prepared statement with text parameters; the result is the caller's to clear.
    func runPrepared(_ name: String, _ texts: [[CChar]?], sql: String) throws -> OpaquePointer? {
        try checked(sql: sql) {
            withParameters(texts) { PQexecPrepared(connection, name, Int32($0.count), $0, nil, nil, 0) }
        }
    }

    /// The result of `execute` once a COPY under way has ended; cleared and thrown when it is a failure.
    private func checked(sql: String, _ execute: () -> OpaquePointer?) throws -> OpaquePointer? {
        try endCopy()
        let result = execute()
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    private func withParameters<T>(_ texts: [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        // Each text stays in its array while libpq reads it.
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(texts.count)
        func next(_ index: Int) -> T {
            guard index < texts.count else { return body(pointers) }
            guard let text = texts[index] else {
                pointers.append(nil)
                return next(index + 1)
            }
            return text.withUnsafeBufferPointer { buffer in
                pointers.append(buffer.baseAddress)
                return next(index + 1)
            }
        }
        return next(0)
    }

    /// A value as libpq's text parameter; nil is NULL.
    static func parameter(_ value: SQLValue) -> [CChar]? {
        switch value {
        case .null: return nil
        case .integer(let number): return Array(String(number).utf8CString)
        case .real(let number): return Array(String(number).utf8CString)
        case .text(let text): return Array(nulFree(text).utf8CString)
        }
    }

    /// PostgreSQL's text holds no NUL character, which SQLite's does: one becomes U+FFFD.
    static func nulFree(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    func check(_ result: OpaquePointer?, sql: String?) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_EMPTY_QUERY:
            return
        default:
            throw error(result, sql: sql)
        }
    }

    func error(_ result: OpaquePointer?, sql: String?) -> PostgresError {
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let message = result.map { Self.trimmed(PQresultErrorMessage($0)) } ?? ""
        return PostgresError(sqlState: state ?? (PQstatus(connection) == CONNECTION_BAD ? "08006" : "XX000"),
                             message: message.isEmpty ? Self.trimmed(PQerrorMessage(connection)) : message, sql: sql)
    }

    var raw: OpaquePointer { connection }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }

    /// The statement's first word, upper-cased (its first six letters).
    private static func keyword(_ sql: String) -> String {
        sql.drop { $0.isWhitespace || $0 == "(" }.prefix(6).uppercased()
    }

    /// True for a statement a cursor can read: a SELECT (or WITH ... SELECT, VALUES).
    static func isQuery(_ sql: String) -> Bool {
        let head = keyword(sql)
        return head.hasPrefix("SELECT") || head.hasPrefix("WITH") || head.hasPrefix("VALUES")
    }

    /// SQLite's `?` placeholders as PostgreSQL's `$1`, `$2`... (outside quotes and comments).
    static func numbered(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        var quote: UInt8?
        var comment = false
        for byte in sql.utf8 {
            if comment {
                if byte == UInt8(ascii: "\n") { comment = false }
            } else if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "-"), output.last == UInt8(ascii: "-") {
                comment = true
            } else if byte == UInt8(ascii: "?") {
                count += 1
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(count).utf8)
                continue
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A statement prepared on the server, run with text parameters.
final class PostgresStatement: SQLStatement {
    private let connection: PostgresConnection
    private let name: String
    private let sql: String
    private var texts: [[CChar]?] = []

    init(connection: PostgresConnection, name: String, sql: String) {
        self.connection = connection
        self.name = name
        self.sql = sql
    }

    private func set(_ index: Int32, _ text: [CChar]?) {
        let slot = Int(index) - 1
        if texts.count <= slot { texts += repeatElement(nil, count: slot + 1 - texts.count) }
        texts[slot] = text
    }

    func bind(_ index: Int32, _ text: String?) {
        set(index, text.flatMap { PostgresConnection.parameter(.text($0)) })
    }

    func bind(_ index: Int32, _ number: Int?) {
        set(index, number.map { Array(String($0).utf8CString) })
    }

    func bind(_ index: Int32, _ number: Int64) {
        set(index, Array(String(number).utf8CString))
    }

    func bind(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        bind(index, String(decoding: bytes, as: UTF8.self))
    }

    @discardableResult
    func run() throws -> Int {
        let result = try connection.runPrepared(name, texts, sql: sql)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Through a cursor, as `PostgresConnection.forEachRow`: a prepared
    /// query may return a campaign's million messages.
    func forEachRow(_ body: (any SQLRow) throws -> Void) throws {
        try connection.forEachRow(declaring: PostgresConnection.numbered(sql), texts, sql: sql, body)
    }
}

/// One row of a PostgreSQL result, in text format.
struct PostgresRow: SQLRow {
    let result: OpaquePointer?
    var row: Int32
    let columns: Int32

    var columnCount: Int { Int(columns) }

    func isNull(_ column: Int) -> Bool {
        PQgetisnull(result, row, Int32(column)) != 0
    }

    func bytes(_ column: Int) -> UnsafeRawBufferPointer {
        guard let value = PQgetvalue(result, row, Int32(column)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, row, Int32(column))))
    }

    /// Read from the text's bytes (a report reads two per message); a
    /// boolean is 1 or 0, and anything else (a numeric) goes through `SQLValue`.
    func integer(_ column: Int) -> Int64 {
        if isNull(column) { return 0 }
        let text = bytes(column)
        var value: Int64 = 0
        var digits = text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
        if text.count == 1, text[0] == UInt8(ascii: "t") || text[0] == UInt8(ascii: "f") { return text[0] == UInt8(ascii: "t") ? 1 : 0 }
        guard !digits.isEmpty, digits.count <= 18 else { return Int64.decode(.text(String(decoding: text, as: UTF8.self))) }
        while let byte = digits.popFirst() {
            guard byte &- UInt8(ascii: "0") < 10 else { return Int64.decode(.text(String(decoding: text, as: UTF8.self))) }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return text.first == UInt8(ascii: "-") ? -value : value
    }

    func real(_ column: Int) -> Double {
        isNull(column) ? 0 : Double(String(decoding: bytes(column), as: UTF8.self)) ?? 0
    }

    func name(_ column: Int) -> String {
        String(cString: PQfname(result, Int32(column)))
    }

    func value(_ column: Int) -> SQLValue {
        if isNull(column) { return .null }
        let text = String(decoding: bytes(column), as: UTF8.self)
        switch PQftype(result, Int32(column)) {
        case 20, 21, 23, 26: return .integer(Int64(text) ?? 0)               // int8, int2, int4, oid
        case 16: return .integer(text == "t" ? 1 : 0)                       // bool
        case 700, 701: return .real(Double(text) ?? 0)                      // float4, float8
        case 1700: return Int64(text).map(SQLValue.integer) ?? .real(Double(text) ?? 0)  // numeric: sum() of integers
        default: return .text(text)
        }
    }
}
