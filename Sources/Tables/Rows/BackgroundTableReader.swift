import Foundation

/// Reads a table on a background thread and hands its rows to the caller's
/// thread in batches, so that reading (inflating, parsing, decoding) and
/// what the caller does with each row (phones, CSV writing) use both cores.
///
/// Rows are copied into batches of a few thousand (one byte arena and an
/// offset table each); a small ring of batches bounds memory whatever the
/// size of the file. Errors on either side stop both: the reader's error is
/// rethrown to the caller at the row where it happened, and an error thrown
/// by the caller's closure stops the reader.
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

    /// One batch of rows: cell bytes, and per cell its offset and length.
    private final class Batch {
        var bytes = [UInt8]()
        var cellStarts = [UInt32]()
        var cellLengths = [UInt32]()
        /// Per row: its number, first cell and cell count.
        var rows = [(number: Int, firstCell: Int, count: Int)]()
        /// Set on the last batch when the reader failed.
        var error: Error?
        var isLast = false

        func reset() {
            bytes.removeAll(keepingCapacity: true)
            cellStarts.removeAll(keepingCapacity: true)
            cellLengths.removeAll(keepingCapacity: true)
            rows.removeAll(keepingCapacity: true)
            error = nil
            isLast = false
        }

        func append(_ row: Row) {
            rows.append((row.number, cellStarts.count, row.count))
            for index in 0..<row.count {
                let cell = row[index]
                cellStarts.append(UInt32(bytes.count))
                cellLengths.append(UInt32(cell.count))
                if !cell.isEmpty { bytes.append(contentsOf: cell) }
            }
        }
    }

    private struct Stopped: Error {}

    /// The batches passing between the two threads, and the stop flag.
    private final class Channel: @unchecked Sendable {
        private let free: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var queue: [Batch] = []
        private var spare: [Batch]
        private var stop = false
        let source: any TableReader
        let rowsPerBatch: Int

        init(depth: Int, rowsPerBatch: Int, source: any TableReader) {
            free = DispatchSemaphore(value: depth)
            spare = (0..<depth).map { _ in Batch() }
            self.source = source
            self.rowsPerBatch = rowsPerBatch
        }

        /// A free batch to fill (waits while all are in use).
        func take() -> Batch {
            free.wait()
            return lock.withLock { spare.removeLast() }
        }

        /// Passes a filled batch to the consumer.
        func hand(_ batch: Batch) {
            lock.withLock { queue.append(batch) }
            filled.signal()
        }

        /// The next filled batch (waits while there is none).
        func next() -> Batch {
            filled.wait()
            return lock.withLock { queue.removeFirst() }
        }

        /// Gives a consumed batch back.
        func recycle(_ batch: Batch) {
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
            do {
                try source.forEachRow { row in
                    if isStopped { throw Stopped() }
                    batch.append(row)
                    if batch.rows.count == rowsPerBatch {
                        hand(batch)
                        batch = take()
                    }
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

        var cells = [UnsafeBufferPointer<UInt8>]()
        var failure: Error?
        while true {
            let batch = channel.next()
            if failure == nil {
                do {
                    try batch.bytes.withUnsafeBufferPointer { bytes in
                        for row in batch.rows {
                            cells.removeAll(keepingCapacity: true)
                            for cell in row.firstCell..<row.firstCell + row.count {
                                let length = Int(batch.cellLengths[cell])
                                let start = Int(batch.cellStarts[cell])
                                cells.append(length == 0 ? UnsafeBufferPointer(start: nil, count: 0)
                                                         : UnsafeBufferPointer(rebasing: bytes[start..<start + length]))
                            }
                            try cells.withUnsafeBufferPointer { pointers in
                                try body(Row(number: row.number, cells: pointers.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: row.count))
                            }
                        }
                    }
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
