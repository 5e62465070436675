/// Rows rebuilt from stored strings (a filter's sampled rows, tests, fuzzing).
package enum RowStorage {
    package static func withRow<R>(_ cells: [String], number: Int, _ body: (Row) throws -> R) rethrows -> R {
        let bytes = cells.map { Array($0.utf8) }
        var flat: [UInt8] = []
        var ranges: [Range<Int>] = []
        for cell in bytes {
            ranges.append(flat.count..<flat.count + cell.count)
            flat += cell
        }
        return try flat.withUnsafeBufferPointer { buffer in
            let slices = ranges.map { $0.isEmpty ? UnsafeBufferPointer<UInt8>(start: nil, count: 0) : UnsafeBufferPointer(rebasing: buffer[$0]) }
            return try slices.withUnsafeBufferPointer { pointers in
                try body(Row(number: number, cells: pointers.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: pointers.count))
            }
        }
    }
}
