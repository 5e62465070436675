import Dispatch

/// A file that appears complete or not at all (DESIGN.md §6).
///
/// Bytes go to a temporary file in the destination's folder; `commit()`
/// flushes, fsyncs, renames it into place and fsyncs the folder. Anything
/// else (an error, `discard()`, deinit) removes the temporary file, so a
/// failed stage never leaves a half-written output behind.
/// The path `-` means standard output: the bytes are copied there on `commit()`.
///
/// Full buffers are written by a background queue while the stage goes on
/// filling the next one: copying into the page cache costs as much as
/// producing a CSV, and the machine has a second core.
///
/// Every `syncInterval` bytes (16 MiB), another queue asks the disk to make
/// what was written so far durable (`fdatasync`), while the stage goes on:
/// the `fsync` of `commit()` then has only the last few megabytes left to
/// flush. Left for the end, that flush took 0.2-0.3 s for a 180 MB output
/// here, a third of the import's time. An error of such a flush is kept and
/// thrown like a write error: it would not be reported again.
public final class AtomicOutputFile: @unchecked Sendable {
    /// The destination as the user named it.
    public let path: String
    /// Where the bytes go until `commit()`.
    package let temporaryPath: String
    private var descriptor: Int32
    private var buffer: UnsafeMutableRawPointer
    private var buffered = 0
    private let capacity: Int
    private var finished = false
    private let writes = DispatchQueue(label: "texto.output")
    private let available = DispatchSemaphore(value: 3)
    private let lock = DispatchSemaphore(value: 1)
    private var spare: [UnsafeMutableRawPointer] = []
    private var writeError: OutputError?
    /// Flushes the file to disk while it is being written (not for `-`,
    /// whose temporary file is only copied).
    private let syncs: DispatchQueue?
    /// Bytes written since the last flush was started (the write queue's).
    private var unsynced = 0
    /// True while a flush runs (under `lock`).
    private var syncing = false
    /// How many bytes are written between two flushes.
    private let syncInterval: Int

    /// Creates the temporary file beside `path` with mode 0640: outputs hold
    /// personal data. For `-`, the temporary file is in the system's
    /// temporary folder and `commit()` copies it to standard output, so a
    /// failed stage prints nothing. `mode`: 0600 for a secret (the store's
    /// erasure key). `syncInterval`: the bytes written between two flushes
    /// to disk while the file is written.
    public init(path: String, mode: Int = 0o640, bufferSize: Int = 512 << 10, syncInterval: Int = 16 << 20) throws {
        self.path = path
        self.capacity = bufferSize
        self.syncInterval = syncInterval
        let (folder, name) = path == "-" ? (Self.systemTemporaryFolder, "texto-stdout") : Self.split(path)
        (descriptor, temporaryPath) = try Self.createTemporaryFile(folder: folder, name: name, for: path, mode: mode)
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
        syncs = path == "-" ? nil : DispatchQueue(label: "texto.output.sync")
    }

    deinit {
        if !finished { discard() }
        writes.sync {}
        syncs?.sync {}
        buffer.deallocate()
        for block in spare { block.deallocate() }
    }

    /// Appends bytes.
    @inline(__always)
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count <= capacity - buffered {
            if bytes.count > 0 {
                (buffer + buffered).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                buffered += bytes.count
            }
            return
        }
        var remaining = UnsafeRawBufferPointer(bytes)
        while !remaining.isEmpty {
            let count = min(remaining.count, capacity - buffered)
            (buffer + buffered).copyMemory(from: remaining.baseAddress!, byteCount: count)
            buffered += count
            remaining = UnsafeRawBufferPointer(rebasing: remaining[count...])
            if buffered == capacity { submit() }
        }
        try rethrowWriteError()
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws {
        var text = text
        do {
            try text.withUTF8 { utf8 throws in try write(UnsafeRawBufferPointer(utf8)) }
        }
    }

    /// Writes the buffered bytes to the file and waits until they are there.
    public func flush() throws {
        submit()
        writes.sync {}
        try rethrowWriteError()
    }

    /// Hands the current buffer to the background queue and takes a free one.
    private func submit() {
        guard buffered > 0 else { return }
        nonisolated(unsafe) let block = buffer
        let count = buffered
        available.wait()
        lock.wait()
        buffer = spare.popLast() ?? .allocate(byteCount: capacity, alignment: 16)
        lock.signal()
        buffered = 0
        writes.async { [self] in
            do {
                try writeFully(block, count)
            } catch let error as OutputError {
                keep(error)
            } catch {}
            lock.wait()
            spare.append(block)
            lock.signal()
            available.signal()
            unsynced += count
            if unsynced >= syncInterval { startSync() }
        }
    }

