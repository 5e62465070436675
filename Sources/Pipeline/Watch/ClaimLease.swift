import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who works on a claim, when several watchers share a folder (`--shared`:
/// on one host, or on several over a network share).
///
/// A claim's lease is the file `.texto/claims/<id>.lease`, made with
/// `O_CREAT | O_EXCL` (one maker wins, NFS included), holding
/// `host pid`. Its owner touches it every few seconds while it works; a
/// lease untouched for the takeover time belongs to a watcher that died
/// (or lost the share), and its claim is taken over: the stale lease is
/// renamed aside (one watcher's rename succeeds), then a new one is made
/// with `O_EXCL` again. A watcher on the lease's own host whose process is
/// gone is known dead at once. Taking over twice by mistake (a watcher
/// only slow, not dead) sends nothing twice: the run of a drop is its
/// campaign's, which one host at a time runs (the campaign lock), and a
/// run done again adds nothing.
final class ClaimLease: @unchecked Sendable {
    let path: String
    private let timer: DispatchSourceTimer

    private init(path: String, heartbeat: Double) {
        self.path = path
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + heartbeat, repeating: heartbeat)
        timer.setEventHandler { [path] in _ = utimes(path, nil) }
        timer.resume()
    }

    /// Stops touching the lease; removes it once the claim is finished
    /// (its folder gone). A claim left for the next pass (the store busy)
    /// keeps its lease: this watcher takes it again at once, another one
    /// after the takeover time.
    func release(claimFolder: String) {
        timer.cancel()
        if !FileManager.default.fileExists(atPath: claimFolder) { unlink(path) }
    }

    deinit {
        timer.cancel()
    }

    /// This watcher, as a lease names it.
    static let owner: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        return "\(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) \(getpid())"
    }()

    /// Makes the lease of claim `id` for this watcher; nil when another watcher holds one.
    static func take(_ path: String, takeover: Double, as owner: String = ClaimLease.owner) -> ClaimLease? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return nil }
        let text = owner + "\n"
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        return ClaimLease(path: path, heartbeat: max(0.2, takeover / 4))
    }

    /// Takes over the lease at `path` when its owner is gone: untouched for
    /// `takeover` seconds, or its process dead on this host. Nil when it is
    /// alive, or another watcher took it over first.
    /// A claim without a lease (left by a watcher that was not `--shared`,
    /// or one that died between its lease's removal and its claim's) is
    /// taken once its folder is that old.
    /// (`owner` is this watcher, as its leases name it.)
    static func takeOver(_ path: String, claimFolder: String, takeover: Double, as owner: String = ClaimLease.owner,
                         now: Double = Date().timeIntervalSince1970) -> ClaimLease? {
        if let touched = modified(path) {
            guard now - touched >= takeover || isMine(path, as: owner) || ownerIsDead(path, as: owner) else { return nil }
            let aside = path + ".stale-" + String(format: "%08x", UInt32.random(in: 0 ... .max))
            guard rename(path, aside) == 0 else { return nil }   // another watcher moved it first
            unlink(aside)
        } else if let made = modified(claimFolder), now - made < takeover {
            return nil
        }
        return take(path, takeover: takeover, as: owner)
    }

    /// When the file was last changed (Unix seconds); nil when there is none.
    private static func modified(_ path: String) -> Double? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    }

    /// True when the lease names this watcher (a claim it left for the next pass).
    static func isMine(_ path: String, as owner: String = ClaimLease.owner) -> Bool {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == owner
    }

    /// True when the lease names a process of this host that no longer runs.
    private static func ownerIsDead(_ path: String, as owner: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let parts = text.split(whereSeparator: \.isWhitespace)
        let mine = owner.split(separator: " ")
        guard parts.count == 2, parts[0] == mine[0], let pid = Int32(parts[1]), pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
