import Foundation

/// The one connection of a `TextoStore` on PostgreSQL, used by one
/// transaction at a time.
final class PostgresSession: @unchecked Sendable {
    private let connection: PostgresConnection
    private let lock = NSLock()

    private init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// Connects, checks that the database is a Texto store of a schema this
    /// code knows (or empty), and migrates it when `create` allows.
    static func open(uri: String, create: Bool, busyTimeout: TimeInterval, path: String) throws -> PostgresSession {
        let connection = try PostgresConnection(uri: uri)
        // Row locks and advisory locks wait this long, then the statement fails (55P03: `.locked`).
        try connection.execute("SET lock_timeout = \(max(1, Int(busyTimeout * 1000)))", [])
        let session = PostgresSession(connection)
        let version = try session.transaction(readOnly: true) { try PostgresSchema.currentVersion($0, path: path) }
        if version == 0 && !create {
            throw StoreError(.missing, path: path, "this PostgreSQL database holds no store yet",
                             hint: "Check --store, or run a stage that creates the store (texto-store suppressions add, texto-emit).")
        }
        if version < Schema.version {
            try session.transaction(readOnly: false) { try PostgresSchema.migrate($0, path: path) }
        }
        return session
    }

    /// Runs `body` in a transaction: a read sees one snapshot; a write is
    /// committed when `body` returns and rolled back when it throws.
    func transaction<T>(readOnly: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.begin(readOnly: readOnly)
        do {
            let result = try body(connection)
            try connection.commit()
            return result
        } catch {
            connection.rollback()
            throw error
        }
    }

    /// Runs `body` on the connection outside any transaction (session-level advisory locks).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}
