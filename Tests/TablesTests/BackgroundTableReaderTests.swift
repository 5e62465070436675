import TextoCore
import Testing
@testable import Tables

@Suite("Background table reader")
struct BackgroundTableReaderTests {
    /// A table of `rows` generated rows, failing at `failAt` when set.
    final class FakeTable: TableReader {
        let rows: Int
        let failAt: Int?
        var info = TableInfo(format: .csv, file: "fake.csv")
        var statistics = TableStatistics()
        private(set) var delivered = 0

        init(rows: Int, failAt: Int? = nil) {
            self.rows = rows
            self.failAt = failAt
        }

        func forEachRow(_ body: (Row) throws -> Void) throws {
            for number in 1...rows {
                if number == failAt {
                    throw TableError(.malformedXML, at: DataLocation(file: "fake.csv", row: number), "broken", hint: "none")
                }
                let cells = (0..<(number % 5)).map { Array("r\(number)c\($0)".utf8) }
                try cells.withUnsafeBufferPointers { pointers in
                    try body(Row(number: number, cells: pointers.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: pointers.count))
                }
                delivered += 1
            }
        }
    }

    static func collect(_ reader: any TableReader) throws -> [[String]] {
        var result: [[String]] = []
        try reader.forEachRow { row in result.append(["\(row.number)"] + (0..<row.count).map { row.string(at: $0) }) }
        return result
    }

    @Test("rows arrive in order and unchanged, across batch boundaries", arguments: [1, 7, 1024, 1025, 5000])
    func sameRows(rows: Int) throws {
        let direct = try Self.collect(FakeTable(rows: rows))
        let background = try Self.collect(BackgroundTableReader(FakeTable(rows: rows), depth: 2, rowsPerBatch: 100))
        #expect(background == direct)
    }

    @Test("once started, the preparation's notes come with every later batch, whichever thread did the work",
          arguments: [(1, 10), (2, 100), (4, 7)])
    func preparation(depth: Int, rowsPerBatch: Int) throws {
        let rows = 5000, startAt = 50
        let preparation = BackgroundTableReader.Preparation<Int>()
        var firstWithNotes: Int?
        try BackgroundTableReader(FakeTable(rows: rows), depth: depth, rowsPerBatch: rowsPerBatch)
            .forEachRow(preparation: preparation) { row, notes in
                if row.number == startAt {
                    preparation.start { row, notes in notes.append(row.number * 10) }
                }
                if notes.isEmpty {
                    #expect(firstWithNotes == nil, "row \(row.number) has no notes after row \(firstWithNotes ?? 0) had some")
                } else {
                    #expect(Array(notes) == [row.number * 10])
                    if firstWithNotes == nil { firstWithNotes = row.number }
                }
            }
        // The batches filled or waiting when the work started may go without it.
        #expect(firstWithNotes.map { $0 > startAt && $0 <= startAt + (depth + 1) * rowsPerBatch } == true)
    }

    @Test("ahead gets the notes of a batch before its rows")
    func ahead() throws {
        let preparation = BackgroundTableReader.Preparation<Int>()
        preparation.start { row, notes in notes.append(row.number) }
        var announced: [Int] = []
        var delivered: [Int] = []
        try BackgroundTableReader(FakeTable(rows: 1000), depth: 2, rowsPerBatch: 64)
            .forEachRow(preparation: preparation, ahead: { announced += $0 }) { row, notes in
                #expect(announced.contains(row.number), "row \(row.number) came before its notes were announced")
                delivered += notes
            }
        #expect(announced == Array(1...1000))
        #expect(delivered == announced)
    }

    @Test("the reader's error reaches the caller after the rows before it")
    func readerError() {
        var seen = 0
        #expect(throws: TableError.self) {
            try BackgroundTableReader(FakeTable(rows: 1000, failAt: 321), depth: 2, rowsPerBatch: 50).forEachRow { _ in seen += 1 }
        }
        #expect(seen == 320)
    }

    @Test("the caller's error stops the reader")
    func callerError() {
        struct Enough: Error {}
        let table = FakeTable(rows: 100_000)
        #expect(throws: Enough.self) {
            try BackgroundTableReader(table, depth: 2, rowsPerBatch: 10).forEachRow { row in
                if row.number == 50 { throw Enough() }
            }
        }
        #expect(table.delivered < 100_000, "the reader stopped early (\(table.delivered) rows)")
    }
}

extension Array where Element == [UInt8] {
    /// Calls `body` with the elements as buffer pointers.
    func withUnsafeBufferPointers<R>(_ body: (UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws -> R) rethrows -> R {
        let storage = map { bytes -> UnsafeBufferPointer<UInt8> in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(bytes.count, 1))
            _ = copy.initialize(from: bytes)
            return UnsafeBufferPointer(start: copy.baseAddress, count: bytes.count)
        }
        defer { storage.forEach { UnsafeMutableRawPointer(mutating: $0.baseAddress!).deallocate() } }
        return try storage.withUnsafeBufferPointer(body)
    }
}
