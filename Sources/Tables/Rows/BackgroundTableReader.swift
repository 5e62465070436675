import Foundation

/// Reads a table on a background thread and hands its rows to the caller's
/// thread in batches, so that reading (inflating, parsing, decoding) and
/// what the caller does with each row (phones, CSV writing) use both cores.
///
/// Rows are copied into batches of about a thousand (`RowBatch`); a small
/// ring of batches bounds memory whatever the size of the file. Work on
/// single rows can be shared with the reader thread (`Preparation`). Errors
/// on either side stop both: the reader's error is rethrown to the caller at
/// the row where it happened, and an error thrown by the caller's closure
/// stops the reader.
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

    /// Work on single rows that the reader thread may do for the caller
    /// (parse a row's phone numbers), leaving notes of the results that
    /// come to the caller with the row.
    ///
    /// The caller starts it once it knows what to do (after the header); it
    /// is then done on every batch not handed over yet, before the batch's
    /// rows reach the caller. The reader thread does it while the caller has
    /// filled batches waiting; when the caller is the one waiting, the batch
    /// goes as it is and the caller's thread does the work before the rows.
    /// Either way each thread stays busy, whichever is the slower, and the
    /// rows come with the same notes. Rows handed over before the start come
    /// with none.
    package final class Preparation<Note>: @unchecked Sendable {
        private let lock = NSLock()
        private var work: ((Row, inout [Note]) -> Void)?

        package init() {}

        /// Runs `work` on the rows of the batches not handed over yet. `work`
        /// must depend on the row alone: it may run on the reader thread
        /// while the caller handles earlier rows.
        package func start(_ work: @escaping (Row, inout [Note]) -> Void) {
            lock.withLock { self.work = work }
        }

        var current: ((Row, inout [Note]) -> Void)? { lock.withLock { work } }
    }

    private struct Stopped: Error {}

    /// The batches passing between the two threads, and the stop flag.
    private final class Channel<Note>: @unchecked Sendable {
        private let free: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var queue: [RowBatch<Note>] = []
        private var spare: [RowBatch<Note>]
        private var stop = false
        let source: any TableReader
        let rowsPerBatch: Int
        let preparation: Preparation<Note>?

        init(depth: Int, rowsPerBatch: Int, source: any TableReader, preparation: Preparation<Note>?) {
            free = DispatchSemaphore(value: depth)
            spare = (0..<depth).map { _ in RowBatch() }
            self.source = source
            self.rowsPerBatch = rowsPerBatch
            self.preparation = preparation
        }

        /// A free batch to fill (waits while all are in use).
        func take() -> RowBatch<Note> {
            free.wait()
            return lock.withLock { spare.removeLast() }
        }

        /// Passes a filled batch to the consumer.
        func hand(_ batch: RowBatch<Note>) {
            lock.withLock { queue.append(batch) }
            filled.signal()
        }

        /// The next filled batch (waits while there is none).
        func next() -> RowBatch<Note> {
            filled.wait()
            return lock.withLock { queue.removeFirst() }
        }

        /// Gives a consumed batch back.
        func recycle(_ batch: RowBatch<Note>) {
            batch.reset()
            lock.withLock { spare.append(batch) }
            free.signal()
        }

        var isStopped: Bool {
            get { lock.withLock { stop } }
            set { lock.withLock { stop = newValue } }
        }

        /// True while filled batches wait for the consumer.
        private var consumerIsBusy: Bool { lock.withLock { !queue.isEmpty } }

        /// Does the preparation's work on `batch` if there is some and the
        /// consumer has batches to work on meanwhile.
        private func prepare(_ batch: RowBatch<Note>) {
            if let work = preparation?.current, consumerIsBusy { batch.prepareNotes(work) }
        }

        /// The producer's loop, on its own thread.
        func produce() {
            var batch = take()
            // Per row, one call on the batch; the stop flag, behind a lock, is
            // looked at once per batch.
            func handOver() throws {
                if isStopped { throw Stopped() }
                prepare(batch)
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
            prepare(batch)
            batch.isLast = true
            hand(batch)
            finished.signal()
        }
    }

    public func forEachRow(_ body: (Row) throws -> Void) throws {
        try read(preparation: nil as Preparation<Never>?, ahead: nil) { row, _ in try body(row) }
    }

    /// Calls `body` with every row, in order, and the notes `preparation`
    /// left for it (none for the rows handed over before its start).
    /// `ahead`, on the caller's thread, gets the notes of the next rows (a
    /// batch of them) before `body` gets those rows: a chance to start the
    /// memory reads they will need.
    package func forEachRow<Note>(
        preparation: Preparation<Note>,
        ahead: ((UnsafeBufferPointer<Note>) -> Void)? = nil,
        _ body: (Row, UnsafeBufferPointer<Note>) throws -> Void
    ) throws {
        try read(preparation: preparation, ahead: ahead, body)
    }

    private func read<Note>(
        preparation: Preparation<Note>?, ahead: ((UnsafeBufferPointer<Note>) -> Void)?,
        _ body: (Row, UnsafeBufferPointer<Note>) throws -> Void
    ) throws {
        let channel = Channel(depth: depth, rowsPerBatch: rowsPerBatch, source: source, preparation: preparation)
        let producer = Thread { channel.produce() }
        producer.name = "texto-read"
        producer.stackSize = 4 << 20
        producer.start()

        var failure: Error?
        while true {
            let batch = channel.next()
            if failure == nil {
                // The reader thread had no time for it: this thread was waiting.
                if !batch.isPrepared, let work = preparation?.current { batch.prepareNotes(work) }
                do {
                    try batch.forEachRow(ahead: ahead, body)
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
