import Foundation
import TextoCore

/// A dropped file while Texto works on it, and afterwards its history.
///
/// Taking a file is an atomic rename out of the folder into
/// `.texto/claims/<id>/`: a file is either in the folder or claimed, never
/// half-moved, and a second scan cannot take it twice. The claim's record,
/// `.texto/claims/<id>.json`, says how far the work went, so that a
/// watcher killed at any moment and started again finishes it: the run is
/// idempotent (same file, same run id, same campaign), receipts are
/// written whole or not at all, and the file is moved out of its claim last.
struct DropClaim: Codable, Equatable, Sendable {
    var id: String
    /// The file's name as it was dropped.
    var name: String
    /// When it was taken (Unix seconds), and the run date that follows from it.
    var droppedAt: Int
    var date: String
    var sha256: String?
    /// `claimed`, then `finishing` (the outcome known, the receipts being
    /// written and the file moved), then the record goes to the history.
    var stage: Stage = .claimed
    /// Where the file goes (`done` or `rejected`) and under which name.
    var folder: String?
    var storedName: String?
    /// `scheduled`, `awaitingApproval`, `nothingToSend`, `duplicate`, `rejected`.
    var outcome: String?
    /// The pipeline run (its id) and campaign, once run.
    var run: String?
    var campaign: String?
    /// For a duplicate: the claim that first processed the content.
    var original: String?
    /// When an approval released it (Unix seconds).
    var approvedAt: Int?
    /// The file's size and modification time when it was hashed: a
    /// change means a writer still had it open.
    var size: Int64?
    var modified: Int64?

    enum Stage: String, Codable, Sendable {
        case claimed
        case finishing
        case finished
    }

    /// The receipt's base name: the stored name without its extension.
    var receiptStem: String? { storedName.map { ($0 as NSString).deletingPathExtension } }
}

extension DropFolder {
    func claimFolder(_ id: String) -> String { (claims as NSString).appendingPathComponent(id) }
    func claimRecord(_ id: String) -> String { (claims as NSString).appendingPathComponent("\(id).json") }
    func leaseFile(_ id: String) -> String { (claims as NSString).appendingPathComponent("\(id).lease") }
    /// The lease of an approval marker being applied, `approval-<hash of its name>.lease`
    /// (any name fits; two names of one hash only take turns).
    func approvalLeaseFile(_ marker: String) -> String {
        // FNV-1a, 64 bits.
        let hash = marker.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return (claims as NSString).appendingPathComponent("approval-" + String(format: "%016llx", hash) + ".lease")
    }
    func historyRecord(_ id: String) -> String { (history as NSString).appendingPathComponent("\(id).json") }
    func seenRecord(_ sha256: String) -> String { (seen as NSString).appendingPathComponent(sha256) }

    /// Takes `name` out of the folder into a new claim; nil when it is gone
    /// (another watcher took it, or its owner moved it).
    func claim(_ name: String, now: Int) throws -> DropClaim? {
        try claim(Entry(name: name, size: 0, modified: 0, inode: 0), now: now)
    }

    /// Takes the file of `entry`; one whose name is not UTF-8 is claimed
    /// under its name as shown (`�` for the bytes that are not).
    /// `lease`, when the folder is shared, takes the new claim's lease before the file is moved.
    func claim(_ entry: Entry, now: Int, lease: ((String) -> Bool)? = nil) throws -> DropClaim? {
        let name = entry.name
        let id = Self.newClaimID(now: now)
        let folder = claimFolder(id)
        if let lease, !lease(id) { return nil }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = entry.rawName.map { root.utf8.map { $0 } + [UInt8(ascii: "/")] + $0 } ?? Array(path(name).utf8)
        let moved = (source + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rename($0.baseAddress!, (folder as NSString).appendingPathComponent(name)) == 0 }
        }
        guard moved else {
            try? FileManager.default.removeItem(atPath: folder)
            if lease != nil { unlink(leaseFile(id)) }
            return nil
        }
        let claim = DropClaim(id: id, name: name, droppedAt: now, date: ParisTime.date(atUnixTime: now).description)
        try JSONFile.write(claim, to: claimRecord(id))
        return claim
    }

    /// The claims a watcher may have left unfinished, oldest first: claim
    /// folders, and records whose folder is gone. Only listed: another
    /// watcher of a shared folder may be making or finishing any of them.
    func unfinishedClaimIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: claims)) ?? []
        // Claim ids have no dot: `<id>.json`, `<id>.receipt` and `<id>.lease` are its records.
        let folders = names.filter { !$0.contains(".") }
        let records = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter { !$0.contains(".") }
        return Set(folders + records).sorted()
    }

    /// Claim `id` as a watcher left it, made whole: a claim folder without
    /// its record (killed between the rename and the record) gets one; an
    /// empty one (killed before the rename), or a record with nothing left
    /// to work on, is removed (nil). Only the watcher that holds the claim
    /// (its lease, on a shared folder) may call it: it writes and removes,
    /// and a claim still being made looks like an abandoned one.
    func unfinishedClaim(_ id: String, now: Int) throws -> DropClaim? {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: claimFolder(id))) ?? []).filter { !$0.hasPrefix(".") }
        guard var claim = JSONFile.read(DropClaim.self, from: claimRecord(id)) else {
            guard let file = files.first else {
                try? FileManager.default.removeItem(atPath: claimFolder(id))
                return nil
            }
            let claim = DropClaim(id: id, name: file, droppedAt: now, date: ParisTime.date(atUnixTime: now).description)
            try JSONFile.write(claim, to: claimRecord(id))
            return claim
        }
        if files.isEmpty, claim.stage != .finishing {
            // Nothing left to work on and nothing to finish: drop the claim.
            try? FileManager.default.removeItem(atPath: claimFolder(id))
            try? FileManager.default.removeItem(atPath: claimRecord(id))
            return nil
        }
        if claim.stage == .claimed, let file = files.first, file != claim.name { claim.name = file }
        return claim
    }

    /// The file of a claim, while it is claimed.
    func claimedFile(_ claim: DropClaim) -> String {
        (claimFolder(claim.id) as NSString).appendingPathComponent(claim.name)
    }

    /// The finished drops, oldest first.
    func finishedClaims() -> [DropClaim] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: history)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
            .compactMap { JSONFile.read(DropClaim.self, from: (history as NSString).appendingPathComponent($0)) }
            .sorted { ($0.droppedAt, $0.id) < ($1.droppedAt, $1.id) }
    }

    /// `20261130T094200-3f9a1c0b`: sorts by time; the random part keeps two claims of one second apart.
    static func newClaimID(now: Int) -> String {
        let clock = ParisTime.wallClock(atUnixTime: now)
        let (year, month, day) = clock.date.components
        let time = String(format: "%04d%02d%02dT%02d%02d%02d", year, month, day, clock.secondOfDay / 3_600, clock.secondOfDay / 60 % 60,
                          clock.secondOfDay % 60)
        return time + "-" + String(format: "%08x", UInt32.random(in: 0 ... .max))
    }
}
