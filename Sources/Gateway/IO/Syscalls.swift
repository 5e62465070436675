#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Every raw system call Gateway makes, in one place (STYLE.md §6, as
// Tables/IO/Syscalls.swift, whose wrappers are internal to Tables): the
// staging folder of a batch and the Gammu outbox's many small files.
// A failure becomes a `SystemError`; EINTR is retried here.

/// A failed system call's `errno`, with the C library's text for it.
struct SystemError: Error, Equatable {
    var code: Int32
    var description: String { String(cString: strerror(code)) }
    var fileExists: Bool { code == EEXIST }
}

@inline(__always)
private func retryingOnInterrupt<Result: FixedWidthInteger>(_ call: () -> Result) throws(SystemError) -> Result {
    while true {
        let result = call()
        if result >= 0 { return result }
        let code = errno
        if code != EINTR { throw SystemError(code: code) }
    }
}

enum System {
    /// `mkdir(path, mode)`; `EEXIST` when the name is taken.
    static func makeDirectory(_ path: String, mode: Int) throws(SystemError) {
        _ = try retryingOnInterrupt { mkdir(path, mode_t(mode)) }
    }

    /// `rmdir(path)`: only an empty folder.
    static func removeDirectory(_ path: String) throws(SystemError) {
        _ = try retryingOnInterrupt { rmdir(path) }
    }

    /// `rename(from, to)`: atomic within one file system; replaces `to`.
    static func moveFile(_ from: String, to: String) throws(SystemError) {
        _ = try retryingOnInterrupt { rename(from, to) }
    }

    /// `unlink(path)`.
    static func removeFile(_ path: String) throws(SystemError) {
        _ = try retryingOnInterrupt { unlink(path) }
    }

    /// A new file at `path` (`O_CREAT | O_EXCL`, `mode`) holding `bytes`,
    /// closed. Not synced: see `syncFileSystem`.
    static func createFile(_ path: String, mode: Int, bytes: [UInt8]) throws(SystemError) {
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
    static func syncDirectory(_ path: String) throws(SystemError) {
        let descriptor = try retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(descriptor) }
        _ = try retryingOnInterrupt { fsync(descriptor) }
    }

    /// Makes every file written in the folder at `path` durable with one
    /// call: `syncfs` on Linux (the whole file system holding the folder;
    /// found with `dlsym`, as Glibc's Swift module hides the GNU
    /// declaration), `sync` if it is missing; elsewhere `createFile`
    /// already synced each file, and only the folder is synced.
    static func syncFileSystem(holding path: String) throws(SystemError) {
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
    static func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let directory = opendir(path) else { throw SystemError(code: errno) }
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
    static var processID: Int32 { getpid() }
}
