import Foundation
import Store
import TextoCore
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per SQLite store: an exclusive `flock` on `<store>.run.lock`,
/// held for the whole run (and one watcher per folder, on its `.texto/watch.lock`). The system lets it go when the process ends,
/// however it ends, so a run killed with `kill -9` never leaves the store
/// locked.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock, waiting at most `wait` seconds for another run to end.
    convenience init(store: String, wait: Int) throws {
        try self.init(path: store + ".run.lock", wait: wait, busy: "another run is using this store", about: store,
                      hint: wait > 0 ? "It was still running after \(wait) s; try again when it ends."
                                     : "Try again when it ends, or pass --wait SECONDS to wait for it.")
    }

    /// Takes the lock on `path`, waiting at most `wait` seconds; else
    /// `busy` (about `about`, default the lock file) and `hint`.
    init(path: String, wait: Int, busy: String, about: String? = nil, hint: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw PipelineError(.locked, at: DataLocation(file: path), "the lock cannot be made: \(String(cString: strerror(errno)))",
                                hint: "Check that this user may write in that folder.")
        }
        let deadline = Date().addingTimeInterval(TimeInterval(wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw PipelineError(.locked, at: DataLocation(file: about ?? path), busy, hint: hint)
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// True when `store` is a file (SQLite), not a PostgreSQL URL.
    static func isFile(_ store: String) -> Bool {
        !StoreLocation.isURL(store)
    }

    /// The lock of a run of `campaign`: the store's `flock` on SQLite (one
    /// run per store); on PostgreSQL the campaign's advisory lock, so that
    /// runs of other campaigns go on at once on other hosts, and a second
    /// run of the same campaign waits `wait` seconds, then exits 75.
    static func forRun(store: String, campaign: String, wait: Int) throws -> AnyObject {
        if isFile(store) { return try RunLock(store: store, wait: wait) }
        let database = try TextoStore(path: store)
        guard let lock = try database.lockCampaign(campaign, wait: wait) else {
            throw PipelineError(.locked, at: DataLocation(file: store), "another run of campaign \(campaign) is going on (on this host or another)",
                                hint: wait > 0 ? "It was still running after \(wait) s; try again when it ends."
                                               : "Try again when it ends, or pass --wait SECONDS to wait for it.")
        }
        return lock
    }
}
