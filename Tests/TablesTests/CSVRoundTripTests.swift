import Foundation
import TestSupport
import Testing
@testable import Tables

/// Random tables written as CSV read back identically, whatever the chunk
/// size: quoting, escaping and line breaks survive every cut.
@Suite struct CSVRoundTripTests {
    /// Pieces cells are made of: accents, a character outside the BMP, the
    /// characters that need quoting, and white space.
    static let pieces = ["a", "Z", "0", " ", "é", "€", "’", "😀", "\"", "\r", "\n", "\r\n", "\t", ",", ";", "|"]

    /// A random table; its cells never hold the other candidate separators,
    /// so that the separator the reader recognises is the one written.
    static func table(seed: Int, separator: String) -> [[String]] {
        var random = SplitMix64(seed: UInt64(seed))
        let others = Set(["\t", ",", ";", "|"].filter { $0 != separator })
        let pieces = Self.pieces.filter { !others.contains($0) }
        let columns = Int.random(in: 1...6, using: &random)
        let rows = Int.random(in: 1...30, using: &random)
        var table = (0..<rows).map { _ in
            (0..<columns).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
        }
        table[0][0] = "x" + table[0][0]  // a file with no value is refused
        return table
    }

    /// What the reader gives back for a table: a row of one empty cell is a
    /// blank line, a record with no cells.
    static func expected(_ table: [[String]]) -> [[String]] {
        table.map { $0 == [""] ? [] : $0 }
    }

    @Test(arguments: 0..<40)
    func writtenByCSVWriter(seed: Int) throws {
        let table = Self.table(seed: seed, separator: ",")
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        for row in table { try writer.record(row) }
        try writer.flush()
        let result = try CSVFixture.readEverywhere(sink.bytes, chunkSizes: [4, 7, 64, CSVReader.defaultChunkSize]).get()
        #expect(result.rows == Self.expected(table))
        #expect(result.numbers == Array(1...table.count))
        if table[0].count > 1 { #expect(result.separator == ",") }
    }

    /// Excel's French export: `;`, CRLF, quotes only where needed; some
    /// with a UTF-8 byte order mark, some as UTF-16 ("Texte Unicode" with `;`).
    @Test(arguments: 0..<40)
    func writtenWithSemicolons(seed: Int) throws {
        let table = Self.table(seed: 1000 + seed, separator: ";")
        let text = table.map { row in
            row.map { cell in
                cell.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    : cell
            }.joined(separator: ";") + "\r\n"
        }.joined()
        let bytes: [UInt8] = switch seed % 3 {
        case 0: Array(text.utf8)
        case 1: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        default: [0xFF, 0xFE] + CSVFixture.utf16(text, bigEndian: false)
        }
        let result = try CSVFixture.readEverywhere(bytes, chunkSizes: [4, 7, 64, CSVReader.defaultChunkSize]).get()
        #expect(result.rows == Self.expected(table))
        #expect(result.numbers == Array(1...table.count))
        #expect(result.separator == ";")
    }
}
