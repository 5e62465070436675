import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a Texto process killed mid-write leaves behind, and only that: its
/// temporary outputs (`.NAME.tmp-PID-N`, from `AtomicOutputFile`) and the
/// emit's staging folders (`.texto-NAME-PID-N/`), once process PID is no
/// longer running. Nothing a gateway or a person reads is touched: these
/// names are hidden, and never renamed into place.
package enum Leftovers {
    /// Removes the leftovers of dead processes in `folder` (not below it); their names.
    /// `minimumAge`: only those untouched for that many seconds (a folder
    /// shared by several hosts, where a process id says nothing of another
    /// host's processes).
    @discardableResult
    package static func sweep(_ folder: String, minimumAge: Double = 0) -> [String] {
        let folder = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(".") && (name.contains(".tmp-") || name.hasPrefix(".texto-")) {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), Int(parts[parts.count - 1]) != nil, pid > 0,
                  !isRunning(pid) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            if minimumAge > 0 {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
                guard Date().timeIntervalSince(modified) >= minimumAge else { continue }
            }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
