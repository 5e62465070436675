import Foundation
import Store

/// Hands the ledger rows of an emit from the thread that makes the
/// messages (reading, numbers, ids, schedule, batch files) to the thread
/// that holds the store's write transaction, a batch at a time: the two
/// halves each take about half the time of a large emit, and run on two
/// cores instead of one after the other.
///
/// At most `depth` batches wait in between, so memory stays flat whatever
/// the number of messages. An error on either side stops both: the
/// producer's comes out of `run`; after the consumer's, the producer's
/// next `send` throws and `run` waits for it to end before rethrowing.
final class LedgerPipe: @unchecked Sendable {
    /// Messages per batch handed over.
    static let batchSize = 2_048
    /// Batches that may wait.
    private let depth = 8
    private let condition = NSCondition()
    private var queue: [[LedgerMessage]] = []
    private var finished = false
    private var producerError: (any Error)?
    private var cancelled = false
    /// The batch being filled (producer side only).
    private var pending: [LedgerMessage] = []

    /// The ledger gave up: the producer stops at its next `send`.
    struct Cancelled: Error {}

    private init() {
        pending.reserveCapacity(Self.batchSize)
    }

    /// Producer side: queues `message` for the ledger.
    func send(_ message: LedgerMessage) throws {
        pending.append(message)
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
    private func receive() throws -> [LedgerMessage]? {
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

    /// Runs `produce` on a thread of its own and records every message it
    /// sends into `ledger` on this one; returns what `produce` returns once
    /// every message is recorded.
    static func run<Result>(into ledger: LedgerTransaction, _ produce: @escaping (LedgerPipe) throws -> Result) throws -> Result {
        let pipe = LedgerPipe()
        let outcome = Outcome<Result>(produce)
        let thread = Thread { outcome.run(pipe) }
        thread.name = "texto-emit"
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let batch = try pipe.receive() {
                for message in batch { try ledger.add(message) }
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
        let produce: (LedgerPipe) throws -> Value
        var result: Swift.Result<Value, any Error>?
        let done = DispatchSemaphore(value: 0)

        init(_ produce: @escaping (LedgerPipe) throws -> Value) {
            self.produce = produce
        }

        func run(_ pipe: LedgerPipe) {
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
