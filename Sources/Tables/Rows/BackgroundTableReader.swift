import Foundation

/// Reads a table on a background thread and hands its rows to the caller's
/// thread in batches, so that reading (inflating, parsing, decoding) and
/// what the caller does with each row (phones, CSV writing) use both cores.
///
/// Rows are copied into batches of about a thousand (`RowBatch`); a small
/// ring of batches bounds memory whatever the size of the file. Errors on
/// either side stop both: the reader's error is rethrown to the caller at the
/// row where it happened, and an error thrown by the caller's closure stops
/// the reader.
public final class BackgroundTableReader: TableReader, @unchecked Sendable {
    private let source: any TableReader
    public var info: TableInfo { source.info }
    public var statistics: TableStatistics { source.statistics }

    private let depth: Int
    private let rowsPerBatch: Int

    /// Wraps `source`, which must not be read elsewhere.
    public init(_ source: any TableReader, depth: Int = 4, rowsPerBatch: Int = 1024) {
        self.source = source
        self.depth = depth
        self.rowsPerBatch = rowsPerBatch
    }

    private struct Stopped: Error {}

    /// The batches passing between the two threads, and the stop flag.
    private final class Channel: @unchecked Sendable {
        private let free: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var queue: [RowBatch] = []
        private var spare: [RowBatch]
        private var stop = false
        let source: any TableReader
        let rowsPerBatch: Int

        init(depth: Int, rowsPerBatch: Int, source: any TableReader) {
            free = DispatchSemaphore(value: depth)
            spare = (0..<depth).map { _ in RowBatch() }
            self.source = source
            self.rowsPerBatch = rowsPerBatch
        }

        /// A free batch to fill (waits while all are in use).
        func take() -> RowBatch {
            free.wait()
            return lock.withLock { spare.removeLast() }
        }

        /// Passes a filled batch to the consumer.
        func hand(_ batch: RowBatch) {
            lock.withLock { queue.append(batch) }
            filled.signal()
        }

        /// The next filled batch (waits while there is none).
        func next() -> RowBatch {
            filled.wait()
            return lock.withLock { queue.removeFirst() }
        }

        /// Gives a consumed batch back.
        func recycle(_ batch: RowBatch) {
            batch.reset()
            lock.withLock { spare.append(batch) }
            free.signal()
        }

        var isStopped: Bool {
            get { lock.withLock { stop } }
            set { lock.withLock { stop = newValue } }
        }

        /// The producer's loop, on its own thread.
        func produce() {
            var batch = take()
            // Per row, one call on the batch; the stop flag, behind a lock, is
            // looked at once per batch.
            func handOver() throws {
                if isStopped { throw Stopped() }
                hand(batch)
                batch = take()
            }
            do {
                try source.forEachRow { row in
                    if !batch.append(row) {  // no room left for it
                        try handOver()
                        _ = batch.append(row)  // an empty batch takes any row
                    }
                    if batch.rowCount == rowsPerBatch { try handOver() }
                }
            } catch is Stopped {
            } catch {
                batch.error = error
            }
            batch.isLast = true
            hand(batch)
            finished.signal()
        }
    }

    public func forEachRow(_ body: (Row) throws -> Void) throws {
        let channel = Channel(depth: depth, rowsPerBatch: rowsPerBatch, source: source)
        let producer = Thread { channel.produce() }
        producer.name = "texto-read"
        producer.stackSize = 4 << 20
        producer.start()

        var failure: Error?
        while true {
            let batch = channel.next()
            if failure == nil {
                do {
                    try batch.forEachRow(body)
                } catch {
                    failure = error
                    channel.isStopped = true
                }
                if let error = batch.error, failure == nil { failure = error }
            }
            let isLast = batch.isLast
            channel.recycle(batch)
            if isLast { break }
        }
        channel.finished.wait()
        if let failure { throw failure }
    }
}
