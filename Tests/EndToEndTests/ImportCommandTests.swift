import Foundation
import Testing

/// What golden files cannot hold: the JSON summary (it has timings).
@Suite("texto-import command")
struct ImportCommandTests {
    struct Summary: Decodable {
        struct Input: Decodable {
            var file: String
            var format: String
            var sheet: String?
            var encoding: String?
            var separator: String?
            var separatorLine: Bool?
            var headerRow: Int
            var columns: Int
            var phoneColumns: [String]
            var rows: Int
            var contacts: Int
            var rejects: Int
            var blankRows: Int
            var raggedRows: Int
            var bytes: Int
            var seconds: Double
        }
        var inputs: [Input]
        var rows: Int
        var contacts: Int
        var rejects: Int
        var reasons: [String: Int]
        var regions: [String: Int]
        var columns: Int
        var seconds: Double
    }

    @Test("--summary writes what was read, per input")
    func summary() throws {
        let run = try StageRun.run(
            "texto-import",
            ["sep-line.csv", "libreoffice.xlsx", "ragged.csv", "-o", "contacts.csv", "--rejects", "rejects.csv", "--summary", "summary.json"],
            inputs: ["csv/sep-line.csv", "xlsx/libreoffice.xlsx", "csv/ragged.csv"])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(run.file("summary.json").utf8))
        #expect(summary.inputs.map(\.format) == ["csv", "xlsx", "csv"])
        let csv = summary.inputs[0]
        #expect(csv.encoding == "Windows-1252")
        #expect(csv.separator == ";")
        #expect(csv.separatorLine == true)
        #expect(csv.headerRow == 1)
        #expect(csv.rows == 12)
        let workbook = summary.inputs[1]
        #expect(workbook.sheet == "Contacts")
        #expect(workbook.encoding == nil)
        #expect(summary.inputs[2].raggedRows > 0)
        #expect(summary.rows == summary.inputs.map(\.rows).reduce(0, +))
        #expect(summary.contacts + summary.rejects == summary.rows, "every row lands in one of the two files")
        #expect(summary.reasons.values.reduce(0, +) == summary.rejects)
        #expect(summary.regions.values.reduce(0, +) == summary.contacts)
        #expect(csv.phoneColumns == ["TELEPHONE", "TELEPHONE2"])
        let contacts = parseCSV(try run.file("contacts.csv"))
        let rejects = parseCSV(try run.file("rejects.csv"))
        #expect(contacts.count == summary.contacts + 1)
        #expect(rejects.count == summary.rejects + 1)
        #expect(contacts.allSatisfy { $0.count == summary.columns }, "every row has the header's width")
        #expect(Array(contacts[0].prefix(4)) == ["_source", "_row", "_phone", "_phone_raw"])
        #expect(Array(rejects[0].prefix(6)) == ["_source", "_row", "_phone_raw", "_reason", "_duplicate_of", "_detail"])
    }

    @Test("the same inputs give the same bytes")
    func deterministic() throws {
        let arguments = ["libreoffice.xlsx", "excel-fr-1252.csv", "-o", "contacts.csv", "--rejects", "rejects.csv"]
        let inputs = ["xlsx/libreoffice.xlsx", "csv/excel-fr-1252.csv"]
        let first = try StageRun.run("texto-import", arguments, inputs: inputs)
        let second = try StageRun.run("texto-import", arguments, inputs: inputs)
        defer {
            first.cleanUp()
            second.cleanUp()
        }
        #expect(try first.file("contacts.csv") == second.file("contacts.csv"))
    }

    @Test("outputs hold personal data: created without access for others")
    func permissions() throws {
        let run = try StageRun.run("texto-import", ["utf8-bom.csv", "-o", "contacts.csv", "--rejects", "rejects.csv"], inputs: ["csv/utf8-bom.csv"])
        defer { run.cleanUp() }
        let attributes = try FileManager.default.attributesOfItem(atPath: run.folder.appendingPathComponent("contacts.csv").path)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0, "mode \(String(mode, radix: 8))")
    }
}
