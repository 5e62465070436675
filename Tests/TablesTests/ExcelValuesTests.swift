import TextoCore
import Testing
@testable import Tables

@Suite("Excel values")
struct ExcelValuesTests {
    private func general(_ text: String) -> String {
        var arena = ByteArena()
        arena.append(Array(text.utf8))
        ExcelValues.renderGeneral(&arena, from: 0)
        return String(decoding: UnsafeBufferPointer(start: arena.base, count: arena.count), as: UTF8.self)
    }

    private func date(_ serial: Double, uses1904: Bool = false) -> String {
        var arena = ByteArena()
        guard ExcelValues.appendDate(serial, uses1904: uses1904, to: &arena) else { return "not a date" }
        return String(decoding: UnsafeBufferPointer(start: arena.base, count: arena.count), as: UTF8.self)
    }

    @Test("General shows up to 15 significant digits, integers in full", arguments: [
        ("630050660", "630050660"), ("6.30050660E8", "630050660"), ("6.3005066E+08", "630050660"),
        ("1024.6", "1024.6"), ("0.30000000000000004", "0.3"), ("123456789012345", "123456789012345"),
        ("12345678901234567", "1.23456789012346E+16"), ("1.5E-3", "0.0015"), ("1E-05", "1E-05"),
        ("-0", "0"), ("007", "7"), ("1.50", "1.5"), ("-42", "-42"), ("1e21", "1E+21"), ("0", "0"),
        ("not a number", "not a number"), ("2.5", "2.5"), ("-0.25", "-0.25"),
    ])
    func generalNumbers(stored: String, shown: String) {
        #expect(general(stored) == shown)
    }

    @Test("serial dates in the 1900 system, with Excel's phantom 1900-02-29", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (31_841.0, "1987-03-05"), (46_348.0, "2026-11-22"), (46_348.4375, "2026-11-22T10:30:00"),
        (0.4375, "10:30:00"), (0.0, "00:00:00"), (2_958_465.0, "9999-12-31"),
        (46_348.999999999, "2026-11-23"), (36_585.0, "2000-02-29"),
    ])
    func dates1900(serial: Double, iso: String) {
        #expect(date(serial) == iso)
    }

    @Test("serial dates in the 1904 system")
    func dates1904() {
        #expect(date(0.5, uses1904: true) == "12:00:00")
        #expect(date(1.0, uses1904: true) == "1904-01-02")
        #expect(date(44_886.0, uses1904: true) == "2026-11-22")
    }

    @Test("negative serials and years past 9999 are not dates")
    func notDates() {
        #expect(date(-1) == "not a date")
        #expect(date(2_958_466) == "not a date")
    }

    @Test("elapsed time keeps hours beyond a day")
    func durations() {
        var arena = ByteArena()
        #expect(ExcelValues.appendDuration(1.5, to: &arena))
        #expect(String(decoding: UnsafeBufferPointer(start: arena.base, count: arena.count), as: UTF8.self) == "36:00:00")
    }

    @Test("t=\"d\" ISO text is normalised", arguments: [
        ("2026-11-22T10:30:00Z", "2026-11-22T10:30:00"), ("2026-11-22T00:00:00", "2026-11-22"),
        ("2026-11-22", "2026-11-22"), ("2026-11-22T10:30:00.123", "2026-11-22T10:30:00"),
    ])
    func isoDates(stored: String, shown: String) {
        var arena = ByteArena()
        arena.append(Array(stored.utf8))
        ExcelValues.normalizeISODate(&arena, from: 0)
        #expect(String(decoding: UnsafeBufferPointer(start: arena.base, count: arena.count), as: UTF8.self) == shown)
    }
}

@Suite("OOXML text")
struct OOXMLTextTests {
    @Test("_xHHHH_ escapes decode; _x005F_ protects a literal", arguments: [
        ("a_x000D_b", "a\rb"), ("_x0041_", "A"), ("_x005F_x0041_", "_x0041_"), ("_xD83D__xDE00_", "😀"),
        ("_xD83D_", "\u{FFFD}"), ("_x00e9_t_x00E9_", "été"), ("_x12_", "_x12_"), ("plain", "plain"), ("_xZZZZ_", "_xZZZZ_"),
    ])
    func unescape(stored: String, text: String) {
        var bytes = Array(stored.utf8)
        let length = bytes.withUnsafeMutableBufferPointer { OOXMLText.unescape($0.baseAddress!, $0.count) }
        #expect(String(decoding: bytes[0..<length], as: UTF8.self) == text)
    }

    @Test("Excel counts characters in UTF-16 units")
    func utf16Length() {
        let text = Array("é😀a".utf8)
        #expect(text.withUnsafeBufferPointer { OOXMLText.utf16Length($0.baseAddress!, $0.count) } == 4)
    }
}

@Suite("Package relationships")
struct RelationshipTests {
    @Test("targets resolve against the source part's folder; absolute ones from the root", arguments: [
        ("worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("../book/wb.xml", "xl/", "book/wb.xml"),
        ("./sharedStrings.xml", "xl/", "xl/sharedStrings.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
        ("worksheets\\sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("my%20sheet.xml", "xl/", "xl/my sheet.xml"),
    ])
    func resolve(target: String, folder: String, part: String) {
        #expect(WorkbookPackage.resolve(target, from: folder) == part)
    }

    @Test("part names match case-insensitively with \\ as /")
    func keys() {
        #expect(ZipEntry.key(for: "XL\\Worksheets\\Sheet1.xml") == ZipEntry.key(for: "xl/worksheets/sheet1.xml"))
        #expect(ZipEntry.key(for: "/xl/workbook.xml") == "xl/workbook.xml")
    }
}

@Suite("Column keys")
struct ColumnKeyTests {
    @Test("names match without case, accents or spaces", arguments: [
        ("Prénom", "PRENOM"), ("Téléphone 2", "TELEPHONE2"), ("  Date de naissance", "DATEDENAISSANCE"),
    ])
    func matching(a: String, b: String) {
        #expect(ColumnKey.of(a) == ColumnKey.of(b))
    }

    @Test("a person's name for a column finds it; the loose key only when the exact one finds nothing")
    func find() {
        let headers = ["_phone", "Phone", "AUTORISE_SMS", "E-mail", "TEL_2", "TEL 2"]
        #expect(ColumnKey.find("autorise sms", in: headers) == 2)
        #expect(ColumnKey.find("email", in: headers) == 3)
        #expect(ColumnKey.find("phone", in: headers) == 1)
        #expect(ColumnKey.find("_PHONE", in: headers) == 0)
        #expect(ColumnKey.find("tel 2", in: headers) == 5)
        #expect(ColumnKey.find("tel2", in: headers) == 5)
        #expect(ColumnKey.find("tel-2", in: headers) == nil, "two headers match loosely: ambiguous")
    }

    @Test("Excel's column letters", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func letters(index: Int, letters: String) {
        #expect(ColumnKey.letters(index) == letters)
    }
}
