import CLibPQ

/// Rows streamed into a table with `COPY ... FROM STDIN` (text format), the
/// bulk path on PostgreSQL: a million rows cost one statement, not a
/// million round trips. Without a conflict clause the rows go straight
/// into the table; with one (`ON CONFLICT ...`), into a temporary table
/// dropped at the commit, then into the table by one
/// `INSERT ... SELECT ... ON CONFLICT`.
final class PostgresCopy: BulkInsert {
    private let connection: PostgresConnection
    private let table: String
    private let columns: [String]
    private let conflict: String
    private let stage: String
    private var copying = false
    private var staged = false
    private var values = 0
    private var written = 0
    @exclusivity(unchecked) private var buffer: [UInt8] = []

    /// Bytes sent to the server at a time.
    private static let chunk = 1 << 18

    init(connection: PostgresConnection, table: String, columns: [String], conflict: String, stage: String) throws {
        self.connection = connection
        self.table = table
        self.columns = columns
        self.conflict = conflict
        self.stage = stage
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    private var target: String { conflict.isEmpty ? table : stage }

    private func separate() {
        if values > 0 { buffer.append(UInt8(ascii: "\t")) }
        values += 1
    }

    func text(_ bytes: UnsafeRawBufferPointer) {
        separate()
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            case 0: buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD: PostgreSQL's text holds no NUL
            default: buffer.append(byte)
            }
        }
    }

    func text(_ text: String?) {
        guard var text else { return null() }
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

    func integer(_ number: Int64) {
        separate()
        buffer.append(contentsOf: String(number).utf8)
    }

    func null() {
        separate()
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "N"))
    }

    func endRow() throws {
        precondition(values == columns.count, "a row of \(columns.count) values")
        values = 0
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunk { try send() }
    }

    private func start() throws {
        try connection.endCopy()
        if !conflict.isEmpty && !staged {
            // The table's columns and types, none of its constraints: the INSERT below checks them.
            try connection.execute("""
                CREATE TEMPORARY TABLE \(stage) ON COMMIT DROP AS SELECT \(columns.joined(separator: ", ")) FROM \(table) WITH NO DATA
                """, [])
            staged = true
        }
        let sql = "COPY \(target) (\(columns.joined(separator: ", "))) FROM STDIN"
        let result = PQexec(connection.raw, sql)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COPY_IN else { throw connection.error(result, sql: sql) }
        copying = true
        connection.activeCopy = self
    }

    private func send() throws {
        if !copying { try start() }
        let sent = buffer.withUnsafeBytes { bytes in
            PQputCopyData(connection.raw, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        guard sent == 1 else { throw connection.error(nil, sql: "COPY \(target)") }
        buffer.removeAll(keepingCapacity: true)
    }

    @discardableResult
    func flush() throws -> Int {
        guard !buffer.isEmpty || copying else { return written }
        try send()
        if connection.activeCopy === self { connection.activeCopy = nil }
        guard PQputCopyEnd(connection.raw, nil) == 1 else { throw connection.error(nil, sql: "COPY \(target)") }
        copying = false
        // The COPY's result, then the end of its command.
        var failure: PostgresError?
        var copied = 0
        while let result = PQgetResult(connection.raw) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied += Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = connection.error(result, sql: "COPY \(target)")
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if conflict.isEmpty {
            written += copied
        } else {
            let list = columns.joined(separator: ", ")
            written += try connection.execute("INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(stage) \(conflict)", [])
            try connection.execute("TRUNCATE \(stage)", [])
        }
        return written
    }
}