    /// Starts flushing what was written so far to disk, unless a flush is
    /// still running (the next write will try again).
    private func startSync() {
        guard let syncs else { return }
        lock.wait()
        let busy = syncing
        syncing = true
        lock.signal()
        if busy { return }
        unsynced = 0
        syncs.async { [self] in
            do throws(Errno) {
                try systemDataSync(descriptor)
            } catch {
                keep(OutputError(path: path, operation: "flush to disk", error))
            }
            lock.wait()
            syncing = false
            lock.signal()
        }
    }

    /// Keeps the first error of the background queues, for the stage's next call.
    private func keep(_ error: OutputError) {
        lock.wait()
        if writeError == nil { writeError = error }
        lock.signal()
    }

    private func rethrowWriteError() throws {
        lock.wait()
        let error = writeError
        lock.signal()
        if let error { throw error }
    }

    /// Makes the file durable and visible under its final name (or copies
    /// it to standard output, for `-`).
    public func commit() throws {
        _ = try commit(replacing: true)
    }

    /// `commit()`, or with `replacing: false` only if nothing exists at the
    /// path yet (another process may have made it meanwhile): returns false
    /// and leaves that file untouched when something does.
    public func commit(replacing: Bool) throws -> Bool {
        try flush()
        syncs?.sync {}
        try rethrowWriteError()
        finished = true
        defer { systemClose(descriptor) }
        if path == "-" {
            defer { try? systemUnlink(temporaryPath) }
            try copyToStandardOutput()
            return true
        }
        do throws(Errno) {
            try systemFsync(descriptor)
        } catch {
            try? systemUnlink(temporaryPath)
            throw OutputError(path: path, operation: "flush to disk", error)
        }
        do throws(Errno) {
            if replacing {
                try systemRename(temporaryPath, to: path)
            } else {
                defer { try? systemUnlink(temporaryPath) }
                try systemLink(temporaryPath, to: path)
            }
        } catch where !replacing && error == .fileExists {
            return false
        } catch {
            try? systemUnlink(temporaryPath)
            throw OutputError(path: path, operation: "move into place", error)
        }
        let folder = Self.split(path).folder
        if let folderDescriptor = try? systemOpenDirectory(folder.isEmpty ? "." : folder) {
            try? systemFsync(folderDescriptor)
            systemClose(folderDescriptor)
        }
        return true
    }

    /// Abandons the output: the temporary file is removed, nothing appears.
    package func discard() {
        guard !finished else { return }
        finished = true
        buffered = 0
        writes.sync {}
        syncs?.sync {}
        systemClose(descriptor)
        try? systemUnlink(temporaryPath)
    }

    private func copyToStandardOutput() throws {
        var offset = 0
        while true {
            let got: Int
            do throws(Errno) {
                got = try systemPread(descriptor, into: UnsafeMutableRawBufferPointer(start: buffer, count: capacity), at: offset)
            } catch {
                throw OutputError(path: path, operation: "read back", error)
            }
            if got == 0 { break }
            var written = 0
            while written < got {
                do throws(Errno) {
                    written += try systemWrite(systemStandardOutput, UnsafeRawBufferPointer(start: buffer + written, count: got - written))
                } catch {
                    throw OutputError(path: "standard output", operation: "write", error)
                }
            }
            offset += got
        }
    }

    private static var systemTemporaryFolder: String {
        var folder = systemEnvironment("TMPDIR") ?? "/tmp"
        if !folder.hasSuffix("/") { folder += "/" }
        return folder
    }

    private func writeFully(_ start: UnsafeRawPointer, _ count: Int) throws {
        var offset = 0
        while offset < count {
            do throws(Errno) {
                offset += try systemWrite(descriptor, UnsafeRawBufferPointer(start: start + offset, count: count - offset))
            } catch {
                throw OutputError(path: path, operation: "write", error)
            }
        }
    }

    /// A new file `.NAME.tmp-PID-N` in `folder`, mode 0640: outputs hold
    /// personal data.
    private static func createTemporaryFile(folder: String, name: String, for path: String, mode: Int) throws -> (Int32, String) {
        var attempt = 0
        while true {
            attempt += 1
            let candidate = folder + "." + name + ".tmp-\(systemProcessID())-\(attempt)"
            do throws(Errno) {
                return (try systemCreateExclusive(candidate, mode: mode), candidate)
            } catch {
                if error == .fileExists, attempt < 1000 { continue }
                throw OutputError(path: path, operation: "create a file in its folder", error)
            }
        }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
