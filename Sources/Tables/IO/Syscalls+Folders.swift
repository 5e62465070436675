#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The folder-level calls texto-emit's batch writers make: a hidden
/// staging folder and the Gammu outbox's many small files.
package enum System {
    /// `mkdir(path, mode)`; `EEXIST` when the name is taken.
    package static func makeDirectory(_ path: String, mode: Int) throws(Errno) {
        _ = try retryingOnInterrupt { mkdir(path, mode_t(mode)) }
    }

    /// `rmdir(path)`: only an empty folder.
    package static func removeDirectory(_ path: String) throws(Errno) {
        _ = try retryingOnInterrupt { rmdir(path) }
    }

    /// `rename(from, to)`: atomic within one file system; replaces `to`.
    package static func moveFile(_ from: String, to: String) throws(Errno) {
        _ = try retryingOnInterrupt { rename(from, to) }
    }

    /// `unlink(path)`.
    package static func removeFile(_ path: String) throws(Errno) {
        _ = try retryingOnInterrupt { unlink(path) }
    }

    /// A new file at `path` (`O_CREAT | O_EXCL`, `mode`) holding `bytes`,
    /// closed. Not synced: see `syncFileSystem`.
    package static func createFile(_ path: String, mode: Int, bytes: [UInt8]) throws(Errno) {
        let descriptor = try retryingOnInterrupt { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)) }
        defer { _ = close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            offset += try retryingOnInterrupt {
                bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            }
        }
        #if !os(Linux)
        // No syncfs here: each file is synced on its own.
        _ = try retryingOnInterrupt { fsync(descriptor) }
        #endif
    }

    /// `fsync` of the folder at `path`: the names created, renamed or
    /// removed in it are on disk.
    package static func syncDirectory(_ path: String) throws(Errno) {
        let descriptor = try retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(descriptor) }
        _ = try retryingOnInterrupt { fsync(descriptor) }
    }

    /// Makes every file written in the folder at `path` durable with one
    /// call: `syncfs` on Linux (the whole file system holding the folder;
    /// found with `dlsym`, as Glibc's Swift module hides the GNU
    /// declaration), `sync` if it is missing; elsewhere `createFile`
    /// already synced each file, and only the folder is synced.
    package static func syncFileSystem(holding path: String) throws(Errno) {
        #if os(Linux)
        if let syncfs {
            let descriptor = try retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            defer { _ = close(descriptor) }
            _ = try retryingOnInterrupt { syncfs(descriptor) }
        } else {
            sync()
        }
        #else
        try syncDirectory(path)
        #endif
    }

    #if os(Linux)
    private typealias SyncFS = @convention(c) (Int32) -> Int32
    private static let syncfs: SyncFS? = dlsym(nil, "syncfs").map { unsafeBitCast($0, to: SyncFS.self) }
    #endif

    /// The names in the folder at `path`, `.` and `..` left out.
    package static func listDirectory(_ path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw Errno(code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// `getpid()`.
    package static var processID: Int32 { getpid() }
}
