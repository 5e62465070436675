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

    @Test("integers", arguments: [0, 7, -12, Int.max, Int.min])
    func integers(value: Int) throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        try writer.field(value)
        try writer.endRecord()
        try writer.flush()
        #expect(sink.text == "\(value)\n")
    }
}
