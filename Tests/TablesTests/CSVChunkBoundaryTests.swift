import Foundation
import Testing
@testable import Tables

/// Records, quotes, line breaks and characters cut by the 1 MiB chunk
/// boundary read as they do anywhere else.
@Suite struct CSVChunkBoundaryTests {
    static let boundary = CSVReader.defaultChunkSize

    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        /// The text placed across the boundary.
        var special: String
        /// The index (in encoded bytes) of the first byte after the boundary.
        var cut: Int
        var expected: [[String]]
        var encoding: Encoding = .utf8

        enum Encoding: Sendable { case utf8, windows1252, utf16LE }

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "record", special: "Martin;Lyon\r\n", cut: 3, expected: [["Martin", "Lyon"]]),
        Case(label: "quoted field", special: "Q;\"a;b\r\nc\"\"d\"\r\n", cut: 5, expected: [["Q", "a;b\r\nc\"d"]]),
        Case(label: "doubled quote", special: "Q;\"c\"\"d\"\r\n", cut: 5, expected: [["Q", "c\"d"]]),
        Case(label: "closing quote last", special: "T;\"fin\"\r\n", cut: 7, expected: [["T", "fin"]]),
        Case(label: "CRLF", special: "R;x\r\n", cut: 4, expected: [["R", "x"]]),
        Case(label: "lone CR", special: "U;y\rV;z\r\n", cut: 4, expected: [["U", "y"], ["V", "z"]]),
        Case(label: "CRLF inside quotes", special: "Q;\"a\r\nb\"\r\n", cut: 5, expected: [["Q", "a\r\nb"]]),
        Case(label: "UTF-8 after the lead byte", special: "S;€\r\n", cut: 3, expected: [["S", "€"]]),
        Case(label: "UTF-8 before the last byte", special: "S;😀\r\n", cut: 5, expected: [["S", "😀"]]),
        Case(label: "Windows-1252", special: "W;é€\r\n", cut: 3, expected: [["W", "é€"]], encoding: .windows1252),
        Case(label: "UTF-16 between surrogates", special: "S\t😀\r\n", cut: 6, expected: [["S", "😀"]], encoding: .utf16LE),
        // At 1 MiB a UTF-16 file is cut between code units; chunks of 7 bytes
        // cut inside them.
        Case(label: "UTF-16 CRLF", special: "S\tx\r\n", cut: 8, expected: [["S", "x"]], encoding: .utf16LE),
    ]

    @Test(arguments: cases)
    func readsTheSameAcrossTheBoundary(_ test: Case) throws {
        let separator = test.encoding == .utf16LE ? "\t" : ";"
        func encode(_ text: String) -> [UInt8] {
            switch test.encoding {
            case .utf8: Array(text.utf8)
            case .windows1252: Array(text.data(using: .windowsCP1252)!)
            case .utf16LE: CSVFixture.utf16(text, bigEndian: false)
            }
        }
        var bytes: [UInt8] = test.encoding == .utf16LE ? [0xFF, 0xFE] : []
        bytes += encode("Nom\(separator)Prénom\r\n")
        let filler = encode("Dupont\(separator)Paris\r\n")
        let start = Self.boundary - test.cut
        while start - bytes.count > 64 { bytes += filler }
        // A padding record "P;xxx" + CRLF ends right where the special text starts.
        let unit = test.encoding == .utf16LE ? 2 : 1
        let padding = (start - bytes.count) / unit - 4
        bytes += encode("P\(separator)" + String(repeating: "x", count: padding) + "\r\n")
        #expect(bytes.count == start)
        bytes += encode(test.special) + encode("Fin\(separator)ok\r\n")

        let result = try CSVFixture.readEverywhere(bytes, chunkSizes: [7, 4093, CSVReader.defaultChunkSize]).get()
        #expect(Array(result.rows.suffix(test.expected.count + 1)) == test.expected + [["Fin", "ok"]])
        #expect(result.rows.first == ["Nom", "Prénom"])
        #expect(result.numbers.last == result.rows.count)
    }
}
