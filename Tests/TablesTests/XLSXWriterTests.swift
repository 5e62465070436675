import Foundation
import TestSupport
import Testing
import TextoCore
@testable import Tables

/// `XLSXWriter`, read back by `XLSXReader`: every kind of cell, the split
/// into continuation sheets, the shared-string table and its bound, the
/// zip's records, atomicity.
@Suite("XLSX writer")
struct XLSXWriterTests {
    /// 2026-11-22T10:30:00 and 2026-11-22T00:00:00 on the wall clock.
    static let morning = 1_795_343_400
    static let midnight = 1_795_305_600

    @Test("every cell reads back as written")
    func roundTrip() throws {
        let book = try Book()
        let (path, writer) = (book.path, book.writer)
        try writer.startSheet(named: "Messages", header: ["Téléphone", "Nom", "Valeur", "Quand"], widths: [14, 20, 8, 19])
        let rows: [[XLSXCell]] = [
            [.uniqueText("0612345678"), .text("Fish & <Chips> \"ltd\""), .integer(42), .dateTime(Self.morning)],
            [.uniqueText("Zoë 🎉 Ñandú"), .text("'0612"), .number(3.25), .dateTime(Self.midnight)],
            [.empty, .text("  spaced  "), .percent(0.947), .empty],
            [.uniqueText("a\tb\nc\rd"), .empty, .integer(-9_007_199_254_740_993), .text("end")],
            [.text("_x0041_ stays"), .uniqueText("bell\u{07}vt\u{0B}"), .number(-0.1), .empty, .empty],
            [.number(.nan), .percent(.infinity), .text(""), .uniqueText("last")],
        ]
        for row in rows { try writer.appendRow(row) }
        try writer.commit()

        #expect(try Self.read(path) == [
            ["Téléphone", "Nom", "Valeur", "Quand"],
            ["0612345678", "Fish & <Chips> \"ltd\"", "42", "2026-11-22T10:30:00"],
            ["Zoë 🎉 Ñandú", "'0612", "3.25", "2026-11-22"],
            ["", "  spaced  ", "0.947"],
            // Excel's 15 significant digits, as the reader shows numbers.
            ["a\tb\nc\rd", "", "-9.00719925474099E+15", "end"],
            ["_x0041_ stays", "bell\u{07}vt\u{0B}", "-0.1"],
            ["", "", "", "last"],
        ])
        #expect(book.folder.listing == ["book.xlsx"])
    }

    @Test("text beyond Excel's 32,767 characters is cut at a whole character")
    func longText() throws {
        let book = try Book()
        let (path, writer) = (book.path, book.writer)
        try writer.startSheet(named: "Long", header: ["A", "B", "C", "D"])
        let long = String(repeating: "a", count: 32_766) + "🎉🎉"
        // The largest escaped cells: 7 bytes for each byte, or for each 3.
        let controls = String(repeating: "\u{0B}", count: 40_000)
        let nonCharacters = String(repeating: "\u{FFFF}", count: 40_000)
        try writer.appendRow([.uniqueText(long), .text(String(repeating: "é", count: 40_000)), .uniqueText(controls), .text(nonCharacters)])
        try writer.commit()
        let row = try Self.read(path)[1]
        #expect(row[0] == String(repeating: "a", count: 32_766))
        #expect(row[1] == String(repeating: "é", count: 32_767))
        #expect(row[2] == String(repeating: "\u{0B}", count: 32_767))
        #expect(row[3] == String(repeating: "\u{FFFF}", count: 32_767))
    }

    @Test("a table longer than a sheet goes on in \"Name (2)\", \"Name (3)\", each with the header")
    func split() throws {
        let book = try Book()
        let (path, writer) = (book.path, book.writer)
        writer.rowsPerSheet = 10
        try writer.startSheet(named: "Messages", header: ["Row", "Status"], widths: [6, 12])
        for row in 1...25 { try writer.appendRow([.integer(row), .text(row % 2 == 0 ? "delivered" : "failed")]) }
        try writer.startSheet(named: "Errors", header: ["Code"])
        try writer.appendRow([.text("E1")])
        // A summary of the rows above, written last, shown first.
        try writer.startSheet(named: "Synthèse", header: ["Rows"], tab: 0)
        try writer.appendRow([.integer(25)])
        try writer.commit()

        let reader = try XLSXReader(input: try InputFile(path: path))
        #expect(reader.sheetNames.map(\.name) == ["Synthèse", "Messages", "Messages (2)", "Messages (3)", "Errors"])
        #expect(try Self.read(path, sheet: "Synthèse") == [["Rows"], ["25"]])
        let workbook = try Self.part(path, "xl/workbook.xml")
        #expect(workbook.contains(#"<sheet name="Synthèse" sheetId="5" r:id="rId5"/>"#))
        #expect(workbook.contains(#"localSheetId="0" hidden="1">'Synthèse'!$A$1:$A$2<"#) || workbook.contains(#"localSheetId="0" hidden="1">Synthèse!$A$1:$A$2<"#),
                "the autofilter's defined name points at the tab's position")
        var next = 1
        for (sheet, count) in [("Messages", 9), ("Messages (2)", 9), ("Messages (3)", 7)] {
            let rows = try Self.read(path, sheet: sheet)
            #expect(rows.first == ["Row", "Status"])
            #expect(rows.dropFirst().map(\.first) == (next..<next + count).map { String($0) })
            next += count
        }
        #expect(try Self.read(path, sheet: "Errors") == [["Code"], ["E1"]])
        let xml = try Self.part(path, "xl/worksheets/sheet3.xml")
        #expect(xml.contains(#"<autoFilter ref="A1:B8"/>"#))
        #expect(xml.contains(#"state="frozen""#) && xml.contains(#"<col min="2" max="2" width="12" customWidth="1"/>"#))
    }

    @Test("a continuation name is cut to 31 characters and skips names taken")
    func continuationNames() {
        let long = String(repeating: "x", count: 31)
        #expect(SheetName.continuation(of: long, number: 2, existing: []).name == String(repeating: "x", count: 27) + " (2)")
        #expect(SheetName.continuation(of: "Messages", number: 2, existing: ["Messages", "messages (2)"]) == ("Messages (3)", 3))
    }

    @Test("a repeated text is stored once in the shared strings")
    func sharedStrings() throws {
        let book = try Book()
        let (path, writer) = (book.path, book.writer)
        try writer.startSheet(named: "S", header: ["Status"])
        for _ in 0..<100 { try writer.appendRow([.text("delivered")]) }
        try writer.appendRow([.uniqueText("delivered")])
        try writer.commit()
        let shared = try Self.part(path, "xl/sharedStrings.xml")
        #expect(shared.components(separatedBy: "<t>delivered</t>").count == 2)
        #expect(shared.contains(#"count="101" uniqueCount="2""#))
        #expect(try Self.read(path).count == 102)
    }

    @Test("past the shared-string limit, new texts are written inline")
    func sharedStringBound() throws {
        let book = try Book()
        let (path, writer) = (book.path, book.writer)
        writer.sharedStringLimit = 3
        try writer.startSheet(named: "S", header: ["Status"])
        for text in ["a", "b", "c", "d", "a", "e", "d"] { try writer.appendRow([.text(text)]) }
        try writer.commit()
        let shared = try Self.part(path, "xl/sharedStrings.xml")
        #expect(shared.contains(#"uniqueCount="3""#))
        #expect(["<t>Status</t>", "<t>a</t>", "<t>b</t>"].allSatisfy(shared.contains))
        let sheet = try Self.part(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.components(separatedBy: "t=\"inlineStr\"").count == 5)
        #expect(try Self.read(path).map { $0[0] } == ["Status", "a", "b", "c", "d", "a", "e", "d"])
    }

    @Test("discard, deinit without commit, or an error leave no file")
    func atomicity() throws {
        let folder = try TemporaryFolder()
        let discarded = try XLSXWriter(path: folder.file("a.xlsx"))
        try discarded.startSheet(named: "S", header: ["A"])
        try discarded.appendRow([.text("x")])
        discarded.discard()
        do {
            let dropped = try XLSXWriter(path: folder.file("b.xlsx"))
            try dropped.startSheet(named: "S", header: ["A"])
            try dropped.appendRow([.integer(1)])
        }
        let failing = try XLSXWriter(path: folder.file("c.xlsx"))
        #expect(throws: XLSXWriterError.self) { try failing.appendRow([.integer(1)]) }
        #expect(throws: XLSXWriterError.self) { try failing.startSheet(named: "a/b", header: []) }
        failing.discard()
        #expect(throws: XLSXWriterError.self) { try failing.commit() }
        #expect(folder.listing == [])
    }

    @Test("sheet names Excel refuses are refused", arguments: [
        ("", XLSXWriterErrorCode.invalidSheetName), (String(repeating: "n", count: 32), .invalidSheetName),
        ("a[1]", .invalidSheetName), ("a:b", .invalidSheetName), ("why?", .invalidSheetName), ("'quoted'", .invalidSheetName),
        ("tab\there", .invalidSheetName), ("History", .invalidSheetName), ("MESSAGES", .duplicateSheetName),
    ])
    func sheetNames(name: String, code: XLSXWriterErrorCode) throws {
        let writer = try XLSXWriter(sink: MemorySink())
        try writer.startSheet(named: "Messages", header: ["A"])
        let error = #expect(throws: XLSXWriterError.self) { try writer.startSheet(named: name, header: ["A"]) }
        #expect(error?.code == code)
        try writer.startSheet(named: String(repeating: "n", count: 31), header: ["A"])
    }

    @Test("the same rows make the same bytes")
    func deterministic() throws {
        func bytes() throws -> [UInt8] {
            let sink = MemorySink()
            let writer = try XLSXWriter(sink: sink)
            try writer.startSheet(named: "S", header: ["A", "B"])
            for row in 0..<1_000 { try writer.appendRow([.integer(row), .text("status \(row % 7)")]) }
            try writer.commit()
            return sink.bytes
        }
        #expect(try bytes() == bytes())
    }

    @Test("zip64 records, when values pass the threshold, read back")
    func zip64() throws {
        var tuning = XLSXWriter.Tuning()
        tuning.zip64Threshold = 300
        let book = try Book(tuning: tuning)
        let (path, writer) = (book.path, book.writer)
        try writer.startSheet(named: "S", header: ["N"])
        for row in 0..<500 { try writer.appendRow([.integer(row)]) }
        try writer.commit()
        let rows = try Self.read(path)
        #expect(rows.count == 501 && rows.last == ["499"])
        if Interop.python { #expect(try Interop.run("import zipfile, sys; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))", path) == "7\n") }
    }

    @Test("escaping then unescaping gives the text back", arguments: [
        "plain", "a & b < c > d \"e\"", "_x0041_", "_x005F_x0041_", "_xZZZZ_", "\u{01}\u{0B}\u{1F}", "\u{FFFE}\u{FFFF}é", "cr\r\nlf", "",
    ])
    func escapeRoundTrip(text: String) {
        let bytes = Array(text.utf8)
        var escaped = [UInt8](repeating: 0, count: max(1, OOXMLText.worstEscapedLength(bytes.count)))
        let length = bytes.withUnsafeBufferPointer { OOXMLText.escape($0, to: &escaped) }
        var xml = Array(escaped[0..<length])
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#13;", "\r")] {
            xml = Array(String(decoding: xml, as: UTF8.self).replacingOccurrences(of: entity, with: character).utf8)
        }
        let decoded = xml.withUnsafeMutableBufferPointer { buffer in
            String(decoding: buffer[0..<OOXMLText.unescape(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!, buffer.count)], as: UTF8.self)
        }
        #expect(decoded == text)
    }

    // MARK: - Helpers

    /// A writer of `book.xlsx` in a fresh folder, removed with it.
    final class Book {
        let folder: TemporaryFolder
        let path: String
        let writer: XLSXWriter

        init(tuning: XLSXWriter.Tuning = XLSXWriter.Tuning()) throws {
            folder = try TemporaryFolder()
            path = folder.file("book.xlsx")
            writer = try XLSXWriter(path: path, tuning: tuning)
        }
    }

    /// Every row of `sheet` (default the first), trailing empty cells dropped.
    static func read(_ path: String, sheet: String? = nil) throws -> [[String]] {
        var rows: [[String]] = []
        try TableFile.open(path, sheet: sheet).forEachRow { row in
            rows.append((0..<row.width).map { row.string(at: $0) })
        }
        return rows
    }

    /// A part of the package as text.
    static func part(_ path: String, _ name: String) throws -> String {
        let archive = try ZipArchive(file: try InputFile(path: path).seekable())
        let entry = try #require(archive.entry(named: name))
        return String(decoding: try archive.contents(of: entry), as: UTF8.self)
    }
}
