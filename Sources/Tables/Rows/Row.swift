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

    /// Makes a row over `count` cell slices. For readers.
    @inlinable
    public init(number: Int, cells: UnsafePointer<UnsafeBufferPointer<UInt8>>, count: Int) {
        self.number = number
        self.cells = cells
        self.count = count
    }

    /// The bytes of cell `index`, empty when the row is shorter.
    @inlinable
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        index < count ? cells[index] : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The value of cell `index` as a `String` (allocates: not for hot paths).
    public func string(at index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// The number of cells up to the last non-empty one.
    @inlinable
    public var width: Int {
        var last = count
        while last > 0, cells[last - 1].isEmpty { last -= 1 }
        return last
    }

    /// True when no cell has a value.
    @inlinable
    public var isBlank: Bool { width == 0 }
}
