import Crypto
import Foundation

/// One run of a campaign at a time on a shared PostgreSQL store: a
/// session-level advisory lock, keyed by the campaign, held on the store's
/// connection until `release()` or until the process ends (PostgreSQL lets
/// it go when the connection closes, so a host that dies mid-run never
/// leaves a campaign locked). Different campaigns run at once on different
/// hosts; the same campaign never twice at once.
///
/// (On SQLite the whole store is one run at a time: `RunLock` in Pipeline.)
public final class CampaignLock: @unchecked Sendable {
    private let store: TextoStore
    private let key: Int64
    private var held = true

    fileprivate init(store: TextoStore, key: Int64) {
        self.store = store
        self.key = key
    }

    /// Lets the campaign go (also done when the lock is freed).
    public func release() {
        guard held, case .postgres(let session) = store.backend else { return }
        held = false
        session.withConnection { connection in _ = try? connection.execute("SELECT pg_advisory_unlock(?)", [key]) }
    }

    deinit {
        release()
    }
}

extension TextoStore {
    /// An advisory lock key: the first 8 bytes of a SHA-256 of `name`, the
    /// same on every host. A run's lock and an emit's transaction lock of
    /// one campaign have different keys: the run's emit, on a connection of
    /// its own, must not wait for its own run.
    static func lockKey(_ name: String) -> Int64 {
        let digest = Array(SHA256.hash(data: Array(name.utf8)))
        return digest.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    /// Takes the campaign's lock on a PostgreSQL store, waiting at most
    /// `wait` seconds for another host's run of it to end; nil when it is
    /// still held then.
    package func lockCampaign(_ campaign: String, wait: Int) throws -> CampaignLock? {
        guard case .postgres(let session) = backend else { preconditionFailure("campaign locks are PostgreSQL's") }
        let key = Self.lockKey("texto run \(campaign)")
        let deadline = Date().addingTimeInterval(TimeInterval(wait))
        do {
            while true {
                let taken = try session.withConnection { connection in
                    try connection.value(Bool.self, "SELECT pg_try_advisory_lock(?)", [key]) ?? false
                }
                if taken { return CampaignLock(store: self, key: key) }
                guard Date() < deadline else { return nil }
                usleep(200_000)
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Inside a write transaction on PostgreSQL: waits for the campaign's
    /// lock until the transaction ends (two emits of one campaign from two
    /// hosts take turns; the second finds the first's ledger). Nothing on
    /// SQLite, whose writers take turns for the whole store.
    /// `shared`: a reader of the ledger (an ingest), which other readers do not wait for.
    static func lockInTransaction(campaign: String, _ db: any SQLConnection, shared: Bool = false) throws {
        guard db.dialect == .postgres else { return }
        try db.execute("SELECT pg_advisory_xact_lock\(shared ? "_shared" : "")(?)", [lockKey("texto ledger \(campaign)")])
    }
}
