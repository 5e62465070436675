import Foundation
import Gateway
import Tables
import TestSupport
import Testing

@Suite("CSV batch files")
struct CSVBatchWriterTests {
    /// The records of the CSV at `path`, read by Tables' reader.
    static func records(_ path: String) throws -> [[String]] {
        var records: [[String]] = []
        try TableFile.open(path).forEachRow { row in
            records.append((0..<row.count).map { row.string(at: $0) })
        }
        return records
    }

    @Test("read back by Tables' CSV reader, the files give the messages", arguments: CSVBatchWriter.Delimiter.allCases)
    func roundTrip(_ delimiter: CSVBatchWriter.Delimiter) throws {
        let folder = try TemporaryFolder()
        let writer = try CSVBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"), delimiter: delimiter)
        for sample in tricky { #expect(try writer.write(sample) == "noel-2026.csv") }
        _ = try writer.finish()
        try writer.commit()

        let reader = try TableFile.open(folder.file("noel-2026.csv"))
        #expect(reader.info.separator == UInt8(ascii: delimiter == .comma ? "," : ";"))
        let records = try Self.records(folder.file("noel-2026.csv"))
        #expect(records.first == ["message_id", "phone", "sender", "text", "send_at"])
        let messages = records.dropFirst().map { record in
            let (sendAt, offset) = parseISO(record[4])
            return [record[0], record[1], record[2], record[3], "\(sendAt)", "\(offset)"]
        }
        #expect(messages == tricky.map { [$0.id.text, $0.to, $0.from, $0.text, "\($0.sendAt)", "\($0.sendAtOffset)"] })
    }

    @Test("a text starting with = is written as it is: no formula-injection prefix in gateway files")
    func noFormulaPrefix() throws {
        let folder = try TemporaryFolder()
        let writer = try CSVBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"))
        let sample = message(text: "=1+1 @cmd -2 +3")
        try writer.write(sample)
        _ = try writer.finish()
        try writer.commit()
        let text = String(decoding: try folder.bytes("noel-2026.csv"), as: UTF8.self)
        #expect(text == "message_id,phone,sender,text,send_at\n\(sample.id),+33630050660,BOULANGERIE,=1+1 @cmd -2 +3,2026-11-28T14:00:00+01:00\n")
    }

    @Test("golden bytes of a small batch", arguments: CSVBatchWriter.Delimiter.allCases)
    func golden(_ delimiter: CSVBatchWriter.Delimiter) throws {
        let folder = try TemporaryFolder()
        let writer = try CSVBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026", chunk: 3), delimiter: delimiter)
        for sample in tricky { try writer.write(sample) }
        _ = try writer.finish()
        try writer.commit()
        #expect(try compareWithGolden(folder, delimiter == .comma ? "csv" : "csv-semicolon") == [])
    }
}
