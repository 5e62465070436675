import Testing
@testable import Tables

/// The number formats of `Fixtures/xlsx/number-formats*.xlsx`
/// (`Fixtures/tools/make_number_formats.py`), read as texto-import reads
/// them: each row holds a format's code, a number under it and what Texto
/// must output for that number.
@Suite("Number formats in real workbooks")
struct NumberFormatFixtureTests {
    @Test("every VALUE cell reads as its TEXTO cell", arguments: [
        "xlsx/number-formats.xlsx", "xlsx/number-formats-libreoffice.xlsx",
    ])
    func cells(fixture: String) throws {
        let reader = try TableFile.open(ZipArchiveTests.path(fixture))
        var rows: [[String]] = []
        try reader.forEachRow { row in rows.append((0..<row.count).map { row.string(at: $0) }) }
        #expect(rows.first == ["CODE", "VALUE", "TEXTO"])
        #expect(rows.count == 59, "a header and one row per case")
        for row in rows.dropFirst() {
            #expect(row.count == 3 && row[1] == row[2], "\(row[0]): \(row[1]), expected \(row.count == 3 ? row[2] : "three cells")")
        }
    }
}
