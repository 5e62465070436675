import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wakes the watcher when something happens in its folders (Linux's
/// inotify): a file closed after writing, created, or renamed into place.
/// Network shares send no events for changes made on other machines, so
/// the watcher also scans every `rescan` seconds whatever happens; without
/// inotify, it only scans.
final class FolderEvents {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]

    /// Watches `paths`; nil when inotify is not available.
    init?(_ paths: [String]) {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)
        for path in paths {
            let watch = inotify_add_watch(descriptor, path, mask)
            if watch >= 0 { folders[watch] = path }
        }
        #else
        return nil
        #endif
    }

    deinit {
        close(descriptor)
    }

    /// Waits at most `seconds` for events; returns, by folder, the names
    /// renamed into it (complete at once). Empty on a timeout.
    func wait(seconds: Double) -> [String: [String]]? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32((max(0, min(seconds, 3_600)) * 1_000).rounded(.up)))
        guard ready > 0 else { return nil }
        return drain()
    }

    /// Reads every pending event.
    private func drain() -> [String: [String]] {
        var moved: [String: [String]] = [:]
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                if mask & UInt32(IN_MOVED_TO) != 0, length > 0, let folder = folders[watch] {
                    let bytes = buffer[(offset + header)..<min(offset + header + length, count)]
                    let name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                    moved[folder, default: []].append(name)
                }
                offset += header + length
            }
        }
        return moved
    }
}
