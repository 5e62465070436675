import Foundation
import Testing
@testable import Tables

/// The zip-bomb limits (DESIGN.md §6) against real workbooks and real bombs.
@Suite("Zip limits")
struct ZipLimitsTests {
    static func rows(_ reader: any TableReader) throws -> [[String]] {
        var rows: [[String]] = []
        try reader.forEachRow { row in rows.append((0..<row.count).map { row.string(at: $0) }) }
        return rows
    }

    @Test("a workbook whose repetitive sheet inflates 266:1 opens (Excel for Mac's 121:1 sheet was refused as a zip bomb)")
    func repetitiveSheetBeyond100To1Opens() throws {
        let path = ZipArchiveTests.path("xlsx/quirks/repetitive-rows.xlsx")
        // The fixture is what the old rule (100:1 past the first MiB) refused.
        let entry = try #require(try ZipArchiveTests.open("xlsx/quirks/repetitive-rows.xlsx").entry(named: "xl/worksheets/sheet1.xml"))
        #expect(entry.uncompressedSize > 1 << 20)
        #expect(entry.uncompressedSize / entry.compressedSize > 121)
        let oldRule = ZipLimits(ratioGrace: 1 << 20, maximumRatio: 100)
        #expect(ZipArchiveTests.code { _ = try Self.rows(TableFile.open(path, limits: oldRule)) } == .zipBomb)

        let rows = try Self.rows(TableFile.open(path))
        #expect(rows.count == 1001)
        #expect(rows.first == ["NOM", "TELEPHONE", "NOTE"])
        #expect(rows.last == ["DUPONT", "06 30 05 06 60", String(repeating: "—", count: 1700)])
    }

    @Test("1 GiB of zeros deflated 1,028:1 is refused by the ratio, past its first 100 MiB")
    func honestBombRefusedByRatio() throws {
        let path = try TestZip.write([TestZip.zerosEntry(segments: 128)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let archive = try ZipArchive(file: InputFile(path: path))
        var inflated = 0
        let error = ZipArchiveTests.tableError { inflated = try ZipArchiveTests.drain(archive, "xl/worksheets/sheet1.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail.contains("past its first 100 MiB, the part inflates 1,0") == true, "\(String(describing: error))")
        #expect(error?.detail.contains("more than the 1,000:1 allowed (ratio limit)") == true)
        #expect(error?.hint.contains("ZipLimits.maximumRatio") == true)
        #expect(inflated == 0)
    }

    @Test("the same bomb declaring 64 KiB is refused as soon as it inflates beyond that")
    func lyingBombRefusedAtItsDeclaredSize() throws {
        let path = try TestZip.write([TestZip.zerosEntry(segments: 128, declaring: 64 << 10)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let archive = try ZipArchive(file: InputFile(path: path))
        let error = ZipArchiveTests.tableError { _ = try ZipArchiveTests.drain(archive, "xl/worksheets/sheet1.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail.contains("inflates beyond the 65,536 bytes the archive declares for it") == true, "\(String(describing: error))")
    }

    @Test("a part larger than the part size limit is refused before inflating, naming --max-inflated-size")
    func partSizeLimit() throws {
        let path = try TestZip.write([TestZip.zerosEntry(segments: 128)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let archive = try ZipArchive(file: InputFile(path: path), limits: ZipLimits(maximumInflatedSize: 512 << 20))
        let error = ZipArchiveTests.tableError { _ = try ZipArchiveTests.drain(archive, "xl/worksheets/sheet1.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail == "the part would inflate to 1 GiB, more than the 512 MiB allowed for one part (part size limit)")
        #expect(error?.hint.contains("raise the limit with --max-inflated-size GiB") == true)
    }

    @Test("parts under the part size limit are refused once together they pass the total")
    func totalSizeLimit() throws {
        let path = try TestZip.write([TestZip.zerosEntry("a.xml", segments: 12), TestZip.zerosEntry("b.xml", segments: 12)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let limits = ZipLimits(maximumPartSize: 100 << 20, maximumTotalSize: 150 << 20)
        let archive = try ZipArchive(file: InputFile(path: path), limits: limits)
        #expect(try ZipArchiveTests.drain(archive, "a.xml") == 96 << 20)
        let error = ZipArchiveTests.tableError { _ = try ZipArchiveTests.drain(archive, "b.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail == "the parts read from the archive inflate beyond 150 MiB in all (total size limit)")
        #expect(error?.hint.contains("--max-inflated-size GiB") == true)
        #expect(error?.location.part == "b.xml")
    }

    @Test("zip-bomb.xlsx (100 MiB at 1,000:1, within the ratio's grace) opens, and is refused with a lower limit through TableFile.open")
    func limitsThroughTablesOpen() throws {
        let path = ZipArchiveTests.path("bad/zip-bomb.xlsx")
        #expect(try Self.rows(TableFile.open(path)) == [["NOM"]])
        let error = ZipArchiveTests.tableError { _ = try Self.rows(TableFile.open(path, limits: ZipLimits(maximumInflatedSize: 50 << 20))) }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail == "the part would inflate to 100 MiB, more than the 50 MiB allowed for one part (part size limit)")
    }

    @Test("sizes in messages", arguments: [
        (8 << 30, "8 GiB"), (100 << 20, "100 MiB"), (53_687_091, "51.2 MiB"), (65_536, "65,536 bytes"), (100, "100 bytes"),
        (3 << 29, "1.5 GiB"),
    ])
    func describeBytes(bytes: Int, text: String) {
        #expect(ZipLimits.describe(bytes: bytes) == text)
    }
}
