import Foundation

/// Hands items from a thread that makes them to the thread that records
/// them, a batch at a time: for a stage whose two halves (reading and
/// parsing; writing the store) each take a good part of the time, so
/// that they run on two cores instead of one after the other. An emit
/// hands its ledger rows over one; an ingest its parsed report lines.
///
/// At most `depth` batches wait in between, so memory stays flat whatever
/// the number of items. An error on either side stops both: the
/// producer's comes out of `run`; after the consumer's, the producer's
/// next `send` throws and `run` waits for it to end before rethrowing.
public final class BatchPipe<Item>: @unchecked Sendable {
    /// Items per batch handed over.
    public static var batchSize: Int { 2_048 }
    /// Batches that may wait.
    private let depth = 8
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var finished = false
    private var producerError: (any Error)?
    private var cancelled = false
    /// The batch being filled (producer side only).
    private var pending: [Item] = []

    /// The consumer gave up: the producer stops at its next `send`.
    public struct Cancelled: Error {}

    private init() {
        pending.reserveCapacity(Self.batchSize)
    }

    /// Producer side: queues `item` for the consumer.
    public func send(_ item: Item) throws {
        pending.append(item)
        if pending.count == Self.batchSize { try flush() }
    }

    /// Producer side: hands over the batch being filled.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(pending)
        pending = []
        pending.reserveCapacity(Self.batchSize)
        condition.broadcast()
    }

    private func end(_ error: (any Error)?) {
        condition.lock()
        finished = true
        producerError = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer side: the next batch, nil at the end; throws the producer's error.
    private func receive() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if let producerError { throw producerError }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    private func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `produce` on a thread of its own (named `name`) and `consume`
    /// on this one with every item it sends, in order; returns what
    /// `produce` returns once every item is consumed.
    public static func run<Result>(
        name: String, consume: (Item) throws -> Void, produce: @escaping (BatchPipe) throws -> Result
    ) throws -> Result {
        let pipe = BatchPipe()
        let outcome = Outcome<Result>(produce)
        let thread = Thread { outcome.run(pipe) }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let batch = try pipe.receive() {
                for item in batch { try consume(item) }
            }
        } catch {
            pipe.cancel()
            outcome.done.wait()
            throw error
        }
        outcome.done.wait()
        return try outcome.result!.get()
    }

    /// The producer's work and what came of it, shared with its thread.
    private final class Outcome<Value>: @unchecked Sendable {
        let produce: (BatchPipe) throws -> Value
        var result: Swift.Result<Value, any Error>?
        let done = DispatchSemaphore(value: 0)

        init(_ produce: @escaping (BatchPipe) throws -> Value) {
            self.produce = produce
        }

        func run(_ pipe: BatchPipe) {
            do {
                let value = try produce(pipe)
                try pipe.flush()
                result = .success(value)
                pipe.end(nil)
            } catch {
                result = .failure(error)
                pipe.end(error)
            }
            done.signal()
        }
    }
}
