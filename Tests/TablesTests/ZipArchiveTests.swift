import Foundation
import Testing
@testable import Tables

@Suite("Zip archives")
struct ZipArchiveTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func open(_ name: String, limits: ZipLimits = .standard) throws -> ZipArchive {
        try ZipArchive(file: InputFile(path: path(name)), limits: limits)
    }

    /// Reads an entry through `ZipEntryReader` in chunks of `chunk` bytes.
    static func read(_ archive: ZipArchive, _ name: String, chunk: Int = 4096) throws -> [UInt8] {
        let entry = try #require(archive.entry(named: name))
        let reader = try archive.reader(for: entry)
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            result += buffer[0..<count]
        }
        return result
    }

    static func code(of body: () throws -> Void) -> TableError.Code? {
        tableError(of: body)?.code
    }

    static func tableError(of body: () throws -> Void) -> TableError? {
        do {
            try body()
            return nil
        } catch let error as TableError {
            return error
        } catch {
            return nil
        }
    }

    /// Inflates an entry to the end without keeping it; returns its size.
    static func drain(_ archive: ZipArchive, _ name: String) throws -> Int {
        let reader = try archive.reader(for: try #require(archive.entry(named: name)))
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while case let count = try buffer.withUnsafeMutableBytes({ try reader.read(into: $0) }), count > 0 {
            total += count
        }
        return total
    }

    @Test("stored, deflated, zip64 and data-descriptor entries read the same sheet", arguments: [
        "xlsx/quirks/stored.xlsx", "xlsx/quirks/zip64.xlsx", "xlsx/quirks/zip64-local.xlsx", "xlsx/quirks/data-descriptor.xlsx",
    ])
    func entryKinds(name: String) throws {
        let reference = try Self.read(Self.open("xlsx/quirks/absolute-targets.xlsx"), "xl/worksheets/sheet1.xml")
        let sheet = try Self.read(Self.open(name), "xl/worksheets/sheet1.xml", chunk: 97)
        #expect(sheet == reference)
    }

    @Test("part names match without case and with \\ as /")
    func names() throws {
        let archive = try Self.open("xlsx/quirks/backslash-names.xlsx")
        #expect(archive.entry(named: "xl/workbook.xml") != nil)
        #expect(archive.entry(named: "XL\\WORKBOOK.XML") != nil)
    }

    @Test("more entries than the cap: refused, the message names the limit and the numbers")
    func entryCap() {
        var limits = ZipLimits.standard
        limits.maximumEntries = 3
        let error = Self.tableError { _ = try Self.open("xlsx/openpyxl.xlsx", limits: limits) }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail.contains("more than the 3 allowed (entry count limit)") == true, "\(String(describing: error))")
        #expect(error?.hint.contains("ZipLimits.maximumEntries") == true)
    }

    @Test("a part beyond the ratio, counted on inflated bytes: refused")
    func ratio() throws {
        var limits = ZipLimits.standard
        limits.ratioGrace = 0
        limits.maximumRatio = 2
        let archive = try Self.open("xlsx/libreoffice.xlsx", limits: limits)
        #expect(Self.code { _ = try Self.read(archive, "xl/worksheets/sheet1.xml") } == .zipBomb)
    }

    @Test("a part beyond the size cap: refused before inflating, the message names the option that raises it")
    func partCap() throws {
        var limits = ZipLimits.standard
        limits.maximumPartSize = 100
        let archive = try Self.open("xlsx/libreoffice.xlsx", limits: limits)
        let error = Self.tableError { _ = try Self.read(archive, "xl/worksheets/sheet1.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail.contains("more than the 100 bytes allowed for one part (part size limit)") == true, "\(String(describing: error))")
        #expect(error?.hint.contains("--max-inflated-size GiB") == true)
    }

    @Test("a part that lies about its size is caught by the bytes it inflates")
    func lyingBomb() throws {
        let archive = try Self.open("bad/zip-bomb-lying.xlsx")
        let error = Self.tableError { _ = try Self.read(archive, "xl/worksheets/sheet1.xml") }
        #expect(error?.code == .zipBomb)
        #expect(error?.detail.contains("beyond the 65,536 bytes the archive declares for it") == true, "\(String(describing: error))")
    }

    @Test("damaged compressed data fails the checksum or the inflate")
    func damaged() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path("xlsx/libreoffice.xlsx"))))
        let archive = try Self.open("xlsx/libreoffice.xlsx")
        let entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        // Flip a byte in the middle of the entry's compressed data.
        let nameLength = Int(bytes[entry.localHeaderOffset + 26]) | Int(bytes[entry.localHeaderOffset + 27]) << 8
        let extraLength = Int(bytes[entry.localHeaderOffset + 28]) | Int(bytes[entry.localHeaderOffset + 29]) << 8
        let middle = entry.localHeaderOffset + 30 + nameLength + extraLength + entry.compressedSize / 2
        bytes[middle] ^= 0x5A
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("texto-damaged-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let damaged = try ZipArchive(file: InputFile(path: copy.path))
        #expect(Self.code { _ = try Self.read(damaged, "xl/worksheets/sheet1.xml") } == .corruptZip)
    }

    @Test("a file cut short has no central directory")
    func truncated() {
        #expect(Self.code { _ = try Self.open("bad/truncated.xlsx") } == .corruptZip)
    }

    @Test("the pipelined reader hands out the same bytes, and the producer's error")
    func pipeline() throws {
        let archive = try Self.open("xlsx/libreoffice.xlsx")
        let entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        let direct = try Self.read(archive, "xl/worksheets/sheet1.xml")
        let pipelined = PipelinedReader(try archive.reader(for: entry), depth: 2, chunkSize: 1000)
        var bytes: [UInt8] = []
        while try pipelined.withNextChunk({ bytes += $0 }) {}
        #expect(bytes == direct)

        let path = try TestZip.write([TestZip.zerosEntry(segments: 128)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bomb = try ZipArchive(file: InputFile(path: path))
        let failing = PipelinedReader(try bomb.reader(for: try #require(bomb.entry(named: "xl/worksheets/sheet1.xml"))))
        #expect(Self.code { while try failing.withNextChunk({ _ in }) {} } == .zipBomb)
    }
}
