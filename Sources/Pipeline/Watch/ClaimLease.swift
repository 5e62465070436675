import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who works on a claim, when several watchers share a folder (`--shared`:
/// on one host, or on several over a network share).
///
/// A claim's lease is a file beside it, made with `O_CREAT | O_EXCL` (one
/// maker wins, NFS included), holding `host pid`: `<id>.lease` when the
/// claim is made, then `<id>.lease.1`, `<id>.lease.2`... each time it is
/// taken over; the highest generation is the lease. Its owner touches it
/// every few seconds while it works; a lease untouched for the takeover
/// time belongs to a watcher that died (or lost the share), and its claim
/// is taken over by making the next generation, `O_EXCL` again: of several
/// watchers that judged the same lease stale, one makes it, and the others
/// find it there. (Renaming the stale lease aside, then making it again,
/// let a second watcher rename aside the lease the first had just made,
/// and both took the claim: the shared kill test found it.) A watcher on
/// the lease's own host whose process is gone is known dead at once.
/// Taking over by mistake (a watcher only slow, not dead) sends nothing
/// twice: the run of a drop is its campaign's, which one host at a time
/// runs (the campaign lock), and a run done again adds nothing.
final class ClaimLease: @unchecked Sendable {
    /// This generation's file.
    let path: String
    /// Made over another watcher's lease (or where a lease was missing), not this watcher's own.
    let tookOver: Bool
    private let timer: DispatchSourceTimer

    private init(path: String, heartbeat: Double, tookOver: Bool) {
        self.path = path
        self.tookOver = tookOver
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

    /// Makes the lease `base` (its first generation) for this watcher; nil when another watcher made it first.
    static func take(_ base: String, takeover: Double, as owner: String = ClaimLease.owner) -> ClaimLease? {
        make(base, takeover: takeover, as: owner, tookOver: false)
    }

    private static func make(_ path: String, takeover: Double, as owner: String, tookOver: Bool) -> ClaimLease? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return nil }
        let text = owner + "\n"
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        return ClaimLease(path: path, heartbeat: max(0.2, takeover / 4), tookOver: tookOver)
    }

    /// Takes over the lease `base` when its owner is gone: untouched for
    /// `takeover` seconds, or its process dead on this host. Nil when it is
    /// alive, or another watcher took it over first.
    /// Without a lease, what it guards is taken at once, or, given
    /// `claimFolder`, once that folder is that old (a claim left by a
    /// watcher that was not `--shared`, or one that died between its
    /// lease's removal and its claim's; a younger one may be still in the
    /// making). (`owner` is this watcher, as its leases name it.)
    /// (`afterJudging`: tests, run between the judgment and the act.)
    static func takeOver(_ base: String, claimFolder: String?, takeover: Double, as owner: String = ClaimLease.owner,
                         now: Double = Date().timeIntervalSince1970, afterJudging: () -> Void = {}) -> ClaimLease? {
        let all = generations(of: base)
        guard let current = all.last else {
            if let made = claimFolder.flatMap(modified), now - made < takeover { return nil }
            return make(base, takeover: takeover, as: owner, tookOver: true)
        }
        // Gone since the listing: its watcher finished the claim.
        guard let touched = modified(current.path) else { return nil }
        let holder = (try? String(contentsOfFile: current.path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let mine = holder == owner
        guard now - touched >= takeover || mine || holder.map({ isDead($0, as: owner) }) == true else { return nil }
        afterJudging()
        guard let lease = make("\(base).\(current.generation + 1)", takeover: takeover, as: owner, tookOver: !mine) else { return nil }
        for old in all { unlink(old.path) }
        return lease
    }

    /// The files of the lease `base`, oldest generation first.
    private static func generations(of base: String) -> [(generation: Int, path: String)] {
        let folder = (base as NSString).deletingLastPathComponent
        let name = (base as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { entry -> (Int, String)? in
            if entry == name { return (0, base) }
            guard entry.hasPrefix(name + "."), let generation = Int(entry.dropFirst(name.count + 1)), generation > 0 else { return nil }
            return (generation, (folder as NSString).appendingPathComponent(entry))
        }.sorted { $0.0 < $1.0 }
    }

    /// When the file was last changed (Unix seconds); nil when there is none.
    private static func modified(_ path: String) -> Double? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    }

    /// True when `holder` (a lease's `host pid`) is a process of this host that no longer runs.
    private static func isDead(_ holder: String, as owner: String) -> Bool {
        let parts = holder.split(whereSeparator: \.isWhitespace)
        let mine = owner.split(separator: " ")
        guard parts.count == 2, parts[0] == mine[0], let pid = Int32(parts[1]), pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
