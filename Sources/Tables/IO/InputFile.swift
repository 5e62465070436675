import TextoCore
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
    package let displayName: String
    let descriptor: Int32
    /// The size in bytes, for regular files.
    public private(set) var size: Int?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private let ownsDescriptor: Bool

    /// Opens `path` read-only; `-` is standard input.
    package init(path: String) throws {
        self.path = path
        if path == "-" {
            displayName = "stdin"
            descriptor = systemStandardInput
            ownsDescriptor = false
        } else {
            displayName = path.split(separator: "/").last.map(String.init) ?? path
            do throws(Errno) {
                descriptor = try systemOpenForReading(path)
            } catch {
                let missing = error == .noSuchFile
                throw TableError(
                    missing ? .fileNotFound : .readFailed, at: DataLocation(file: path),
                    missing ? "no such file" : "cannot open the file",
                    hint: missing ? "Check the path and the file name." : "Check that the file is readable.",
                    cause: missing ? nil : error.description)
            }
            ownsDescriptor = true
        }
        if let status = try? systemFileStatus(descriptor) {
            if status.isDirectory {
                if ownsDescriptor { systemClose(descriptor) }
                throw TableError(.readFailed, at: DataLocation(file: path), "this is a folder, not a file",
                                 hint: "Name a spreadsheet or CSV file.")
            }
            size = status.regularFileSize
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
        if ownsDescriptor { systemClose(descriptor) }
    }

    /// True when positioned reads work (a regular file).
    package var isSeekable: Bool { size != nil }

    /// Returns up to `count` bytes from the start without consuming them.
    package func peek(_ count: Int) throws -> [UInt8] {
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
            let got: Int
            do throws(Errno) {
                got = try systemPread(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]), at: offset + total)
            } catch {
                throw readError(error)
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Copies a stream into an anonymous temporary file so that it can be
    /// read by position (a workbook on standard input). Regular files are
    /// returned as they are.
    package func seekable() throws -> InputFile {
        if isSeekable { return self }
        let fd: Int32
        do throws(Errno) {
            fd = try systemAnonymousTemporaryFile()
        } catch {
            throw readError(error)
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let got = try read(into: buffer)
            if got == 0 { break }
            var offset = 0
            while offset < got {
                do throws(Errno) {
                    offset += try systemWrite(fd, UnsafeRawBufferPointer(rebasing: buffer[offset..<got]))
                } catch {
                    systemClose(fd)
                    throw readError(error)
                }
            }
            total += got
        }
        return InputFile(spooledDescriptor: fd, path: path, displayName: displayName, size: total)
    }

    private func readFromDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do throws(Errno) {
            return try systemRead(descriptor, into: buffer)
        } catch {
            throw readError(error)
        }
    }

    private func readError(_ error: Errno) -> TableError {
        TableError(.readFailed, at: DataLocation(file: path), "reading failed",
                   hint: "Check that the file is readable and not being written by another program.",
                   cause: error.description)
    }
}
