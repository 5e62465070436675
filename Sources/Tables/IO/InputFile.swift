#if canImport(Glibc)
import TextoCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading: a regular file (positioned reads allowed) or a
/// stream such as standard input (`-`), read sequentially.
///
/// The first bytes can be peeked to recognise the format; sequential reads
/// then start from the beginning again. Inputs are opened read-only and never
/// modified.
public final class InputFile {
    /// The file as the user named it (`-` for standard input).
    public let path: String
    /// The name shown in outputs and messages: the last path component, or
    /// `stdin`.
    public let displayName: String
    let descriptor: Int32
    /// The size in bytes, for regular files.
    public private(set) var size: Int?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private let ownsDescriptor: Bool

    /// Opens `path` read-only; `-` is standard input.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            displayName = "stdin"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            displayName = path.split(separator: "/").last.map(String.init) ?? path
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let code = errno
                throw TableError(
                    code == ENOENT ? .fileNotFound : .readFailed, at: DataLocation(file: path),
                    code == ENOENT ? "no such file" : "cannot open the file",
                    hint: code == ENOENT ? "Check the path and the file name." : "Check that the file is readable.",
                    cause: code == ENOENT ? nil : String(cString: strerror(code)))
            }
            descriptor = fd
            ownsDescriptor = true
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR {
                if ownsDescriptor { close(descriptor) }
                throw TableError(.readFailed, at: DataLocation(file: path), "this is a folder, not a file",
                                 hint: "Name a spreadsheet or CSV file.")
            }
            if (status.st_mode & S_IFMT) == S_IFREG { size = Int(status.st_size) }
        }
    }

    /// Wraps a descriptor the caller owns (a spooled copy of a stream).
    init(spooledDescriptor: Int32, path: String, displayName: String, size: Int) {
        self.path = path
        self.displayName = displayName
        self.descriptor = spooledDescriptor
        self.size = size
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// True when positioned reads work (a regular file).
    public var isSeekable: Bool { size != nil }

    /// Returns up to `count` bytes from the start without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while pending.count - pendingOffset < count {
            var chunk = [UInt8](repeating: 0, count: max(count, 4096))
            let got = try chunk.withUnsafeMutableBytes { raw throws in try readFromDescriptor(into: raw) }
            if got == 0 { break }
            pending.append(contentsOf: chunk[0..<got])
        }
        return Array(pending[pendingOffset..<min(pending.count, pendingOffset + count)])
    }

    /// Reads the next bytes in order; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if pendingOffset < pending.count {
            let count = min(buffer.count, pending.count - pendingOffset)
            pending.withUnsafeBytes { bytes in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + pendingOffset, byteCount: count)
            }
            pendingOffset += count
            if pendingOffset == pending.count {
                pending = []
                pendingOffset = 0
            }
            return count
        }
        return try readFromDescriptor(into: buffer)
    }

    /// Reads bytes at `offset` (regular files only); fewer bytes at the end.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + total, buffer.count - total, off_t(offset + total))
            if got < 0 {
                if errno == EINTR { continue }
                throw readError(errno)
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Copies a stream into an anonymous temporary file so that it can be
    /// read by position (a workbook on standard input). Regular files are
    /// returned as they are.
    public func seekable() throws -> InputFile {
        if isSeekable { return self }
        var template = Array("/tmp/texto-stdin-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw readError(errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let got = try read(into: buffer)
            if got == 0 { break }
            var offset = 0
            while offset < got {
                let written = write(fd, buffer.baseAddress! + offset, got - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(fd)
                    throw readError(code)
                }
                offset += written
            }
            total += got
        }
        return InputFile(spooledDescriptor: fd, path: path, displayName: displayName, size: total)
    }

    private func readFromDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let got = Glibc.read(descriptor, buffer.baseAddress!, buffer.count)
            if got < 0 {
                if errno == EINTR { continue }
                throw readError(errno)
            }
            return got
        }
    }

    private func readError(_ code: Int32) -> TableError {
        TableError(.readFailed, at: DataLocation(file: path), "reading failed",
                   hint: "Check that the file is readable and not being written by another program.",
                   cause: String(cString: strerror(code)))
    }
}
