import Foundation
import TestSupport
import Testing
@testable import Tables

/// Workbooks from `XLSXWriter` as other programs read them: openpyxl,
/// python-calamine and LibreOffice, each when installed. The sample has
/// empty cells between values and no `r` references (see `SheetXML`).
@Suite("XLSX writer, read by other programs")
struct XLSXWriterInteropTests {
    static let header = ["Téléphone", "Nom", "Fichier", "Ligne", "Envoi", "Statut", "Taux", "Erreur"]

    /// `sample.xlsx` in a fresh folder: three rows, every kind of cell,
    /// empty ones in the middle and at the end.
    static func sample() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let path = folder.file("sample.xlsx")
        let writer = try XLSXWriter(path: path, dateFormat: "dd/mm/yyyy hh:mm:ss")
        try writer.startSheet(named: "Messages", header: header, widths: [14, 20, 16, 8, 19, 10, 8, 12])
        try writer.appendRow([.uniqueText("0612345678"), .uniqueText("Zoë & Co <1>"), .text("clients.csv"), .integer(2),
                              .dateTime(XLSXWriterTests.morning), .text("delivered"), .percent(0.947), .empty])
        try writer.appendRow([.uniqueText("+33 6 30 05 06 60"), .empty, .text("clients.csv"), .integer(3),
                              .empty, .text("failed"), .number(0.5), .text("E42")])
        try writer.appendRow([.uniqueText(" 0700000000 "), .uniqueText("'quoted"), .empty, .integer(4),
                              .dateTime(XLSXWriterTests.midnight)])
        try writer.commit()
        return folder
    }

    @Test("openpyxl reads values, types, the bold header, the frozen pane, the autofilter and the formats",
          .enabled(if: Interop.has(module: "openpyxl"), "needs python3 with openpyxl"))
    func openpyxl() throws {
        let folder = try Self.sample()
        let path = folder.file("sample.xlsx")
        let script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.column_dimensions["B"].width)
            for row in ws.iter_rows():
                print(" | ".join(f"{c.coordinate} {type(c.value).__name__} {c.value!r} {c.number_format}{' bold' if c.font.b else ''}" for c in row if c.value is not None))
            """
        let expected = """
            Messages A2 A1:H4 20.0
            A1 str 'Téléphone' General bold | B1 str 'Nom' General bold | C1 str 'Fichier' General bold | D1 str 'Ligne' General bold | E1 str 'Envoi' General bold | F1 str 'Statut' General bold | G1 str 'Taux' General bold | H1 str 'Erreur' General bold
            A2 str '0612345678' General | B2 str 'Zoë & Co <1>' General | C2 str 'clients.csv' General | D2 int 2 General | E2 datetime datetime.datetime(2026, 11, 22, 10, 30) dd/mm/yyyy hh:mm:ss | F2 str 'delivered' General | G2 float 0.947 0.0%
            A3 str '+33 6 30 05 06 60' General | C3 str 'clients.csv' General | D3 int 3 General | F3 str 'failed' General | G3 float 0.5 General | H3 str 'E42' General
            A4 str ' 0700000000 ' General | B4 str "'quoted" General | D4 int 4 General | E4 datetime datetime.datetime(2026, 11, 22, 0, 0) dd/mm/yyyy hh:mm:ss

            """
        #expect(try Interop.run(script, path) == expected)
    }

    @Test("python-calamine reads every cell in its column", .enabled(if: Interop.has(module: "python_calamine"), "needs python3 with python-calamine"))
    func calamine() throws {
        let folder = try Self.sample()
        let path = folder.file("sample.xlsx")
        let script = """
            import sys, python_calamine
            for row in python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Messages").to_python():
                print(row)
            """
        let expected = """
            ['Téléphone', 'Nom', 'Fichier', 'Ligne', 'Envoi', 'Statut', 'Taux', 'Erreur']
            ['0612345678', 'Zoë & Co <1>', 'clients.csv', 2.0, datetime.datetime(2026, 11, 22, 10, 30), 'delivered', 0.947, '']
            ['+33 6 30 05 06 60', '', 'clients.csv', 3.0, '', 'failed', 0.5, 'E42']
            [' 0700000000 ', "'quoted", '', 4.0, datetime.date(2026, 11, 22), '', '', '']

            """
        #expect(try Interop.run(script, path) == expected)
    }

    @Test("LibreOffice converts the sheet to the CSV Excel would show", .enabled(if: Interop.has(program: "soffice"), "needs LibreOffice (soffice)"))
    func libreOffice() throws {
        let folder = try Self.sample()
        let path = folder.file("sample.xlsx")
        // A profile of its own, so that it runs beside another LibreOffice.
        // The filter's options: comma, double quote, UTF-8 (76), from line
        // 1, text quoted only when needed, cells as shown.
        let profile = folder.file("profile")
        let output = try Interop.execute("soffice", ["-env:UserInstallation=file://\(profile)", "--headless", "--convert-to",
                                                     "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                                                     "--outdir", folder.path, path])
        let csv = try String(contentsOfFile: folder.file("sample.csv"), encoding: .utf8)
        let expected = """
            Téléphone,Nom,Fichier,Ligne,Envoi,Statut,Taux,Erreur
            0612345678,Zoë & Co <1>,clients.csv,2,22/11/2026 10:30:00,delivered,94.7%,
            +33 6 30 05 06 60,,clients.csv,3,,failed,0.5,E42
             0700000000 ,'quoted,,4,22/11/2026 00:00:00,,,

            """
        #expect(csv == expected, "soffice said: \(output)")
    }
}
