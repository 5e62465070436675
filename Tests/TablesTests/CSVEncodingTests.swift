import Foundation
import Testing
@testable import Tables

/// Encodings as French spreadsheets come: Excel's "CSV UTF-8", "CSV
/// (séparateur: point-virgule)" (Windows-1252) and "Texte Unicode" (UTF-16 LE
/// with tabs).
@Suite struct CSVEncodingTests {
    static let accents = "Prénom;Note\r\nÉlodie;à ç € ’ œ Ÿ\r\n"
    static let accentRows = [["Prénom", "Note"], ["Élodie", "à ç € ’ œ Ÿ"]]
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func utf8() throws {
        let result = try CSVFixture.rows(Array(Self.accents.utf8))
        #expect(result.rows == Self.accentRows)
        #expect(result.encoding == "UTF-8")
        #expect(result.statistics.invalidUTF8Sequences == 0)
    }

    @Test func utf8ByteOrderMarkIsNotPartOfTheFirstCell() throws {
        let result = try CSVFixture.rows(Self.bom + Array(Self.accents.utf8))
        #expect(result.rows == Self.accentRows)
        #expect(result.encoding == "UTF-8 BOM")
        #expect(result.statistics.bytesRead == 3 + Self.accents.utf8.count)
    }

    @Test func asciiWithAByteOrderMarkIsUTF8() throws {
        #expect(try CSVFixture.rows(Self.bom + Array("a;b\n".utf8)).encoding == "UTF-8 BOM")
    }

    @Test func windows1252() throws {
        let bytes = try #require(Self.accents.data(using: .windowsCP1252))
        let result = try CSVFixture.rows(Array(bytes))
        #expect(result.rows == Self.accentRows)
        #expect(result.encoding == "Windows-1252")
    }

    /// 0x80-0x9F, where Windows-1252 is not Latin-1. The five undefined bytes
    /// become C1 controls, as with Windows' `MultiByteToWideChar`.
    @Test func windows1252SpecialRange() throws {
        let bytes = Array("h;x\r\n".utf8) + Array(0x80...0x9F) + [UInt8(ascii: ";"), 0xE9, 0x0D, 0x0A]
        let result = try CSVFixture.rows(bytes)
        #expect(result.encoding == "Windows-1252")
        #expect(result.rows.last == ["€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ", "é"])
    }

    @Test func windows1252UpperHalfIsLatin1() throws {
        let bytes = Array("h\n".utf8) + Array(0xA0...0xFF) + [0x0A]
        let result = try CSVFixture.rows(bytes)
        let latin1 = String(String.UnicodeScalarView((0xA0...0xFF).map { Unicode.Scalar(UInt8($0)) }))
        #expect(result.rows.last == [latin1])
    }

    @Test func asciiOnly() throws {
        let url = try CSVFixture.write(Array("Nom;Tel\r\nDupont;0612345678\r\n".utf8))
        defer { CSVFixture.remove(url) }
        let reader = try CSVReader(input: InputFile(path: url.path))
        #expect(reader.info.encoding == "ASCII")
        try reader.forEachRow { _ in }
        #expect(reader.info.encoding == "ASCII")
    }

    /// Beyond the first MiB: undecided until the first non-ASCII byte, and
    /// `info` says so only once the file is read.
    @Test(arguments: [
        ("Windows-1252", [0xE9, 0x74, 0xE9] as [UInt8]),
        ("UTF-8", [0xC3, 0xA9, 0x74, 0xC3, 0xA9] as [UInt8]),
    ])
    func asciiForTwoMebibytesThenAccents(_ encoding: String, _ ete: [UInt8]) throws {
        var bytes = Array("Nom;Ville\r\n".utf8)
        let filler = Array("Dupont;Paris\r\n".utf8)
        while bytes.count < 2 << 20 { bytes += filler }
        bytes += Array("Martin;".utf8) + ete + [0x0D, 0x0A]
        let url = try CSVFixture.write(bytes)
        defer { CSVFixture.remove(url) }
        for chunkSize in [4093, CSVReader.defaultChunkSize] {
            let reader = try CSVReader(input: InputFile(path: url.path), chunkSize: chunkSize)
            #expect(reader.info.encoding == "ASCII")
            var last = ""
            try reader.forEachRow { row in last = row.string(at: 1) }
            #expect(last == "été")
            #expect(reader.info.encoding == encoding)
            #expect(reader.statistics.invalidUTF8Sequences == 0)
            #expect(reader.statistics.bytesRead == bytes.count)
        }
    }

    /// A file decided UTF-8 from its first MiB, with one Windows-1252 byte
    /// later: the byte is read as Windows-1252 and counted, nothing dropped.
    @Test func strayWindows1252ByteInUTF8() throws {
        var bytes = Array("Nom;Ville\r\nÉlodie;Créteil\r\n".utf8)
        let filler = Array("Dupont;Orléans\r\n".utf8)
        while bytes.count < 3 << 19 { bytes += filler }
        // Then a sequence cut by the end of the file: E2 82 is `â‚`.
        bytes += Array("Martin;l".utf8) + [0x92] + Array("Haÿ\r\nFin;x".utf8) + [0xE2, 0x82]
        let result = try CSVFixture.readEverywhere(bytes, chunkSizes: [4093, CSVReader.defaultChunkSize]).get()
        #expect(result.encoding == "UTF-8")
        #expect(Array(result.rows.suffix(2)) == [["Martin", "l’Haÿ"], ["Fin", "xâ‚"]])
        #expect(result.statistics.invalidUTF8Sequences == 3)
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMarkAndTabs(_ bigEndian: Bool) throws {
        let text = "Nom\tPrénom\tNote\r\nDupont\tÉlodie\t\"a\tb\"😀\r\n"
        let bytes = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + CSVFixture.utf16(text, bigEndian: bigEndian)
        let result = try CSVFixture.rows(bytes)
        #expect(result.separator == "TAB")
        #expect(result.encoding == (bigEndian ? "UTF-16BE BOM" : "UTF-16LE BOM"))
        #expect(result.rows == [["Nom", "Prénom", "Note"], ["Dupont", "Élodie", "a\tb😀"]])
    }

    @Test(arguments: [false, true])
    func utf16WithoutByteOrderMark(_ bigEndian: Bool) throws {
        let bytes = CSVFixture.utf16("Nom\tVille\r\nÉlodie\tCréteil\r\n", bigEndian: bigEndian)
        let result = try CSVFixture.rows(bytes)
        #expect(result.encoding == (bigEndian ? "UTF-16BE" : "UTF-16LE"))
        #expect(result.rows == [["Nom", "Ville"], ["Élodie", "Créteil"]])
    }

    @Test func brokenUTF16BecomesReplacementCharacters() throws {
        // A lone high surrogate, then an odd byte at the end of the file.
        let bytes: [UInt8] = [0xFF, 0xFE] + CSVFixture.utf16("a\tb\r\nc\t", bigEndian: false) + [0x3D, 0xD8, 0x64, 0x00, 0x65]
        let result = try CSVFixture.rows(bytes)
        #expect(result.rows == [["a", "b"], ["c", "\u{FFFD}d\u{FFFD}"]])
    }
}
