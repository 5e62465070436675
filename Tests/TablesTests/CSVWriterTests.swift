import Testing
@testable import Tables

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("RFC 4180: quotes only when needed, quotes doubled, LF records", arguments: [
        (["a", "b"], "a,b\n"), (["a,b"], "\"a,b\"\n"), (["say \"hi\""], "\"say \"\"hi\"\"\"\n"),
        (["two\nlines"], "\"two\nlines\"\n"), (["cr\r"], "\"cr\r\"\n"), (["", ""], ",\n"), (["é;à"], "é;à\n"),
    ])
    func quoting(fields: [String], text: String) throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, bufferSize: 64)
        try writer.record(fields)
        try writer.flush()
        #expect(sink.text == text)
    }

    @Test("fields larger than the buffer are written whole")
    func largeField() throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, bufferSize: 64)
        let long = String(repeating: "x\"", count: 500)
        try writer.record(["a", long, "b"])
        try writer.flush()
        #expect(sink.text == "a,\"" + String(repeating: "x\"\"", count: 500) + "\",b\n")
    }

    @Test("a field is copied as is exactly when it holds no comma, quote, CR or LF, whatever its length")
    func copyIfUnquoted() {
        // Every length up to three words, a special byte at every position.
        for length in 0...24 {
            for special in [nil, UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D] as [UInt8?] {
                for position in special == nil ? [0] : Array(0..<max(length, 1)) where length > 0 || special == nil {
                    var bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    if let special { bytes[position] = special }
                    var target = [UInt8](repeating: 0xFF, count: length + 8)
                    let copied = bytes.withUnsafeBufferPointer { source in
                        target.withUnsafeMutableBufferPointer { CSVWriter.copyIfUnquoted(source, to: $0.baseAddress!) }
                    }
                    #expect(copied == (special == nil), "length \(length), special at \(position)")
                    if copied {
                        #expect(Array(target[0..<length]) == bytes)
                        #expect(target[length...].allSatisfy { $0 == 0xFF }, "nothing written past the field")
                    }
                }
            }
        }
    }

    @Test("a row with its record is written as its fields would be, missing cells empty", arguments: [
        (["a", "b,c", "say \"hi\"", "", "é"], 5), (["a", "b"], 4), ([], 3), (["x"], 1), (["two\nlines", ""], 2),
    ])
    func rowRecord(cells: [String], count: Int) throws {
        let expected = MemorySink()
        let perField = CSVWriter(sink: expected, bufferSize: 64)
        try perField.field("first")
        for index in 0..<count { try perField.field(index < cells.count ? cells[index] : "") }
        try perField.endRecord()
        try perField.flush()

        // The record as RowBatch makes it, through the background reader.
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, bufferSize: 64)
        let table = ListTable(rows: [cells])
        try BackgroundTableReader(table).forEachRow { row in
            #expect(row.record != nil)
            try writer.field("first")
            try writer.fields(of: row, count: count)
            try writer.endRecord()
        }
        try writer.flush()
        #expect(sink.text == expected.text)
    }

    @Test("integers", arguments: [0, 7, 9, 10, 99, 100, 101, 999, 1000, 65_536, 1_000_000, 33_630_050_660,
                                  262_692_123_456, -1, -12, -100, Int.max, Int.min])
    func integers(value: Int) throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, bufferSize: 64)
        for _ in 0..<5 { try writer.field(value) }  // a flush on the way
        try writer.field(value, prefix: UInt8(ascii: "+"))
        try writer.endRecord()
        try writer.flush()
        #expect(sink.text == Array(repeating: "\(value)", count: 5).joined(separator: ",") + ",+\(value)\n")
    }
}

/// A table of given rows of text, for the writer's tests.
final class ListTable: TableReader {
    let rows: [[String]]
    var info = TableInfo(format: .csv, file: "list.csv")
    var statistics = TableStatistics()

    init(rows: [[String]]) {
        self.rows = rows
    }

    func forEachRow(_ body: (Row) throws -> Void) throws {
        for (index, cells) in rows.enumerated() {
            try cells.map { Array($0.utf8) }.withUnsafeBufferPointers { pointers in
                try body(Row(number: index + 1, cells: pointers.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: pointers.count))
            }
        }
    }
}
