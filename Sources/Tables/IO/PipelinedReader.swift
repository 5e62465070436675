import Foundation

/// Runs a `ByteReader` on its own thread, a few chunks ahead of the consumer,
/// so that inflating and parsing a workbook use both cores (DESIGN.md §5).
///
/// A ring of `depth` buffers passes between the two threads; memory is
/// `depth × chunkSize` whatever the size of the part. An error on the
/// producer's side reaches the consumer at the chunk where it happened.
///
/// The producer thread holds only the ring, never the reader: when the
/// consumer stops (its closure throws, or it lets the reader go), the
/// producer is cancelled and joined, so it never outlives the reader and
/// never waits forever for a slot nobody will free.
final class PipelinedReader: ByteReader {
    private let ring: Ring
    private var readIndex = 0
    private var current: (slot: Int, offset: Int, length: Int)?
    private var ended = false
    private var started = false
    private var stopped = false

    init(_ source: ByteReader, depth: Int = 4, chunkSize: Int = 1 << 20) {
        ring = Ring(source: source, depth: depth, chunkSize: chunkSize)
    }

    deinit {
        stop()
    }

    private func start() {
        started = true
        let ring = ring
        let thread = Thread { ring.produce() }
        thread.name = "texto-inflate"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Cancels the producer and waits until it has returned. Reads after
    /// this find the end.
    private func stop() {
        ended = true
        guard started, !stopped else { return }
        stopped = true
        ring.cancel()
        ring.done.wait()
    }

    /// Waits for the next filled slot: its length, or nil at the end.
    private func takeSlot() throws -> Int? {
        if ended { return nil }
        if !started { start() }
        ring.filled.wait()
        let length = ring.lengths[readIndex]
        if length < 0 {
            ended = true
            throw ring.lock.withLock { ring.producerError! }
        }
        if length == 0 {
            ended = true
            return nil
        }
        return length
    }

    /// Gives the current slot back to the producer.
    private func releaseSlot() {
        readIndex = (readIndex + 1) % ring.slots.count
        ring.free.signal()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if current == nil {
            guard let length = try takeSlot() else { return 0 }
            current = (readIndex, 0, length)
        }
        let (slot, offset, length) = current!
        let count = min(buffer.count, length - offset)
        buffer.baseAddress!.copyMemory(from: ring.slots[slot].baseAddress! + offset, byteCount: count)
        if offset + count == length {
            current = nil
            releaseSlot()
        } else {
            current = (slot, offset + count, length)
        }
        return count
    }

    /// Hands the next chunk to `body` without copying it; returns false at
    /// the end. An error thrown by `body` stops the producer.
    func withNextChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        precondition(current == nil, "mixing read(into:) and withNextChunk")
        guard let length = try takeSlot() else { return false }
        do {
            try body(UnsafeRawBufferPointer(rebasing: ring.slots[readIndex][0..<length]))
        } catch {
            releaseSlot()
            stop()
            throw error
        }
        releaseSlot()
        return true
    }
}

extension PipelinedReader {
    /// What the two threads share: the buffers, their lengths, the
    /// semaphores that pass them back and forth, and the source, which only
    /// the producer reads. It outlives whichever side lets go last; the
    /// buffers are freed with it.
    private final class Ring: @unchecked Sendable {
        let source: ByteReader
        let slots: [UnsafeMutableRawBufferPointer]
        /// Per slot: the bytes in it, 0 at the end, -1 after an error.
        var lengths: [Int]
        /// Created at 0 and signalled `depth` times: libdispatch traps when a
        /// semaphore is freed below its initial value, which the
        /// cancellation's extra wait may leave it at.
        let free = DispatchSemaphore(value: 0)
        let filled = DispatchSemaphore(value: 0)
        /// Signalled once, when `produce()` returns.
        let done = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var producerError: Error?
        private var cancelled = false

        init(source: ByteReader, depth: Int, chunkSize: Int) {
            self.source = source
            slots = (0..<depth).map { _ in .allocate(byteCount: chunkSize, alignment: 64) }
            lengths = Array(repeating: 0, count: depth)
            for _ in 0..<depth { free.signal() }
        }

        deinit {
            for slot in slots { slot.deallocate() }
        }

        /// Asks the producer to return before its next slot, waking it if
        /// it waits for one.
        func cancel() {
            lock.withLock { cancelled = true }
            free.signal()
        }

        /// The producer's loop, on its own thread.
        func produce() {
            var index = 0
            defer { done.signal() }
            while true {
                free.wait()
                if lock.withLock({ cancelled }) { return }
                do {
                    var length = 0
                    let slot = slots[index]
                    // Fill the slot as far as the source gives, so the
                    // consumer sees large chunks.
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
    }
}
