#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Every raw system call Tables makes, in one place (STYLE.md §6, after
// swift-system's Internals/Syscalls.swift): the C library is Glibc on Linux
// and Darwin on macOS, and the callers need to know neither. The
// folder-level calls other modules need are in Syscalls+Folders.swift. A failure
// becomes an `Errno`; EINTR is retried here, never by the callers.

/// A failed system call's `errno`.
package struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `errno` value (`ENOENT`...).
    package var code: Int32

    package init(code: Int32) {
        self.code = code
    }

    /// The C library's text for the code (`No such file or directory`).
    package var description: String { String(cString: strerror(code)) }

    /// `EEXIST`: the name is taken.
    package var fileExists: Bool { code == EEXIST }

    static let noSuchFile = Errno(code: ENOENT)
    static let fileExists = Errno(code: EEXIST)
}

/// Standard input's descriptor.
let systemStandardInput: Int32 = STDIN_FILENO
/// Standard output's descriptor.
let systemStandardOutput: Int32 = STDOUT_FILENO

/// Runs `call` again while it fails with EINTR; any other failure throws.
@inline(__always)
func retryingOnInterrupt<Result: FixedWidthInteger>(_ call: () -> Result) throws(Errno) -> Result {
    while true {
        let result = call()
        if result >= 0 { return result }
        let code = errno
        if code != EINTR { throw Errno(code: code) }
    }
}

/// `open(path, O_RDONLY)`: an existing file, read-only.
func systemOpenForReading(_ path: String) throws(Errno) -> Int32 {
    try retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
}

/// `open(path, O_RDWR | O_CREAT | O_EXCL, mode)`: a new file; `EEXIST` if
/// the name is taken.
func systemCreateExclusive(_ path: String, mode: Int) throws(Errno) -> Int32 {
    try retryingOnInterrupt { open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)) }
}

/// `open(path, O_RDONLY | O_DIRECTORY)`: a folder, to fsync it.
func systemOpenDirectory(_ path: String) throws(Errno) -> Int32 {
    try retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
}

/// `close(descriptor)`. Its result is not checked: nothing was written
/// through a descriptor closed here that `fsync` did not already confirm.
func systemClose(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// `read(descriptor, buffer)`: up to `buffer.count` bytes, 0 at the end.
func systemRead(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try retryingOnInterrupt { read(descriptor, buffer.baseAddress, buffer.count) }
}

/// `pread(descriptor, buffer, offset)`: up to `buffer.count` bytes at
/// `offset`, 0 at the end.
func systemPread(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(Errno) -> Int {
    try retryingOnInterrupt { pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
}

/// `write(descriptor, bytes)`: how many of the bytes were written (maybe
/// fewer than all).
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
    try retryingOnInterrupt { write(descriptor, bytes.baseAddress, bytes.count) }
}

/// `fsync(descriptor)`: the file's data and size on disk.
func systemFsync(_ descriptor: Int32) throws(Errno) {
    _ = try retryingOnInterrupt { fsync(descriptor) }
}

/// `fdatasync(descriptor)`: the file's data on disk (and what is needed to
/// read it back).
func systemDataSync(_ descriptor: Int32) throws(Errno) {
#if canImport(Darwin)
    _ = try retryingOnInterrupt { fsync(descriptor) }
#else
    _ = try retryingOnInterrupt { fdatasync(descriptor) }
#endif
}

/// `rename(from, to)`: atomic within one file system.
func systemRename(_ from: String, to: String) throws(Errno) {
    _ = try retryingOnInterrupt { rename(from, to) }
}

/// `link(from, to)`: a second name for a file; fails with `EEXIST` when
/// `to` exists, which makes it a rename that never replaces.
func systemLink(_ from: String, to: String) throws(Errno) {
    _ = try retryingOnInterrupt { link(from, to) }
}

/// `unlink(path)`.
func systemUnlink(_ path: String) throws(Errno) {
    _ = try retryingOnInterrupt { unlink(path) }
}

/// What `fstat` tells of an open file.
struct SystemFileStatus {
    var isDirectory: Bool
    /// The size of a regular file; nil for a pipe, a terminal, a device.
    var regularFileSize: Int?
}

/// `fstat(descriptor)`.
func systemFileStatus(_ descriptor: Int32) throws(Errno) -> SystemFileStatus {
    var status = stat()
    _ = try retryingOnInterrupt { fstat(descriptor, &status) }
    let kind = status.st_mode & S_IFMT
    return SystemFileStatus(isDirectory: kind == S_IFDIR, regularFileSize: kind == S_IFREG ? Int(status.st_size) : nil)
}

/// `mkstemp` in `/tmp`, then `unlink`: a file that disappears with its
/// descriptor.
func systemAnonymousTemporaryFile() throws(Errno) -> Int32 {
    var template = Array("/tmp/texto-stdin-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw Errno(code: errno) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return descriptor
}

/// `getpid()`.
func systemProcessID() -> Int32 {
    getpid()
}

/// `getenv(name)`.
func systemEnvironment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
