/// One record of a table, as its cells' UTF-8 bytes.
///
/// A `Row` borrows the reader's buffers: it is valid only inside the closure
/// that receives it. Copy what you keep (`string(at:)` makes a `String`).
/// Cells are dense from column 0 (`A`); a missing cell is empty.
public struct Row {
    /// The row number as Excel shows it: the first record of a file is 1.
    public let number: Int
    /// The number of cells, up to the last one the reader saw in this record
    /// (trailing empty cells may or may not be counted).
    public let count: Int
    @usableFromInline let cells: UnsafePointer<UnsafeBufferPointer<UInt8>>
    /// The cells as one CSV record, exactly as `CSVWriter` writes them
    /// (comma-separated, quoted where needed, no line end), when the rows
    /// come from `BackgroundTableReader`: its reader thread makes the record
    /// as it copies the row, and a stage then copies the row to its output in
    /// one block (`CSVWriter.fields(of:count:)`).
    @usableFromInline let record: UnsafeBufferPointer<UInt8>?

    /// Makes a row over `count` cell slices. For readers.
    @inlinable
    package init(number: Int, cells: UnsafePointer<UnsafeBufferPointer<UInt8>>, count: Int) {
        self.number = number
        self.cells = cells
        self.count = count
        self.record = nil
    }

    /// A row that carries its cells' CSV record too.
    init(number: Int, cells: UnsafePointer<UnsafeBufferPointer<UInt8>>, count: Int, record: UnsafeBufferPointer<UInt8>) {
        self.number = number
        self.cells = cells
        self.count = count
        self.record = record
    }

    /// The bytes of cell `index`, empty when the row is shorter.
    @inlinable
    package subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        index < count ? cells[index] : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The value of cell `index` as a `String` (allocates: not for hot paths).
    package func string(at index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// The number of cells up to the last non-empty one.
    @inlinable
    package var width: Int {
        var last = count
        while last > 0, cells[last - 1].isEmpty { last -= 1 }
        return last
    }

    /// True when no cell has a value.
    @inlinable
    package var isBlank: Bool { width == 0 }
}
