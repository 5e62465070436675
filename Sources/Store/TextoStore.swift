import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state that outlives a run (DESIGN.md §4): campaigns, the message
/// ledger, delivery reports and outcomes, replies, suppressions, files
/// already ingested. Two backends behind this one class, chosen by
/// `--store`: an SQLite file (the default), opened by one stage at a time
/// for writing while analysts may read it, or a PostgreSQL database shared
/// by several hosts (`postgres://...`). The queries are the same on both
/// (`SQLConnection`).
///
/// On SQLite:
/// - WAL journal: readers (an analyst's `sqlite3`, a report) never block
///   the writer and never see half a transaction.
/// - `synchronous = FULL`: a committed transaction survives a power cut,
///   WAL or not (NORMAL may lose the last ones; the ledger must not).
/// - Writes run in `BEGIN IMMEDIATE` transactions (GRDB 7's default for a
///   writer): the write lock is taken at the start, so two writers queue on
///   the busy timeout instead of failing half-way with `SQLITE_BUSY`.
/// - Foreign keys are enforced; `secure_delete` overwrites erased rows.
///
/// On PostgreSQL, writers do not queue for the whole store: unique keys
/// and `ON CONFLICT` keep concurrent writes idempotent, the runs of one
/// campaign take an advisory lock (`CampaignLock`), and a lock still held
/// after the busy timeout (`lock_timeout`) is `.locked`.
///
/// Either way a store still locked after the busy timeout is
/// `StoreError.locked` (category `.temporary`, exit 75): the nightly job
/// tries again later.
///
/// The class never prints. Every method is synchronous and may be called
/// from any thread; access to the one connection is serialised.
public final class TextoStore: Sendable {
    /// The store as given (a file path or a PostgreSQL URL), as errors name it.
    public let path: String
    public let location: StoreLocation
    /// The file holding the key of the erased opt-outs' hashes
    /// (`StoreLocation.defaultKeyPath` unless given; see `ErasureKey`).
    public let keyPath: String
    let backend: Backend
    let clock: @Sendable () -> Date

    enum Backend: Sendable {
        case sqlite(DatabaseQueue)
        case postgres(PostgresSession)
    }

    /// Opens the store at `path` (a file, or a `postgres://` URL), creating
    /// and migrating it when it does not exist (an SQLite file) or is empty
    /// (a PostgreSQL database) and `create` is true.
    ///
    /// Refuses, with nothing written, a database that is not a Texto store
    /// (`.notATextoStore`, `.notADatabase`) or one made by a newer Texto
    /// (`.newerSchema`); a missing store when `create` is false is
    /// `.missing`. Reopening a current store writes nothing.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another process's lock before
    ///     `StoreError.locked`.
    ///   - keyPath: the erasure key file; default `<path>.key` for a file.
    ///   - clock: the time written in `created_at`, `since`... (tests inject one).
    public init(
        path: String, create: Bool = true, busyTimeout: TimeInterval = 5, keyPath: String? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.path = path
        location = try StoreLocation(path)
        self.keyPath = keyPath ?? location.defaultKeyPath()
        self.clock = clock
        switch location {
        case .sqlite(let file):
            backend = .sqlite(try Self.openSQLite(path: file, create: create, busyTimeout: busyTimeout))
        case .postgres(let uri):
            do {
                backend = .postgres(try PostgresSession.open(uri: uri, create: create, busyTimeout: busyTimeout, path: path))
            } catch {
                throw StoreError.wrap(error, path: path)
            }
        }
    }

    private static func openSQLite(path: String, create: Bool, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        let file = try StoreFile.inspect(path: path)
        if let refusal = file.refusal(path: path) { throw refusal }
        // A store another connection just made may still be all in its
        // `-wal` file, its own header empty: SQLite's view, below, decides.
        let inWAL = file == .empty && FileManager.default.fileExists(atPath: path + "-wal")
        let missing = StoreError(.missing, path: path, file == .absent ? "there is no store here" : "this file holds no store yet",
                                 hint: "Check --store, or run a stage that creates the store (texto-store suppressions add, texto-emit).")
        if !create && (file == .absent || (file == .empty && !inWAL)) { throw missing }
        if file == .absent { try Self.createFile(path) }

        var configuration = Configuration()
        configuration.label = "texto-store"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // SQLite's own view, in case the header read above was stale (a
            // `-wal` file not yet checkpointed); reading writes nothing.
            let (version, journal) = try queue.read { db in
                (try Schema.currentVersion(db, path: path), try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "")
            }
            if !create && version == 0 { throw missing }
            if version < Schema.version || journal != "wal" {
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") != "wal" {
                        throw StoreError(.cannotWrite, path: path, "SQLite cannot use its WAL journal here",
                                         hint: "Keep the store on a local disk, not a network share.")
                    }
                    try db.inTransaction(.immediate) {
                        try Schema.migrate(db, path: path)
                        return .commit
                    }
                }
            }
            return queue
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// The schema version this code writes (`PRAGMA user_version`, `texto_meta.schema_version`).
    public static var schemaVersion: Int { Schema.version }

    /// Creates the empty file with mode 0640 before SQLite does (SQLite
    /// would use 0644): the store holds personal data, and SQLite gives its
    /// `-wal` and `-shm` files the database file's mode.
    private static func createFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError(.cannotWrite, path: path, "the store cannot be created",
                             hint: "Check that the folder exists and is writable.", cause: String(cString: strerror(errno)))
        }
    }

    /// Which SQL the store speaks.
    package var dialect: SQLDialect {
        switch backend {
        case .sqlite: return .sqlite
        case .postgres: return .postgres
        }
    }

    // MARK: - Access

    /// Runs `body` in a read transaction (one snapshot of the store),
    /// mapping the database's failures to `StoreError`.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(readOnly: true, body)
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE` on SQLite),
    /// committed when it returns and rolled back when it throws.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(readOnly: false, body)
    }

    private func transaction<T>(readOnly: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            switch backend {
            case .sqlite(let queue) where readOnly:
                return try queue.read { db in try body(SQLiteConnection(db)) }
            case .sqlite(let queue):
                return try queue.write { db in try body(SQLiteConnection(db)) }
            case .postgres(let session):
                return try session.transaction(readOnly: readOnly, body)
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// `write`, with SQLite's foreign-key checks off for the transaction
    /// (the pragma works only outside one): for bulk writes whose every
    /// reference comes from the store within the transaction, where the
    /// checks would look up a parent key per row. PostgreSQL keeps its checks.
    func writeWithoutForeignKeys<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        guard case .sqlite(let queue) = backend else { return try write(body) }
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteConnection(db))
                    return .commit
                }
                return result!
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// The current time as stored.
    var now: String { StoreTime.text(clock()) }
}
