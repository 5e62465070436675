/// Rows copied out of a reader's buffers, for `BackgroundTableReader` to hand
/// from the reader thread to the caller's.
///
/// One arena of bytes and one table of cells, allocated once and reused batch
/// after batch: no array bookkeeping per cell. The arena never moves while it
/// holds rows (a row that does not fit is left for the next batch), so the
/// cells point straight into it and the caller's thread gets each `Row`
/// without rebuilding anything.
///
/// A row is copied as its CSV record (`Row.record`), the bytes `CSVWriter`
/// would write for its cells: the caller's thread, which writes the
/// outputs, then copies the row in one block, and the quoting decisions are
/// made here, on the reader thread, as the bytes are copied anyway. A cell
/// without quotes is its own bytes inside the record; a quoted cell
/// (`"2145,91"`) is also copied as is after the record.
///
/// Each row may come with notes of the caller's (`Note`): what the reader
/// thread worked out from the row for the caller (its phone numbers, parsed).
final class RowBatch<Note> {
    /// Where a row's cells, record and notes are.
    private struct Entry {
        var number: Int
        var firstCell: Int
        var count: Int
        var recordStart: Int
        var recordLength: Int
        var firstNote = 0
        var noteCount = 0
    }

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var used = 0
    private var cells: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var cellCapacity: Int
    private var cellCount = 0
    private var rows: UnsafeMutablePointer<Entry>
    private var rowCapacity: Int
    /// The current row's quoted cells, by index in `cells`.
    private var quoted: UnsafeMutablePointer<Int>
    private var quotedCapacity = 64
    /// The rows held.
    private(set) var rowCount = 0
    /// The rows' notes, in order.
    private var notes: [Note] = []
    /// True once `prepareNotes` ran.
    private(set) var isPrepared = false
    /// Set on the last batch when the reader failed.
    var error: Error?
    var isLast = false

    /// - Parameter byteCapacity: the arena's size; a larger row grows it
    ///   (when it is alone in the batch).
    init(byteCapacity: Int = 256 << 10) {
        self.byteCapacity = byteCapacity
        bytes = .allocate(capacity: byteCapacity)
        bytes.initialize(repeating: 0, count: byteCapacity)
        cellCapacity = 16 << 10
        cells = .allocate(capacity: cellCapacity)
        rowCapacity = 1024
        rows = .allocate(capacity: rowCapacity)
        quoted = .allocate(capacity: quotedCapacity)
    }

    deinit {
        bytes.deallocate()
        cells.deallocate()
        rows.deallocate()
        quoted.deallocate()
    }

    /// Empties the batch, keeping its memory.
    func reset() {
        used = 0
        cellCount = 0
        rowCount = 0
        notes.removeAll(keepingCapacity: true)
        isPrepared = false
        error = nil
        isLast = false
    }

    /// Copies `row` in. Returns false, copying nothing, when the arena is too
    /// full for it; an empty batch takes any row.
    func append(_ row: Row) -> Bool {
        var length = 0
        for index in 0..<row.count { length += row.cells[index].count }
        // At worst every cell is quoted with every byte doubled, a comma
        // before it, and copied once more as is.
        let worst = 3 * length + 3 * row.count
        if worst > byteCapacity - used {
            if rowCount > 0 { return false }
            growBytes(to: max(worst, 2 * byteCapacity))
        }
        if cellCount + row.count > cellCapacity { growCells(to: max(cellCount + row.count, 2 * cellCapacity)) }
        if rowCount == rowCapacity { growRows() }
        if row.count > quotedCapacity {
            quoted.deallocate()
            quotedCapacity = row.count
            quoted = .allocate(capacity: quotedCapacity)
        }
        // Locals, not properties, in the loop: the stores through pointers
        // would otherwise make the compiler reload the properties each time.
        let bytes = self.bytes, cells = self.cells + cellCount, quoted = self.quoted
        let recordStart = used
        var used = self.used
        var quotedCount = 0
        for index in 0..<row.count {
            if index > 0 {
                bytes[used] = UInt8(ascii: ",")
                used += 1
            }
            let cell = row.cells[index]
            let target = bytes + used
            if CSVWriter.copyIfUnquoted(cell, to: target) {
                cells[index] = UnsafeBufferPointer(start: target, count: cell.count)
                used += cell.count
            } else {
                used += CSVWriter.writeQuoted(cell, to: target)
                cells[index] = cell  // the reader's bytes, copied below
                quoted[quotedCount] = index
                quotedCount += 1
            }
        }
        let recordLength = used - recordStart
        for index in 0..<quotedCount {
            let cell = cells[quoted[index]]
            (bytes + used).update(from: cell.baseAddress!, count: cell.count)
            cells[quoted[index]] = UnsafeBufferPointer(start: bytes + used, count: cell.count)
            used += cell.count
        }
        rows[rowCount] = Entry(number: row.number, firstCell: cellCount, count: row.count,
                               recordStart: recordStart, recordLength: recordLength)
        rowCount += 1
        cellCount += row.count
        self.used = used
        return true
    }

    /// Lets `prepare` add every row's notes, in order, once the batch is
    /// full: one loop per batch rather than calls between the reader's and
    /// the batch's code per row. Once per batch.
    func prepareNotes(_ prepare: (Row, inout [Note]) -> Void) {
        var notes = self.notes
        self.notes = []
        for index in 0..<rowCount {
            let first = notes.count
            prepare(row(index), &notes)
            rows[index].firstNote = first
            rows[index].noteCount = notes.count - first
        }
        self.notes = notes
        isPrepared = true
    }

    /// Row `index` (valid until `reset()`).
    @inline(__always)
    private func row(_ index: Int) -> Row {
        let entry = rows[index]
        return Row(number: entry.number, cells: cells + entry.firstCell, count: entry.count,
                   record: UnsafeBufferPointer(start: bytes + entry.recordStart, count: entry.recordLength))
    }

    /// Calls `ahead` with all the notes, then `body` with every row and its
    /// notes, in order (the rows are valid during the call).
    func forEachRow(ahead: ((UnsafeBufferPointer<Note>) -> Void)?, _ body: (Row, UnsafeBufferPointer<Note>) throws -> Void) rethrows {
        try notes.withUnsafeBufferPointer { notes in
            ahead?(notes)
            for index in 0..<rowCount {
                let entry = rows[index]
                try body(row(index), UnsafeBufferPointer(rebasing: notes[entry.firstNote..<entry.firstNote + entry.noteCount]))
            }
        }
    }

    /// Only while the batch is empty: nothing points into the arena yet.
    private func growBytes(to capacity: Int) {
        bytes.deallocate()
        bytes = .allocate(capacity: capacity)
        bytes.initialize(repeating: 0, count: capacity)
        byteCapacity = capacity
    }

    /// The cell table may move while the batch fills: rows are made from it
    /// only once the batch is handed over.
    private func growCells(to capacity: Int) {
        let larger = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: capacity)
        larger.moveInitialize(from: cells, count: cellCount)
        cells.deallocate()
        cells = larger
        cellCapacity = capacity
    }

    private func growRows() {
        let larger = UnsafeMutablePointer<Entry>.allocate(capacity: 2 * rowCapacity)
        larger.moveInitialize(from: rows, count: rowCount)
        rows.deallocate()
        rows = larger
        rowCapacity *= 2
    }
}
