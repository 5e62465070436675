import Foundation
import Testing

/// `texto-import` reads every cell of real workbooks as python-calamine does
/// (`Cases/calamine/NAME[--SHEET].csv`, made by `Tests/oracle/make_goldens.py`),
/// except where we deliberately show what Excel shows: each such cell is
/// listed, with both values and the reason, in `Cases/calamine/DEVIATIONS.csv`.
/// Numbers compare equal to Excel's 15 significant digits, unless either side
/// has a leading zero (that is a difference of display, and must be listed).
@Suite("Agreement with python-calamine")
struct CalamineAgreementTests {
    struct Golden: CustomTestStringConvertible, Sendable {
        var name: String
        var testDescription: String { name }
    }

    static let folder = GoldenCase.root.appendingPathComponent("calamine")

    static var goldens: [Golden] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") && $0 != "DEVIATIONS.csv" }.sorted()
            .map { Golden(name: String($0.dropLast(4))) }
    }

    struct Deviation: Hashable {
        var golden: String
        var row: Int
        var column: String
        var texto: String
        var calamine: String
    }

    static let deviations: Set<Deviation> = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("DEVIATIONS.csv"), encoding: .utf8) else { return [] }
        return Set(parseCSV(text).dropFirst().map {
            Deviation(golden: $0[0], row: Int($0[1]) ?? 0, column: $0[2], texto: $0[3], calamine: $0[4])
        })
    }()

    @Test("every cell as calamine reads it, or a listed deviation", arguments: goldens)
    func agreement(_ golden: Golden) throws {
        let parts = golden.name.components(separatedBy: "--")
        let fixture = ["xlsx", "xlsx/quirks"].map { "\($0)/\(parts[0]).xlsx" }
            .first { FileManager.default.fileExists(atPath: StageRun.fixture($0).path) }
        let input = try #require(fixture, "no fixture for \(golden.name)")
        let theirs = parseCSV(try String(contentsOf: Self.folder.appendingPathComponent(golden.name + ".csv"), encoding: .utf8))
        // Reading is what is compared: the first column stands for the phone
        // column, so that every row lands in one of the two outputs.
        let firstHeader = try #require(theirs.first?.first)
        var arguments = [URL(fileURLWithPath: input).lastPathComponent, "-o", "contacts.csv", "--rejects", "rejects.csv",
                         "--phone-columns", firstHeader]
        if parts.count > 1 { arguments += ["--sheet", parts[1]] }
        let run = try StageRun.run("texto-import", arguments, inputs: [input])
        defer { run.cleanUp() }
        #expect(run.status == 0 || run.status == 65, run.context)

        // Contacts and rejects together, back in row order, under one header.
        let contacts = parseCSV(try run.file("contacts.csv"))
        let rejects = parseCSV(try run.file("rejects.csv"))
        let rows = (contacts.dropFirst().map { (Int($0[1]) ?? 0, Array($0.dropFirst(4))) }
            + rejects.dropFirst().map { (Int($0[1]) ?? 0, Array($0.dropFirst(6))) }).sorted { $0.0 < $1.0 }
        let ours = [Array(contacts[0].dropFirst(4))] + rows.map(\.1)
        var found: Set<Deviation> = []
        for index in 0..<max(ours.count, theirs.count) {
            let mine = index < ours.count ? ours[index] : []
            let reference = index < theirs.count ? theirs[index] : []
            for column in 0..<max(mine.count, reference.count) {
                let a = column < mine.count ? mine[column] : ""
                let b = column < reference.count ? reference[column] : ""
                if a == b || Self.sameNumber(a, b) { continue }
                let deviation = Deviation(golden: golden.name, row: index + 1, column: Self.letters(column), texto: a, calamine: b)
                found.insert(deviation)
                #expect(Self.deviations.contains(deviation), "row \(index + 1), column \(Self.letters(column)): texto \(a.debugDescription), calamine \(b.debugDescription) (not in DEVIATIONS.csv)")
            }
        }
        let listed = Self.deviations.filter { $0.golden == golden.name }
        #expect(listed.subtracting(found).isEmpty, "listed deviations that no longer occur: \(listed.subtracting(found))")
    }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        func leadingZero(_ text: String) -> Bool { text.range(of: #"^-?0\d"#, options: .regularExpression) != nil }
        guard !leadingZero(a), !leadingZero(b), let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-14 * max(abs(x), abs(y))
    }

    static func letters(_ index: Int) -> String {
        var index = index + 1
        var result = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + remainder))) + result
            index = (index - 1) / 26
        }
        return result
    }
}
