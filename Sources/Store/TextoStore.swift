import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state that outlives a run (DESIGN.md §4): campaigns, the message
/// ledger, delivery reports and outcomes, replies, suppressions, files
/// already ingested. One SQLite file, opened by one stage at a time for
/// writing; analysts may read it meanwhile.
///
/// - WAL journal: readers (an analyst's `sqlite3`, a report) never block
///   the writer and never see half a transaction.
/// - `synchronous = FULL`: a committed transaction survives a power cut,
///   WAL or not (NORMAL may lose the last ones; the ledger must not).
/// - Writes run in `BEGIN IMMEDIATE` transactions (GRDB 7's default for a
///   writer): the write lock is taken at the start, so two writers queue on
///   the busy timeout instead of failing half-way with `SQLITE_BUSY`.
/// - A store still locked after the busy timeout is `StoreError.locked`
///   (category `.temporary`, exit 75): the nightly job tries again later.
/// - Foreign keys are enforced; `secure_delete` overwrites erased rows.
///
/// The class never prints. Every method is synchronous and may be called
/// from any thread; GRDB serialises access to the one connection.
public final class TextoStore: Sendable {
    /// The store file, as given.
    public let path: String
    /// The file holding the key of the erased opt-outs' hashes
    /// (`<path>.key` unless given; see `ErasureKey`).
    public let keyPath: String
    let queue: DatabaseQueue
    let clock: @Sendable () -> Date

    /// Opens the store at `path`, creating and migrating it when it does not
    /// exist and `create` is true.
    ///
    /// Refuses, with nothing written, a file that is not a Texto store
    /// (`.notATextoStore`, `.notADatabase`) or one made by a newer Texto
    /// (`.newerSchema`); a missing store when `create` is false is
    /// `.missing`. Reopening a current store writes nothing.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another process's write lock
    ///     before `StoreError.locked`.
    ///   - keyPath: the erasure key file; default `<path>.key`.
    ///   - clock: the time written in `created_at`, `since`... (tests inject one).
    public init(
        path: String, create: Bool = true, busyTimeout: TimeInterval = 5, keyPath: String? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.path = path
        self.keyPath = keyPath ?? path + ".key"
        self.clock = clock
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
            queue = try DatabaseQueue(path: path, configuration: configuration)
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
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// The schema version this code writes (`PRAGMA user_version`).
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

    // MARK: - Access

    /// Runs `body` in a read transaction, mapping SQLite failures to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction, committed when it
    /// returns and rolled back when it throws.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// `write`, with SQLite's foreign-key checks off for the transaction
    /// (the pragma works only outside one): for bulk writes whose every
    /// reference comes from the store within the transaction, where the
    /// checks would look up a parent key per row.
    func writeWithoutForeignKeys<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
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
