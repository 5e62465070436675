import Dispatch
import Foundation

/// Hands a `ZipWriter` blocks of uncompressed bytes and, when asked to,
/// runs it on a queue of its own: the caller formats the next block of XML
/// while the previous one is compressed (DESIGN.md §5: the machine has a
/// second core).
///
/// The caller fills a block, `submit`s it and gets an empty one back; at
/// most `depth` blocks exist, so memory does not grow with the rows. Every
/// operation on the zip runs in the order it was asked, on one thread at a
/// time. An error of the queue is kept and thrown by the caller's next call.
final class ZipPipe: @unchecked Sendable {
    /// The size of each block.
    let blockSize: Int
    private let zip: ZipWriter
    private let queue: DispatchQueue?
    /// Created at 0 and signalled `depth` times: libdispatch traps when a
    /// semaphore is freed below its initial value, and the caller keeps a
    /// block to the end.
    private let free = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Every block, to free at the end; `spare` the ones nobody holds.
    private var blocks: [UnsafeMutableRawPointer] = []
    private var spare: [UnsafeMutableRawPointer] = []
    private var failure: Error?

    /// `background`: compress on a queue of its own; otherwise on the
    /// caller's thread, as each block is submitted.
    init(zip: ZipWriter, background: Bool, blockSize: Int = 1 << 20, depth: Int = 3) {
        self.zip = zip
        self.blockSize = blockSize
        queue = background ? DispatchQueue(label: "texto.xlsx.deflate") : nil
        for _ in 0..<depth { free.signal() }
    }

    /// Runs once no queued operation is left: each holds the pipe.
    deinit {
        for block in blocks { block.deallocate() }
    }

    /// An empty block to fill.
    func takeBlock() -> UnsafeMutableRawPointer {
        free.wait()
        return lock.withLock {
            if let block = spare.popLast() { return block }
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
            blocks.append(block)
            return block
        }
    }

    /// Compresses the first `count` bytes of `block` into the open entry and
    /// returns an empty block (`block` itself when there is no queue).
    func submit(_ block: UnsafeMutableRawPointer, count: Int) throws -> UnsafeMutableRawPointer {
        try rethrow()
        guard let queue else {
            try zip.write(UnsafeRawBufferPointer(start: block, count: count))
            return block
        }
        nonisolated(unsafe) let filled = block
        queue.async { [self] in
            run { try zip.write(UnsafeRawBufferPointer(start: filled, count: count)) }
            lock.withLock { spare.append(filled) }
            free.signal()
        }
        return takeBlock()
    }

    func startEntry(_ name: String) throws {
        try perform { try $0.startEntry(name) }
    }

    func finishEntry() throws {
        try perform { try $0.finishEntry() }
    }

    /// Writes a whole small entry.
    func addEntry(_ name: String, _ data: [UInt8]) throws {
        try perform { try $0.addEntry(name, data) }
    }

    /// Writes the central directory and waits until everything is in the sink.
    func finish() throws {
        try perform { try $0.finish() }
        try wait()
    }

    /// Waits until the queue has done everything asked so far.
    func wait() throws {
        queue?.sync {}
        try rethrow()
    }

    private func perform(_ operation: @escaping @Sendable (ZipWriter) throws -> Void) throws {
        try rethrow()
        guard let queue else {
            try operation(zip)
            return
        }
        queue.async { [self] in run { try operation(zip) } }
    }

    /// Runs `operation` on the queue unless an earlier one failed.
    private func run(_ operation: () throws -> Void) {
        guard lock.withLock({ failure == nil }) else { return }
        do {
            try operation()
        } catch {
            lock.withLock { failure = error }
        }
    }

    private func rethrow() throws {
        if let error = lock.withLock({ failure }) { throw error }
    }
}
