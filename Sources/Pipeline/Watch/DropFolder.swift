import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder accountants drop spreadsheets into, and what Texto keeps
/// there: `done/` and `rejected/` (each file with its receipt), and the
/// hidden `.texto/` (the claims being worked on, the history of every
/// drop, the content already seen, the watcher's lock).
struct DropFolder: Sendable {
    let root: String

    init(_ root: String) {
        self.root = root
    }

    var done: String { path("done") }
    var rejected: String { path("rejected") }
    var state: String { path(".texto") }
    /// `<id>/<name>`: a dropped file taken out of the folder while it is worked on; `<id>.json` says how far.
    var claims: String { path(".texto/claims") }
    /// `<id>.json`: every finished drop, for approvals and duplicates.
    var history: String { path(".texto/history") }
    /// `<sha256>`: the claim that first processed that content.
    var seen: String { path(".texto/seen") }
    var lock: String { path(".texto/watch.lock") }

    func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// Makes the folders Texto writes into.
    func prepare() throws {
        for folder in [done, rejected, claims, history, seen] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// A file in the folder as a scan sees it: a change of any of these
    /// means it is still being written (or was replaced).
    struct Entry: Hashable, Sendable {
        var name: String
        var size: Int64
        var modified: Int64
        var inode: UInt64
        /// The name's bytes when they are not UTF-8 (`name` then shows them with `�`).
        var rawName: [UInt8]? = nil
    }

    /// The regular files of the folder that may be drops: not a dotfile
    /// (`.~lock.x.xlsx#`, `.DS_Store`), not an Office owner file (`~$x.xlsx`),
    /// not Windows' `Thumbs.db` or `desktop.ini`, not a folder, not a
    /// symbolic link (never followed: it could point anywhere).
    func entries() -> [Entry] {
        scan().files
    }

    /// The drops of the folder, and the symbolic links in it (reported, never followed).
    func scan() -> (files: [Entry], links: [String]) {
        var files: [Entry] = [], links: [String] = []
        for raw in Self.names(in: root) {
            let name = String(decoding: raw, as: UTF8.self)
            guard !Self.isIgnored(name) else { continue }
            // A name that is not UTF-8 (from an old Windows or a Mac share) is
            // reached by its bytes; Foundation's listing would give another path.
            let bytes = String(validating: raw, as: UTF8.self) == nil ? raw : nil
            let full = (root.utf8.map { $0 } + [UInt8(ascii: "/")] + raw)
            guard var entry = Self.entry(bytes: full, name: name) else {
                var info = stat()
                if Self.lstat(full, &info), info.st_mode & S_IFMT == S_IFLNK { links.append(name) }
                continue
            }
            entry.rawName = bytes
            files.append(entry)
        }
        return (files.sorted { $0.name < $1.name }, links.sorted())
    }

    /// The names in `folder` as bytes (`readdir`), without `.` and `..`.
    static func names(in folder: String) -> [[UInt8]] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }

    private static func lstat(_ path: [UInt8], _ info: inout stat) -> Bool {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { Glibc.lstat($0.baseAddress!, &info) == 0 }
        }
    }

    private static func entry(bytes path: [UInt8], name: String) -> Entry? {
        var info = stat()
        guard lstat(path, &info), info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Entry(name: name, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                     inode: UInt64(info.st_ino))
    }

    /// The signature of a regular file (not following a link); nil for anything else.
    static func entry(_ path: String, name: String) -> Entry? {
        entry(bytes: Array(path.utf8), name: name)
    }

    /// A file name as logs and receipts show it: control characters (a
    /// line feed, an escape) as `�`, so a name cannot forge a line.
    static func shown(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : $0 }))
    }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || ["thumbs.db", "desktop.ini"].contains(name.lowercased())
    }

    /// `name`, or `stem (2).ext`, `stem (3).ext`... : the first name free in
    /// `folder`, its stem cut so that the receipts' names (`stem.recu.html`,
    /// `stem.rejets.csv`) fit in the 255 bytes a file name may have.
    static func freeName(for name: String, in folder: String) -> String {
        let ext = (name as NSString).pathExtension
        // 255 bytes, less the receipt's suffix and the temporary file's prefix and suffix while it is written.
        let stem = fitted((name as NSString).deletingPathExtension, bytes: 200 - ext.utf8.count)
        var candidate = stem + (ext.isEmpty ? "" : ".\(ext)")
        var counter = 2
        while FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(candidate)) {
            candidate = "\(stem) (\(counter))" + (ext.isEmpty ? "" : ".\(ext)")
            counter += 1
        }
        return candidate
    }

    /// `text` cut to at most `bytes` bytes of UTF-8, at a character's end.
    static func fitted(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        for character in text {
            guard result.utf8.count + String(character).utf8.count <= bytes else { break }
            result.append(character)
        }
        return result
    }
}

/// When a dropped file is complete: unchanged (size, modification time,
/// inode) across two scans at least `settle` seconds apart, or renamed
/// into place (inotify's `IN_MOVED_TO`: a rename is atomic).
struct Settling {
    private var first: [String: (entry: DropFolder.Entry, since: Double)] = [:]
    private var movedIn: Set<String> = []

    /// A file renamed into the folder: complete at once.
    mutating func renamedIn(_ name: String) { movedIn.insert(name) }

    /// The entries of this scan that are complete; the others are remembered for the next.
    mutating func complete(_ entries: [DropFolder.Entry], at now: Double, settle: Double) -> [DropFolder.Entry] {
        var next: [String: (entry: DropFolder.Entry, since: Double)] = [:]
        var ready: [DropFolder.Entry] = []
        for entry in entries {
            if let known = first[entry.name], known.entry == entry {
                next[entry.name] = known
                if now - known.since >= settle || movedIn.contains(entry.name) { ready.append(entry) }
            } else {
                next[entry.name] = (entry, now)
                if movedIn.contains(entry.name) { ready.append(entry) }
            }
        }
        first = next
        movedIn = movedIn.filter { next[$0] != nil && !ready.map(\.name).contains($0) }
        return ready
    }

    /// Files seen but not complete yet.
    var waiting: Int { first.count }
}
