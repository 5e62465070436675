import Foundation

/// Runs a `ByteReader` on its own thread, a few chunks ahead of the consumer,
/// so that inflating and parsing a workbook use both cores (DESIGN.md §5).
///
/// A ring of `depth` buffers passes between the two threads; memory is
/// `depth × chunkSize` whatever the size of the part. An error on the
/// producer's side reaches the consumer at the chunk where it happened.
final class PipelinedReader: ByteReader, @unchecked Sendable {
    private let source: ByteReader
    private let slots: [UnsafeMutableRawBufferPointer]
    private var lengths: [Int]
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var producerError: Error?
    private var cancelled = false
    private let lock = NSLock()
    private var readIndex = 0
    private var current: (slot: Int, offset: Int, length: Int)?
    private var ended = false
    private var started = false

    init(_ source: ByteReader, depth: Int = 4, chunkSize: Int = 1 << 20) {
        self.source = source
        self.slots = (0..<depth).map { _ in .allocate(byteCount: chunkSize, alignment: 64) }
        self.lengths = Array(repeating: 0, count: depth)
        self.free = DispatchSemaphore(value: depth)
    }

    deinit {
        if started {
            lock.withLock { cancelled = true }
            // Let a producer waiting for a free slot see the cancellation.
            for _ in slots { free.signal() }
            done.wait()
        }
        for slot in slots { slot.deallocate() }
    }

    private func start() {
        started = true
        let thread = Thread { [unowned self] in self.produce() }
        thread.name = "texto-inflate"
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func produce() {
        var index = 0
        defer { done.signal() }
        while true {
            free.wait()
            if lock.withLock({ cancelled }) { return }
            do {
                var length = 0
                let slot = slots[index]
                // Fill the slot as far as the source gives, so the consumer
                // sees large chunks.
                while length < slot.count {
                    let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: slot[length...]))
                    if got == 0 { break }
                    length += got
                }
                lengths[index] = length
                filled.signal()
                if length == 0 { return }
            } catch {
                lock.withLock { producerError = error }
                lengths[index] = -1
                filled.signal()
                return
            }
            index = (index + 1) % slots.count
        }
    }

    /// Waits for the next filled slot: its length, or nil at the end.
    private func takeSlot() throws -> Int? {
        if !started { start() }
        if ended { return nil }
        filled.wait()
        let length = lengths[readIndex]
        if length < 0 {
            ended = true
            throw lock.withLock { producerError! }
        }
        if length == 0 {
            ended = true
            return nil
        }
        return length
    }

    /// Gives the current slot back to the producer.
    private func releaseSlot() {
        readIndex = (readIndex + 1) % slots.count
        free.signal()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if current == nil {
            guard let length = try takeSlot() else { return 0 }
            current = (readIndex, 0, length)
        }
        let (slot, offset, length) = current!
        let count = min(buffer.count, length - offset)
        buffer.baseAddress!.copyMemory(from: slots[slot].baseAddress! + offset, byteCount: count)
        if offset + count == length {
            current = nil
            releaseSlot()
        } else {
            current = (slot, offset + count, length)
        }
        return count
    }

    /// Hands the next chunk to `body` without copying it; returns false at the end.
    func withNextChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        precondition(current == nil, "mixing read(into:) and withNextChunk")
        guard let length = try takeSlot() else { return false }
        defer { releaseSlot() }
        try body(UnsafeRawBufferPointer(rebasing: slots[readIndex][0..<length]))
        return true
    }
}
